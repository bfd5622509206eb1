import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import { BatchAnchoringService } from '../anchoring/batch-anchoring.service';
import type { JobControl, JobProcessor } from '../queue/job-processor';

/** anchor-batch: one step of the batch's anchoring; waiting steps re-delay the same job. */
@Injectable()
export class AnchorBatchProcessor implements JobProcessor<JobName.AnchorBatch> {
  readonly jobName = JobName.AnchorBatch;

  constructor(private readonly anchoring: BatchAnchoringService) {}

  async process(payload: JobPayloads[JobName.AnchorBatch], control: JobControl): Promise<void> {
    const step = await this.anchoring.advance(payload.tenantId, payload.batchId);
    if (step.kind === 'wait') await control.delay(step.delayMs);
  }
}
