import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { QueueError } from './queue.errors';
import { JobName } from './queue-names';
import type { RetryPolicy } from './retry-policy';

// The proof service's part of the queue contract (issue 6), kept in its own file and spread into the
// shared tables (job-payloads.ts, job-options.ts). Chain proofs are public chain data shared by
// every tenant that asked (one generation for all of them), so their jobs name the shared row,
// not a tenant; the tenants are reached through their proof requests.

const ResourceId = z.uuid();

/** Generate (or refresh) one chain proof row: locate the tx, wait until reachable, build, store, issue. */
export const GenerateProofPayload = z.strictObject({ chainProofId: ResourceId });
export type GenerateProofPayload = z.output<typeof GenerateProofPayload>;

/** System sweep: refresh proofs nearing expiry, expire stale watches, re-nudge lost generation jobs. */
export const SweepProofsPayload = z.strictObject({});
export type SweepProofsPayload = z.output<typeof SweepProofsPayload>;

/** System sweep: delete what retention says is over (receipts, provenance). */
export const SweepRetentionPayload = z.strictObject({});
export type SweepRetentionPayload = z.output<typeof SweepRetentionPayload>;

/** System job: audit the provenance log, write a signed checkpoint and anchor it on chain. */
export const CheckpointProvenancePayload = z.strictObject({});
export type CheckpointProvenancePayload = z.output<typeof CheckpointProvenancePayload>;

export const PROOF_JOB_PAYLOAD_SCHEMAS = {
  [JobName.GenerateProof]: GenerateProofPayload,
  [JobName.SweepProofs]: SweepProofsPayload,
  [JobName.SweepRetention]: SweepRetentionPayload,
  [JobName.CheckpointProvenance]: CheckpointProvenancePayload,
} as const;

export interface ProofJobPayloads {
  [JobName.GenerateProof]: GenerateProofPayload;
  [JobName.SweepProofs]: SweepProofsPayload;
  [JobName.SweepRetention]: SweepRetentionPayload;
  [JobName.CheckpointProvenance]: CheckpointProvenancePayload;
}

/**
 * Retries of proof jobs that threw (node, S3 or database unreachable). A proof waiting for its
 * transaction or for reachability does not throw: it re-delays itself and costs no attempt.
 */
export const PROOF_JOB_RETRY_POLICIES = {
  [JobName.GenerateProof]: { maxAttempts: 12, baseDelayMs: 1_000, maxDelayMs: 120_000 },
  [JobName.SweepProofs]: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  [JobName.SweepRetention]: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  [JobName.CheckpointProvenance]: { maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 60_000 },
} as const satisfies Record<keyof ProofJobPayloads, RetryPolicy>;

const DAY_S = 86_400;
/** job-options.ts's JOB_BACKOFF_TYPE (not imported: job-options.ts spreads this file's tables). */
const BACKOFF_TYPE = 'spv-policy';

export const PROOF_JOB_DEFAULT_OPTIONS = {
  // Kept a day once done, so a duplicate request arriving right after completion is still one job.
  [JobName.GenerateProof]: {
    attempts: PROOF_JOB_RETRY_POLICIES[JobName.GenerateProof].maxAttempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: DAY_S },
    removeOnFail: { age: 7 * DAY_S },
  },
  [JobName.SweepProofs]: { attempts: 1, removeOnComplete: true, removeOnFail: { age: DAY_S } },
  [JobName.SweepRetention]: { attempts: 1, removeOnComplete: true, removeOnFail: { age: 7 * DAY_S } },
  [JobName.CheckpointProvenance]: {
    attempts: PROOF_JOB_RETRY_POLICIES[JobName.CheckpointProvenance].maxAttempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: true,
    removeOnFail: { age: 7 * DAY_S },
  },
} as const satisfies Record<keyof ProofJobPayloads, JobsOptions>;

/** Plans, as stored on tenants (lower-case). */
export const PLAN_CODES = ['enterprise', 'pro', 'free'] as const;
export type PlanCodeName = (typeof PLAN_CODES)[number];

/**
 * BullMQ priorities of proof generation by the plan of the most important tenant waiting for the
 * proof: lower runs first (enterprise < pro < free). Free jobs still get a share of the workers
 * under saturation (ProofJobProducer.promoteWaitingFreeJob), so they never starve.
 */
export const PROOF_PLAN_PRIORITY: Readonly<Record<PlanCodeName, number>> = { enterprise: 1, pro: 2, free: 3 };

const SAFE_ID = /^[A-Za-z0-9._-]{1,200}$/;

function checkedId(id: string): string {
  if (!SAFE_ID.test(id) || /^\d+$/.test(id)) {
    throw new QueueError('QUEUE_JOB_ID_INVALID', `job id ${JSON.stringify(id)} is not a safe BullMQ id`);
  }
  return id;
}

export const ProofJobIds = {
  /** One generation per chain proof row, whoever asked and however often. */
  generateProof: (chainProofId: string) => checkedId(`proof-generate.${chainProofId}`),
  sweepProofsScheduler: () => checkedId('sweep-proofs'),
  sweepRetentionScheduler: () => checkedId('sweep-retention'),
  checkpointProvenanceScheduler: () => checkedId('checkpoint-provenance'),
} as const;
