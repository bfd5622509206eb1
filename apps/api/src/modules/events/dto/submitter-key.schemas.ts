import { z } from 'zod';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const RegisterSubmitterKeyBody = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    publicKey: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be an ed25519 public key: 32 bytes of hex')
      .transform((value) => value.toLowerCase()),
  })
  .meta({ id: 'RegisterSubmitterKeyRequest' });
export type RegisterSubmitterKeyBody = z.output<typeof RegisterSubmitterKeyBody>;

export const SubmitterKeyIdParams = z.strictObject({ id: ResourceId });

export const SubmitterKeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    algorithm: z.literal('ed25519'),
    publicKey: z.string().describe('hex'),
    status: z.enum(['active', 'revoked']),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'SubmitterKey' });
export type SubmitterKeyView = z.output<typeof SubmitterKeyView>;

export const SubmitterKeyList = z
  .object({ items: z.array(SubmitterKeyView) })
  .meta({ id: 'SubmitterKeyList' });
export type SubmitterKeyList = z.output<typeof SubmitterKeyList>;
