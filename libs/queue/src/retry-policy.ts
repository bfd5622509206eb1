import { QueueError } from './queue.errors';

/**
 * How a job (or a step inside one, such as resubmitting an anchor) is retried: exponential backoff
 * from `baseDelayMs`, doubling per attempt, capped at `maxDelayMs`, with "equal jitter" (half fixed,
 * half random) so a burst of failures does not retry in lock step yet every retry waits at least
 * half its nominal delay. After `maxAttempts` attempts the work is given up (alert state).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export function checkRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { maxAttempts, baseDelayMs, maxDelayMs } = policy;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 1000) {
    throw new QueueError('QUEUE_CONFIG_INVALID', 'retry policy: maxAttempts must be an integer in 1..1000');
  }
  if (
    !Number.isFinite(baseDelayMs) ||
    baseDelayMs < 0 ||
    !Number.isFinite(maxDelayMs) ||
    maxDelayMs < baseDelayMs
  ) {
    throw new QueueError('QUEUE_CONFIG_INVALID', 'retry policy: need 0 <= baseDelayMs <= maxDelayMs');
  }
  return policy;
}

/** The nominal (jitter-free) delay before retry number `attempt` (1 = the first retry). */
export function nominalRetryDelayMs(policy: RetryPolicy, attempt: number): number {
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new QueueError('QUEUE_CONFIG_INVALID', 'retry attempt must be a positive integer');
  }
  // 2^(attempt-1) overflows nothing before the cap: stop doubling once past it.
  const exponent = Math.min(attempt - 1, 40);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** The delay before retry number `attempt`: uniform in [nominal/2, nominal]. `random` returns [0, 1). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const nominal = nominalRetryDelayMs(policy, attempt);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.round(nominal / 2 + (nominal / 2) * unit);
}

/** Whether another attempt is allowed after `attemptsMade` attempts. */
export function mayRetry(policy: RetryPolicy, attemptsMade: number): boolean {
  return attemptsMade < policy.maxAttempts;
}
