import { z } from 'zod';
import { PROOF_JOB_PAYLOAD_SCHEMAS, type ProofJobPayloads } from './proof-jobs';
import { JobName } from './queue-names';

// Payloads carry ids, never blobs: the database holds the state, a job only says what to look at.
// Every tenant job names its tenant (the worker opens a tenant-scoped transaction with it); the
// only system job is the sweep, which exists to find tenants' work across tenants.

const TenantId = z.uuid({ error: 'tenantId must be a UUID' });
const ResourceId = z.uuid();
/** A Chainweb block hash as chainweb-node writes it: 32 bytes, unpadded base64url. */
export const BlockHashText = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes of unpadded base64url');

export const SEAL_TRIGGERS = ['ingest', 'due', 'sweep'] as const;
export type SealTrigger = (typeof SEAL_TRIGGERS)[number];

export const SealEventsPayload = z.strictObject({
  tenantId: TenantId,
  /** Why the batcher looks: new events arrived, a group's window ends, or the sweep found overdue events. */
  trigger: z.enum(SEAL_TRIGGERS),
});
export type SealEventsPayload = z.output<typeof SealEventsPayload>;

export const AnchorBatchPayload = z.strictObject({ tenantId: TenantId, batchId: ResourceId });
export type AnchorBatchPayload = z.output<typeof AnchorBatchPayload>;

export const BuildBatchProofsPayload = z.strictObject({
  tenantId: TenantId,
  batchId: ResourceId,
  /** The anchoring block the proofs are built against; a new block (after a fork) is a new job. */
  blockHash: BlockHashText,
});
export type BuildBatchProofsPayload = z.output<typeof BuildBatchProofsPayload>;

export const DeliverWebhookPayload = z.strictObject({ tenantId: TenantId, deliveryId: ResourceId });
export type DeliverWebhookPayload = z.output<typeof DeliverWebhookPayload>;

/** System job (no tenant): finds overdue events and stalled batches of every tenant and re-nudges them. */
export const SweepAnchoringPayload = z.strictObject({});
export type SweepAnchoringPayload = z.output<typeof SweepAnchoringPayload>;

export const JOB_PAYLOAD_SCHEMAS = {
  [JobName.SealEvents]: SealEventsPayload,
  [JobName.AnchorBatch]: AnchorBatchPayload,
  [JobName.BuildBatchProofs]: BuildBatchProofsPayload,
  [JobName.DeliverWebhook]: DeliverWebhookPayload,
  [JobName.SweepAnchoring]: SweepAnchoringPayload,
  ...PROOF_JOB_PAYLOAD_SCHEMAS,
} as const satisfies Record<JobName, z.ZodType>;

export interface JobPayloads extends ProofJobPayloads {
  [JobName.SealEvents]: SealEventsPayload;
  [JobName.AnchorBatch]: AnchorBatchPayload;
  [JobName.BuildBatchProofs]: BuildBatchProofsPayload;
  [JobName.DeliverWebhook]: DeliverWebhookPayload;
  [JobName.SweepAnchoring]: SweepAnchoringPayload;
}
