import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import { BatchProofService } from '../proofs/batch-proof.service';
import type { JobProcessor } from '../queue/job-processor';

/** build-batch-proofs: build and store every event's anchored proof against the confirmed block. */
@Injectable()
export class BuildBatchProofsProcessor implements JobProcessor<JobName.BuildBatchProofs> {
  readonly jobName = JobName.BuildBatchProofs;

  constructor(private readonly proofs: BatchProofService) {}

  async process(payload: JobPayloads[JobName.BuildBatchProofs]): Promise<void> {
    await this.proofs.build(payload.tenantId, payload.batchId, payload.blockHash);
  }
}
