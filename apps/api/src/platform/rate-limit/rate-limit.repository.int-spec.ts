import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimitRepository } from './rate-limit.repository';

describe('RateLimitRepository (real Redis)', () => {
  const prefix = `spvtest:ratelimit:${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  let repository: RateLimitRepository;

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { keyPrefix: prefix });
    repository = new RateLimitRepository(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    // KEYS answers full names; a client without the prefix deletes them as they are.
    const unprefixed = new Redis('redis://127.0.0.1:6379');
    if (keys.length) await unprefixed.del(...keys);
    unprefixed.disconnect();
    redis.disconnect();
  });

  it('admits the burst, then refuses with the wait until the next token', async () => {
    const bucket = { key: 'burst', capacity: 3, refillPerMinute: 6, want: 1 };
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await repository.take([bucket]));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((decision) => decision.buckets[0]!.remaining)).toEqual([2, 1, 0, 0]);
    // 6 per minute: one token every 10 s.
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(9_000);
    expect(decisions[3]!.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(decisions[2]!.buckets[0]!.msUntilFull).toBeGreaterThan(29_000);
    expect(await redis.pttl('ratelimit:burst')).toBeGreaterThan(29_000);
  });

  it('refills with time', async () => {
    const bucket = { key: 'refill', capacity: 2, refillPerMinute: 60_000, want: 1 }; // one token per ms
    await repository.take([bucket]);
    await repository.take([bucket]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const decision = await repository.take([bucket]);
    expect(decision.allowed).toBe(true);
    expect(decision.buckets[0]!.remaining).toBe(1);
  });

  it('charges several buckets all or nothing', async () => {
    const narrow = { key: 'narrow', capacity: 1, refillPerMinute: 1, want: 1 };
    const wide = { key: 'wide', capacity: 10, refillPerMinute: 1, want: 1 };
    expect((await repository.take([wide, narrow])).allowed).toBe(true);
    const refused = await repository.take([wide, narrow]);
    expect(refused.allowed).toBe(false);
    // The refused request did not spend a token of the wide bucket.
    expect(refused.buckets.map((bucket) => bucket.remaining)).toEqual([9, 0]);
  });

  it('gives up to `want` tokens at once, never more than the bucket holds', async () => {
    const bucket = { key: 'lease', capacity: 10, refillPerMinute: 1, want: 4 };
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await repository.take([bucket]));
    expect(takes.map((take) => take.allowed)).toEqual([true, true, true, false]);
    expect(takes.map((take) => take.buckets[0]!.taken)).toEqual([4, 4, 2, 0]);
    expect(takes[2]!.buckets[0]!.remaining).toBe(0);
  });

  it('is atomic under concurrency', async () => {
    const bucket = { key: 'race', capacity: 25, refillPerMinute: 1, want: 1 };
    const decisions = await Promise.all(Array.from({ length: 100 }, () => repository.take([bucket])));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
  });
});
