import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { RetentionSweeper } from '@spv-cloud/proof-service';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import { WORKER_LOGGER } from '../platform/worker-database';
import type { JobProcessor } from '../queue/job-processor';

/** sweep-retention: delete what is past each tenant's retention (never under legal hold), with receipts. */
@Injectable()
export class RetentionSweepProcessor implements JobProcessor<JobName.SweepRetention> {
  readonly jobName = JobName.SweepRetention;

  constructor(
    private readonly sweeper: RetentionSweeper,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async process(_payload: JobPayloads[JobName.SweepRetention]): Promise<void> {
    const result = await this.sweeper.sweep();
    const deleted = result.tenants.filter((tenant) => tenant.outcome === 'deleted');
    if (deleted.length > 0) this.logger.info({ tenants: deleted }, 'retention sweep deleted expired proofs');
  }
}
