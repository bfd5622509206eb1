import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma, WebhookDeliveryStatus } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';

export type WebhookEventType = 'batch.confirmed' | 'event.proof_ready';

export interface NewWebhookNotice {
  readonly type: WebhookEventType;
  /** Deterministic id of what is announced: one delivery per endpoint and notice, however often it is raised. */
  readonly dedupKey: string;
  readonly payload: Prisma.InputJsonObject;
}

export interface DeliveryToSend {
  readonly id: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly eventType: string;
  readonly payload: Prisma.JsonValue;
  readonly endpoint: {
    readonly id: string;
    readonly url: string;
    readonly signingSecret: string;
    readonly enabled: boolean;
  };
}

export interface AttemptResult {
  readonly ok: boolean;
  readonly responseStatus: number | null;
  readonly responseBodyExcerpt: string | null;
  readonly error: string | null;
  /** Final state after this attempt: SUCCEEDED, PENDING (retry), DEAD (given up). */
  readonly status: WebhookDeliveryStatus;
  readonly at: Date;
}

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  /** One delivery per enabled endpoint subscribed to each notice (idempotent); returns the new ones' ids. */
  createDeliveries(tenantId: string, notices: readonly NewWebhookNotice[]): Promise<string[]> {
    if (notices.length === 0) return Promise.resolve([]);
    return this.database.tenant.run(tenantId, async (tx) => {
      const endpoints = await tx.webhookEndpoint.findMany({
        where: { tenantId, enabled: true },
        select: { id: true, eventTypes: true },
      });
      const rows = endpoints.flatMap((endpoint) =>
        notices
          .filter((notice) => endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(notice.type))
          .map((notice) => ({
            tenantId,
            endpointId: endpoint.id,
            eventType: notice.type,
            dedupKey: notice.dedupKey,
            payload: notice.payload,
            nextAttemptAt: new Date(),
          })),
      );
      if (rows.length === 0) return [];
      const created = await tx.webhookDelivery.createManyAndReturn({
        data: rows,
        skipDuplicates: true,
        select: { id: true },
      });
      return created.map((row) => row.id);
    });
  }

  find(tenantId: string, deliveryId: string): Promise<DeliveryToSend | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.webhookDelivery.findFirst({
        where: { tenantId, id: deliveryId },
        select: {
          id: true,
          status: true,
          attempts: true,
          eventType: true,
          payload: true,
          endpoint: { select: { id: true, url: true, signingSecret: true, enabled: true } },
        },
      }),
    );
  }

  async recordAttempt(tenantId: string, delivery: DeliveryToSend, result: AttemptResult): Promise<void> {
    await this.database.tenant.run(tenantId, async (tx) => {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          status: result.status,
          attempts: { increment: 1 },
          lastAttemptAt: result.at,
          responseStatus: result.responseStatus,
          responseBodyExcerpt: result.responseBodyExcerpt,
          lastError: result.error,
          ...(result.ok ? { deliveredAt: result.at, nextAttemptAt: null } : {}),
        },
      });
      await tx.webhookEndpoint.update({
        where: { id: delivery.endpoint.id },
        data: result.ok
          ? { lastSuccessAt: result.at, failureCount: 0 }
          : { lastFailureAt: result.at, failureCount: { increment: 1 } },
      });
    });
  }
}
