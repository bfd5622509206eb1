import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { JOB_RETRY_POLICIES, JobName, JobProducer } from '@spv-cloud/queue';
import { type Clock, WORKER_CLOCK, WORKER_LOGGER } from '../platform/worker-database';
import { WebhookDeliveriesRepository, type NewWebhookNotice } from './webhook-deliveries.repository';
import { WEBHOOK_HTTP_CLIENT, type WebhookHttpClient } from './webhook-http.client';
import { WEBHOOK_SIGNATURE_HEADER, webhookSignature } from './webhook-signature';

const TIMEOUT_MS = 10_000;
/** Attempts before a delivery is dead (replayable from the API). */
export const MAX_DELIVERY_ATTEMPTS = JOB_RETRY_POLICIES[JobName.DeliverWebhook].maxAttempts;

/** Thrown to let BullMQ retry a failed attempt with the webhook backoff (5 s … 1 h). */
export class WebhookAttemptFailed extends Error {
  override readonly name = 'WebhookAttemptFailed';
}

export type DeliveryOutcome = 'delivered' | 'dead' | 'skipped';

/**
 * Webhooks: `notify` records one delivery per subscribed endpoint (idempotent per notice) and queues
 * it; `deliver` POSTs it signed with the endpoint's secret and a timestamp, records the attempt, and
 * throws on failure so the job retries with backoff, until the last attempt marks it dead.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly repository: WebhookDeliveriesRepository,
    private readonly producer: JobProducer,
    @Inject(WEBHOOK_HTTP_CLIENT) private readonly http: WebhookHttpClient,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async notify(tenantId: string, notices: readonly NewWebhookNotice[]): Promise<number> {
    const ids = await this.repository.createDeliveries(tenantId, notices);
    for (const deliveryId of ids) await this.producer.deliverWebhook({ tenantId, deliveryId });
    return ids.length;
  }

  async deliver(tenantId: string, deliveryId: string): Promise<DeliveryOutcome> {
    const delivery = await this.repository.find(tenantId, deliveryId);
    if (!delivery || delivery.status !== 'PENDING' || !delivery.endpoint.enabled) return 'skipped';
    const at = this.clock.now();
    const body = JSON.stringify({
      id: delivery.id,
      type: delivery.eventType,
      createdAt: at.toISOString(),
      data: delivery.payload,
    });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'SPV-Cloud-Webhooks/1',
      'spv-delivery-id': delivery.id,
      'spv-event-type': delivery.eventType,
      [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(
        delivery.endpoint.signingSecret,
        Math.floor(at.getTime() / 1000),
        body,
      ),
    };
    let status: number | null = null;
    let excerpt: string | null = null;
    let error: string | null = null;
    try {
      const response = await this.http.post(delivery.endpoint.url, body, headers, TIMEOUT_MS);
      status = response.status;
      excerpt = response.bodyExcerpt;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message.slice(0, 300) : 'request failed';
    }
    const ok = error === null;
    const last = delivery.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
    await this.repository.recordAttempt(tenantId, delivery, {
      ok,
      responseStatus: status,
      responseBodyExcerpt: excerpt,
      error,
      status: ok ? 'SUCCEEDED' : last ? 'DEAD' : 'PENDING',
      at,
    });
    if (ok) return 'delivered';
    if (last) {
      this.logger.warn(
        { deliveryId, url: delivery.endpoint.url, error },
        'webhook delivery gave up (replayable)',
      );
      return 'dead';
    }
    throw new WebhookAttemptFailed(`webhook ${deliveryId}: ${error}`);
  }
}
