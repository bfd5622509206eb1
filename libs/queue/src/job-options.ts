import type { JobsOptions } from 'bullmq';
import { PROOF_JOB_DEFAULT_OPTIONS, PROOF_JOB_RETRY_POLICIES } from './proof-jobs';
import { JobName } from './queue-names';
import type { RetryPolicy } from './retry-policy';

/** The custom backoff type every job uses; workers resolve it with `retryDelayMs(JOB_RETRY_POLICIES[name], n)`. */
export const JOB_BACKOFF_TYPE = 'spv-policy';

/**
 * Retries of a job that threw (node unreachable, database restart…). Work that waits on purpose
 * (an anchor waiting for confirmations) does not throw: it re-delays itself and costs no attempt.
 */
export const JOB_RETRY_POLICIES: Readonly<Record<JobName, RetryPolicy>> = {
  [JobName.SealEvents]: { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 5_000 },
  [JobName.AnchorBatch]: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  [JobName.BuildBatchProofs]: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 60_000 },
  [JobName.DeliverWebhook]: { maxAttempts: 12, baseDelayMs: 5_000, maxDelayMs: 3_600_000 },
  [JobName.SweepAnchoring]: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  ...PROOF_JOB_RETRY_POLICIES,
};

const DAY_S = 86_400;

/** BullMQ options every job of a kind gets (ids and delays are added per job). */
export const JOB_DEFAULT_OPTIONS: Readonly<Record<JobName, JobsOptions>> = {
  // Seal nudges are cheap and many: forget them once done, so the same quantum id may run again later.
  [JobName.SealEvents]: {
    attempts: JOB_RETRY_POLICIES[JobName.SealEvents].maxAttempts,
    backoff: { type: JOB_BACKOFF_TYPE },
    removeOnComplete: true,
    removeOnFail: { age: DAY_S },
  },
  [JobName.AnchorBatch]: {
    attempts: JOB_RETRY_POLICIES[JobName.AnchorBatch].maxAttempts,
    backoff: { type: JOB_BACKOFF_TYPE },
    removeOnComplete: { age: DAY_S },
    removeOnFail: { age: 7 * DAY_S },
  },
  [JobName.BuildBatchProofs]: {
    attempts: JOB_RETRY_POLICIES[JobName.BuildBatchProofs].maxAttempts,
    backoff: { type: JOB_BACKOFF_TYPE },
    removeOnComplete: { age: DAY_S },
    removeOnFail: { age: 7 * DAY_S },
  },
  [JobName.DeliverWebhook]: {
    attempts: JOB_RETRY_POLICIES[JobName.DeliverWebhook].maxAttempts,
    backoff: { type: JOB_BACKOFF_TYPE },
    removeOnComplete: { age: 7 * DAY_S },
    removeOnFail: { age: 30 * DAY_S },
  },
  [JobName.SweepAnchoring]: { attempts: 1, removeOnComplete: true, removeOnFail: { age: DAY_S } },
  ...PROOF_JOB_DEFAULT_OPTIONS,
};

/** BullMQ priorities: lower runs first, and jobs without one run before any prioritised job. */
export const JOB_PRIORITY = {
  /** Re-nudges found by the sweep yield to fresh work. */
  sweep: 10,
} as const;
