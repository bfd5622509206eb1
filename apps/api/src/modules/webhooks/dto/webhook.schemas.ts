import { z } from 'zod';
import { PageQuery, pageOf, ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const WEBHOOK_EVENT_TYPES = ['batch.confirmed', 'event.proof_ready'] as const;

export const CreateWebhookBody = z
  .strictObject({
    url: z
      .url({ error: 'must be an absolute URL' })
      .max(2_048)
      .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL'),
    description: z.string().trim().max(200).optional(),
    eventTypes: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .max(WEBHOOK_EVENT_TYPES.length)
      .refine((types) => new Set(types).size === types.length, 'must not repeat a type')
      .default([])
      .describe('Types delivered to this endpoint; empty = all.'),
  })
  .meta({ id: 'CreateWebhookRequest' });
export type CreateWebhookBody = z.output<typeof CreateWebhookBody>;

export const WebhookIdParams = z.strictObject({ id: ResourceId });
export const DeliveryIdParams = z.strictObject({ id: ResourceId });
export const DeliveryListQuery = PageQuery;

export const WebhookView = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    failureCount: z.number().int(),
    lastSuccessAt: Timestamp.nullable(),
    lastFailureAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookView = z.output<typeof WebhookView>;

export const CreatedWebhook = WebhookView.extend({
  signingSecret: z
    .string()
    .describe(
      'Verify deliveries with it: spv-signature is t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<body>")). Shown only here.',
    ),
}).meta({ id: 'CreatedWebhookEndpoint' });
export type CreatedWebhook = z.output<typeof CreatedWebhook>;

export const WebhookList = z.object({ items: z.array(WebhookView) }).meta({ id: 'WebhookEndpointList' });
export type WebhookList = z.output<typeof WebhookList>;

export const DeliveryView = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'dead']),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: Timestamp,
    lastAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.output<typeof DeliveryView>;

export const DeliveryPage = pageOf(DeliveryView, 'WebhookDeliveryPage');
export type DeliveryPage = z.output<typeof DeliveryPage>;
