import { z } from 'zod';
import { API_KEY_SCOPES } from '../../../platform/auth/api-key-scopes';
import { PageQuery, pageOf, ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES);

const KeyName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const CreateApiKeyBody = z
  .strictObject({
    name: KeyName,
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1, 'must name at least one scope')
      .max(API_KEY_SCOPES.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
    expiresAt: Timestamp.optional().describe('When the key stops working; must be in the future.'),
  })
  .meta({ id: 'CreateApiKeyRequest' });
export type CreateApiKeyBody = z.output<typeof CreateApiKeyBody>;

export const RotateApiKeyBody = z
  .strictObject({
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(0)
      .describe('How long the old key keeps working; 0 revokes it at once.'),
  })
  .prefault({})
  .meta({ id: 'RotateApiKeyRequest' });
export type RotateApiKeyBody = z.output<typeof RotateApiKeyBody>;

export const ApiKeyIdParams = z.strictObject({ id: ResourceId });

export const ApiKeyStatusSchema = z.enum(['active', 'expired', 'revoked']);

export const ApiKeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(ApiKeyScopeSchema),
    start: z.string().describe('The first characters of the key, to recognise it.'),
    environment: z.enum(['live', 'test']),
    status: ApiKeyStatusSchema,
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable().describe('Updated in batches, so it may lag by up to a minute.'),
    rotatedFromId: z.uuid().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyView = z.output<typeof ApiKeyView>;

export const CreatedApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(ApiKeyScopeSchema),
    start: z.string(),
    key: z.string().describe('The secret key. Shown only in this response: store it now.'),
    environment: z.enum(['live', 'test']),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.output<typeof CreatedApiKey>;

export const ApiKeyPage = pageOf(ApiKeyView, 'ApiKeyPage');
export const ApiKeyListQuery = PageQuery;
