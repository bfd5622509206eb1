import { Injectable } from '@nestjs/common';
import { JobName, JobProducer, type JobPayloads } from '@spv-cloud/queue';
import { BatchSealer } from '../batching/batch-sealer.service';
import type { JobProcessor } from '../queue/job-processor';

/** seal-events: seal the tenant's due batches, anchor each, and come back when the next window ends. */
@Injectable()
export class SealEventsProcessor implements JobProcessor<JobName.SealEvents> {
  readonly jobName = JobName.SealEvents;

  constructor(
    private readonly sealer: BatchSealer,
    private readonly producer: JobProducer,
  ) {}

  async process(payload: JobPayloads[JobName.SealEvents]): Promise<void> {
    const outcome = await this.sealer.seal(payload.tenantId);
    for (const batch of outcome.sealed)
      await this.producer.anchorBatch({ tenantId: payload.tenantId, batchId: batch.batchId });
    if (outcome.nextDueAt) await this.producer.sealWhenDue(payload.tenantId, outcome.nextDueAt.getTime());
  }
}
