import {
  checkRetryPolicy,
  mayRetry,
  nominalRetryDelayMs,
  retryDelayMs,
  type RetryPolicy,
} from './retry-policy';
import { jobBackoffDelayMs } from './job-consumer';
import { JOB_RETRY_POLICIES } from './job-options';
import { JobName } from './queue-names';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };

describe('retry policy', () => {
  it('doubles the nominal delay per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 60].map((n) => nominalRetryDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('jitters within [nominal/2, nominal]', () => {
    expect(retryDelayMs(policy, 3, () => 0)).toBe(2_000);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(policy, 3, () => 0.999999)).toBe(4_000);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(policy, 4);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('treats a broken random source as no jitter instead of NaN', () => {
    expect(retryDelayMs(policy, 2, () => Number.NaN)).toBe(1_000);
    expect(retryDelayMs(policy, 2, () => 7)).toBe(2_000);
  });

  it('allows exactly maxAttempts attempts', () => {
    expect([0, 4, 5, 6].map((made) => mayRetry(policy, made))).toEqual([true, true, false, false]);
  });

  it('rejects nonsense policies and attempts', () => {
    expect(() => checkRetryPolicy({ maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 })).toThrow(
      expect.objectContaining({ code: 'QUEUE_CONFIG_INVALID' }),
    );
    expect(() => checkRetryPolicy({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 5 })).toThrow(/baseDelayMs/);
    expect(() => nominalRetryDelayMs(policy, 0)).toThrow(/positive integer/);
    expect(checkRetryPolicy(policy)).toBe(policy);
    for (const each of Object.values(JOB_RETRY_POLICIES)) expect(checkRetryPolicy(each)).toBe(each);
  });

  it('gives BullMQ each job kind its own backoff', () => {
    expect(jobBackoffDelayMs(JobName.AnchorBatch, 1, () => 1)).toBe(1_000);
    expect(jobBackoffDelayMs(JobName.AnchorBatch, 30, () => 1)).toBe(60_000);
    expect(jobBackoffDelayMs(JobName.DeliverWebhook, 30, () => 1)).toBe(3_600_000);
    expect(jobBackoffDelayMs('not-a-job', 3)).toBe(1_000);
  });
});
