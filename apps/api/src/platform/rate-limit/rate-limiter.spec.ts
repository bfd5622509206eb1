import { strictMock } from '../../../test/support/strict-mock';
import { ClockRepository } from '../clock/clock.repository';
import { type BucketTake, RateLimitRepository, type TakeResult } from './rate-limit.repository';
import { LEASE_TTL_MS, leaseSize, RateLimiter } from './rate-limiter';

/** A Redis stand-in with plain (non-refilling) buckets. */
function fakeRedis(levels: Record<string, number>) {
  const repository = strictMock(RateLimitRepository);
  repository.take.mockImplementation((buckets: readonly BucketTake[]): Promise<TakeResult> => {
    const allowed = buckets.every((bucket) => (levels[bucket.key] ?? bucket.capacity) >= 1);
    return Promise.resolve({
      allowed,
      retryAfterMs: allowed ? 0 : 1000,
      buckets: buckets.map((bucket) => {
        const level = levels[bucket.key] ?? bucket.capacity;
        const taken = allowed ? Math.max(1, Math.min(bucket.want, Math.floor(level))) : 0;
        levels[bucket.key] = level - taken;
        return {
          key: bucket.key,
          capacity: bucket.capacity,
          taken,
          remaining: level - taken,
          msUntilFull: 500,
        };
      }),
    });
  });
  return repository;
}

describe('RateLimiter', () => {
  let now: number;
  let clock: jest.Mocked<ClockRepository>;

  beforeEach(() => {
    now = 1_000_000;
    clock = strictMock(ClockRepository);
    clock.now.mockImplementation(() => new Date(now));
  });

  it('charges small buckets exactly, one Redis call per request', async () => {
    const repository = fakeRedis({});
    const limiter = new RateLimiter(repository, clock);
    const bucket = { key: 'small', capacity: 3, refillPerMinute: 1 };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take([bucket]));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(repository.take).toHaveBeenCalledTimes(4);
    expect(repository.take.mock.calls[0]![0][0]!.want).toBe(1);
  });

  it('leases 1 % of a large bucket and spends it locally', async () => {
    const levels: Record<string, number> = {};
    const repository = fakeRedis(levels);
    const limiter = new RateLimiter(repository, clock);
    const bucket = { key: 'large', capacity: 5_000, refillPerMinute: 5_000 };
    expect(leaseSize(bucket)).toBe(50);
    for (let i = 0; i < 120; i++) expect((await limiter.take([bucket])).allowed).toBe(true);
    expect(repository.take).toHaveBeenCalledTimes(3);
    // Redis gave out exactly what was leased; 30 leased tokens are still in hand.
    expect(levels.large).toBe(5_000 - 150);
    const state = (await limiter.take([bucket])).buckets[0]!;
    expect(state.remaining).toBe(5_000 - 150 + 29);
  });

  it('never exceeds the shared budget: two instances split one bucket', async () => {
    const levels: Record<string, number> = { shared: 1_000 };
    const a = new RateLimiter(fakeRedis(levels), clock);
    const b = new RateLimiter(fakeRedis(levels), clock);
    const bucket = { key: 'shared', capacity: 1_000, refillPerMinute: 1 };
    let admitted = 0;
    for (let i = 0; i < 1_500; i++) if ((await (i % 3 ? a : b).take([bucket])).allowed) admitted++;
    expect(admitted).toBeLessThanOrEqual(1_000);
    expect(admitted).toBeGreaterThanOrEqual(1_000 - 2 * leaseSize(bucket));
  });

  it('drops unspent leased tokens after the lease lifetime', async () => {
    const levels: Record<string, number> = {};
    const repository = fakeRedis(levels);
    const limiter = new RateLimiter(repository, clock);
    const bucket = { key: 'expiring', capacity: 10_000, refillPerMinute: 1 };
    await limiter.take([bucket]);
    now += LEASE_TTL_MS + 1;
    await limiter.take([bucket]);
    expect(repository.take).toHaveBeenCalledTimes(2);
    expect(levels.expiring).toBe(10_000 - 200);
  });

  it('does not spend local tokens when another bucket refuses', async () => {
    const levels: Record<string, number> = { key: 1 };
    const repository = fakeRedis(levels);
    const limiter = new RateLimiter(repository, clock);
    const tenant = { key: 'tenant', capacity: 10_000, refillPerMinute: 1 };
    const key = { key: 'key', capacity: 10, refillPerMinute: 1 };
    expect((await limiter.take([tenant, key])).allowed).toBe(true);
    const refused = await limiter.take([tenant, key]);
    expect(refused.allowed).toBe(false);
    expect(refused.buckets[0]!.remaining).toBe(10_000 - 100 + 99);
    // The refused request did not consume a leased tenant token.
    expect((await limiter.take([tenant])).buckets[0]!.remaining).toBe(10_000 - 100 + 98);
  });
});
