import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@spv-cloud/queue';
import type { JobProcessor } from '../queue/job-processor';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';

/** deliver-webhook: one signed POST; a failure throws so BullMQ retries it with the webhook backoff. */
@Injectable()
export class DeliverWebhookProcessor implements JobProcessor<JobName.DeliverWebhook> {
  readonly jobName = JobName.DeliverWebhook;

  constructor(private readonly webhooks: WebhookDeliveryService) {}

  async process(payload: JobPayloads[JobName.DeliverWebhook]): Promise<void> {
    await this.webhooks.deliver(payload.tenantId, payload.deliveryId);
  }
}
