import { Inject, Injectable } from '@nestjs/common';
import type { Database, WebhookDelivery, WebhookEndpoint } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';
import type { PagePosition } from '../../platform/http/page-cursor';

export type WebhookEndpointRecord = WebhookEndpoint;
export type WebhookDeliveryRecord = WebhookDelivery;

@Injectable()
export class WebhooksRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** 'limit_reached' when the tenant already has `limit` endpoints. */
  create(
    tenantId: string,
    input: { url: string; description: string | null; eventTypes: readonly string[]; signingSecret: string },
    limit: number,
  ): Promise<WebhookEndpointRecord | 'limit_reached'> {
    return this.database.tenant.run(tenantId, async (tx) => {
      if ((await tx.webhookEndpoint.count({ where: { tenantId } })) >= limit) return 'limit_reached';
      return tx.webhookEndpoint.create({
        data: {
          tenantId,
          url: input.url,
          description: input.description,
          eventTypes: [...input.eventTypes],
          signingSecret: input.signingSecret,
        },
      });
    });
  }

  list(tenantId: string): Promise<WebhookEndpointRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.webhookEndpoint.findMany({ where: { tenantId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    );
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.database.tenant.run(tenantId, (tx) =>
      tx.webhookEndpoint.deleteMany({ where: { tenantId, id } }),
    );
    return count === 1;
  }

  /** null when the endpoint is not the tenant's. */
  deliveries(
    tenantId: string,
    endpointId: string,
    page: { limit: number; after: PagePosition | undefined },
  ): Promise<WebhookDeliveryRecord[] | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      if (
        !(await tx.webhookEndpoint.findFirst({ where: { tenantId, id: endpointId }, select: { id: true } }))
      )
        return null;
      return tx.webhookDelivery.findMany({
        where: {
          tenantId,
          endpointId,
          ...(page.after
            ? {
                OR: [
                  { createdAt: { lt: page.after.createdAt } },
                  { createdAt: page.after.createdAt, id: { lt: page.after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit + 1,
      });
    });
  }

  /** Makes a delivery pending again with fresh attempts (replay); null when it is not the tenant's. */
  resetForReplay(tenantId: string, deliveryId: string, at: Date): Promise<WebhookDeliveryRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const { count } = await tx.webhookDelivery.updateMany({
        where: { tenantId, id: deliveryId },
        data: { status: 'PENDING', attempts: 0, nextAttemptAt: at, deliveredAt: null },
      });
      return count === 1 ? tx.webhookDelivery.findFirst({ where: { tenantId, id: deliveryId } }) : null;
    });
  }
}
