import { Inject, Injectable } from '@nestjs/common';
import { JobProducer } from '@spv-cloud/queue';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { decodeCursor, toPage } from '../../platform/http/page-cursor';
import type {
  CreateWebhookBody,
  CreatedWebhook,
  DeliveryPage,
  DeliveryView,
  WebhookList,
  WebhookView,
} from './dto/webhook.schemas';
import { WebhookErrors } from './webhooks.errors';
import {
  WebhooksRepository,
  type WebhookDeliveryRecord,
  type WebhookEndpointRecord,
} from './webhooks.repository';
import type { PageQuery } from '../../platform/http/common.schemas';

export const MAX_WEBHOOK_ENDPOINTS = 20;

/** A tenant's webhook endpoints, their deliveries, and replays (the worker delivers). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly producer: JobProducer,
    private readonly crypto: CryptoRepository,
    private readonly clock: ClockRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async create(tenantId: string, input: CreateWebhookBody): Promise<CreatedWebhook> {
    if (this.settings.environment === 'production' && !input.url.startsWith('https://'))
      throw WebhookErrors.urlInsecure();
    const signingSecret = `whsec_${this.crypto.randomBytes(32).toString('base64url')}`;
    const created = await this.repository.create(
      tenantId,
      { url: input.url, description: input.description ?? null, eventTypes: input.eventTypes, signingSecret },
      MAX_WEBHOOK_ENDPOINTS,
    );
    if (created === 'limit_reached') throw WebhookErrors.limitReached(MAX_WEBHOOK_ENDPOINTS);
    return { ...toWebhookView(created), signingSecret };
  }

  async list(tenantId: string): Promise<WebhookList> {
    return { items: (await this.repository.list(tenantId)).map(toWebhookView) };
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!(await this.repository.remove(tenantId, id))) throw WebhookErrors.notFound();
  }

  async deliveries(tenantId: string, endpointId: string, query: PageQuery): Promise<DeliveryPage> {
    const rows = await this.repository.deliveries(tenantId, endpointId, {
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    if (rows === null) throw WebhookErrors.notFound();
    return toPage(rows, query.limit, toDeliveryView);
  }

  /** Delivers again (a dead one, or one the receiver lost): fresh attempts, same delivery id. */
  async replay(tenantId: string, deliveryId: string): Promise<DeliveryView> {
    const delivery = await this.repository.resetForReplay(tenantId, deliveryId, this.clock.now());
    if (!delivery) throw WebhookErrors.deliveryNotFound();
    await this.producer.ensureDeliverWebhook({ tenantId, deliveryId });
    return toDeliveryView(delivery);
  }
}

function toWebhookView(record: WebhookEndpointRecord): WebhookView {
  return {
    id: record.id,
    url: record.url,
    description: record.description,
    eventTypes: record.eventTypes,
    enabled: record.enabled,
    failureCount: record.failureCount,
    lastSuccessAt: record.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: record.lastFailureAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}

function toDeliveryView(record: WebhookDeliveryRecord): DeliveryView {
  return {
    id: record.id,
    endpointId: record.endpointId,
    eventType: record.eventType,
    status: record.status.toLowerCase() as DeliveryView['status'],
    attempts: record.attempts,
    responseStatus: record.responseStatus,
    lastError: record.lastError,
    createdAt: record.createdAt.toISOString(),
    lastAttemptAt: record.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: record.deliveredAt?.toISOString() ?? null,
  };
}
