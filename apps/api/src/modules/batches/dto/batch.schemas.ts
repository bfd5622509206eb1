import { z } from 'zod';
import { PageQuery, pageOf, ResourceId, Timestamp } from '../../../platform/http/common.schemas';
import { EventNamespace } from '../../events/dto/event.schemas';

export const BATCH_STATUSES = ['open', 'sealed', 'submitted', 'confirmed', 'failed', 'superseded'] as const;
export type BatchStatusView = (typeof BATCH_STATUSES)[number];

export const BatchIdParams = z.strictObject({ id: ResourceId });

export const BatchListQuery = PageQuery.extend({
  namespace: EventNamespace.optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  from: Timestamp.optional().describe('Batches created at or after this instant.'),
  to: Timestamp.optional().describe('Batches created before this instant.'),
}).refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
  message: 'from must be before to',
  path: ['from'],
});
export type BatchListQuery = z.output<typeof BatchListQuery>;

export const BatchView = z
  .object({
    id: z.uuid(),
    status: z.enum(BATCH_STATUSES),
    namespace: z.string(),
    root: z
      .string()
      .nullable()
      .describe('The Merkle root, unpadded base64url (as recorded on chain); null while open.'),
    leafCount: z.number().int(),
    digestAlgorithm: z.string(),
    network: z.string(),
    chainId: z.number().int(),
    requestKey: z.string().nullable().describe('Request key of the anchoring transaction.'),
    blockHash: z.string().nullable(),
    height: z.number().int().nullable(),
    attempts: z.number().int(),
    supersededById: z.uuid().nullable().describe('After a fork: the batch that re-anchored these events.'),
    createdAt: Timestamp,
    sealedAt: Timestamp.nullable(),
    submittedAt: Timestamp.nullable(),
    confirmedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Batch' });
export type BatchView = z.output<typeof BatchView>;

export const BatchPage = pageOf(BatchView, 'BatchPage');
export type BatchPage = z.output<typeof BatchPage>;

export const VerifyProofBody = z
  .strictObject({
    proof: z
      .union([
        z
          .string()
          .min(1)
          .max(4 * 1024 * 1024),
        z.record(z.string(), z.unknown()),
      ])
      .describe(
        'Any proof we issue or chainweb-node serves: the /pact/spv body, its base64url, the proof JSON (object or text), the anchored event proof JSON, or the binary envelope in base64.',
      ),
    expectedTenantId: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Event proofs must belong to this tenant.'),
    expectedChain: z.number().int().min(0).max(0xffff).optional(),
    expectedRoot: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes of unpadded base64url')
      .optional()
      .describe('The block hash (or batch root of an unanchored event proof) the proof must reach.'),
  })
  .meta({ id: 'VerifyProofRequest' });
export type VerifyProofBody = z.output<typeof VerifyProofBody>;

export const PROOF_CHECKS = [
  'decoded',
  'tenant',
  'inclusion',
  'spv',
  'anchor_record',
  'expected_chain',
  'expected_root',
] as const;

export const ProofVerificationView = z
  .object({
    valid: z.boolean(),
    kind: z.enum(['spv', 'anchored-event', 'event']).nullable(),
    form: z.string().nullable(),
    chain: z.number().int().nullable(),
    root: z
      .string()
      .nullable()
      .describe('The root the proof reaches; authenticate it as a canonical block hash of `chain`.'),
    checksPassed: z.array(z.enum(PROOF_CHECKS)),
    reason: z.string().nullable(),
    message: z.string().nullable(),
    requestKey: z.string().nullable(),
    event: z
      .object({
        tenantId: z.string(),
        namespace: z.string(),
        index: z.number().int(),
        digestAlgorithm: z.string(),
        digest: z.string(),
      })
      .nullable(),
    batch: z.object({ id: z.string().nullable(), root: z.string(), leafCount: z.number().int() }).nullable(),
  })
  .meta({ id: 'ProofVerification' });
export type ProofVerificationView = z.output<typeof ProofVerificationView>;
