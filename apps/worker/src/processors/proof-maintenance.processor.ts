import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { ProofSweeper } from '@spv-cloud/proof-service';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import { WORKER_LOGGER } from '../platform/worker-database';
import type { JobProcessor } from '../queue/job-processor';

/** sweep-proofs: refresh proofs nearing expiry, re-enqueue lost generations, settle watches. */
@Injectable()
export class ProofMaintenanceProcessor implements JobProcessor<JobName.SweepProofs> {
  readonly jobName = JobName.SweepProofs;

  constructor(
    private readonly sweeper: ProofSweeper,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async process(_payload: JobPayloads[JobName.SweepProofs]): Promise<void> {
    const result = await this.sweeper.sweep();
    if (
      result.refreshes + result.renudged + result.stragglers + result.watchesFired + result.watchesExpired >
      0
    ) {
      this.logger.info(result, 'proof sweep');
    }
  }
}
