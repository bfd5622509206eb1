/**
 * Bounded retries with exponential backoff and full jitter (delay drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry − 1))]), so many clients retrying an outage spread out.
 */
export interface RetryPolicy {
  /** Requests in total, including the first (1 = no retry). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
});

/** The cap of the delay before retry number `retry` (1 = the first retry). */
export function backoffCapMs(retry: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** Full jitter: uniform in [0, cap]. `random` returns values in [0, 1). */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * backoffCapMs(retry, policy));
}

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...(overrides ?? {}) };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError('retry.maxAttempts must be an integer ≥ 1');
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0))
    throw new RangeError('retry delays must be ≥ 0');
  return Object.freeze(policy);
}
