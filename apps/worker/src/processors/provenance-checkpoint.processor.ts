import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { ProvenanceCheckpointer } from '@spv-cloud/proof-service';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import { WORKER_LOGGER } from '../platform/worker-database';
import type { JobProcessor } from '../queue/job-processor';

/** checkpoint-provenance: audit the log, write a signed checkpoint on cadence, anchor and confirm it on chain. */
@Injectable()
export class ProvenanceCheckpointProcessor implements JobProcessor<JobName.CheckpointProvenance> {
  readonly jobName = JobName.CheckpointProvenance;

  constructor(
    private readonly checkpointer: ProvenanceCheckpointer,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async process(_payload: JobPayloads[JobName.CheckpointProvenance]): Promise<void> {
    const run = await this.checkpointer.run();
    if (run.written !== null || run.submitted > 0 || run.confirmed > 0) {
      this.logger.info(
        {
          written: run.written?.toString() ?? null,
          submitted: run.submitted,
          confirmed: run.confirmed,
          size: run.audit.size.toString(),
        },
        'provenance checkpoint',
      );
    }
  }
}
