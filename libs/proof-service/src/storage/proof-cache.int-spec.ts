import { createRedisNamespace, type RedisNamespace } from '@spv-cloud/testing';
import { Redis } from 'ioredis';
import { sha256 } from './object-keys';
import { ProofCache } from './proof-cache';

describe('ProofCache (real Redis)', () => {
  let namespace: RedisNamespace;

  beforeAll(async () => {
    namespace = await createRedisNamespace();
  });
  afterAll(async () => {
    await namespace?.cleanup();
  });

  it('returns what it stored, under the content hash, with the TTL', async () => {
    const cache = new ProofCache(namespace.redis, { ttlSeconds: 60 });
    const bytes = Buffer.from('{"bundle":1}');
    const hash = sha256(bytes);
    await expect(cache.get(hash)).resolves.toBeUndefined();
    await expect(cache.set(hash, bytes)).resolves.toBe(true);
    await expect(cache.get(hash)).resolves.toEqual(bytes);
    const ttl = await namespace.redis.ttl(`proof-bundle:${hash.toString('hex')}`);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(1);
  });

  it('refreshes the TTL on each hit (hot proofs stay hot)', async () => {
    const cache = new ProofCache(namespace.redis, { ttlSeconds: 100 });
    const bytes = Buffer.from('{"bundle":2}');
    const hash = sha256(bytes);
    await cache.set(hash, bytes);
    const key = `proof-bundle:${hash.toString('hex')}`;
    await namespace.redis.expire(key, 5);
    await cache.get(hash);
    expect(await namespace.redis.ttl(key)).toBeGreaterThan(90);
  });

  it('lets an entry expire', async () => {
    const cache = new ProofCache(namespace.redis, { ttlSeconds: 1 });
    const bytes = Buffer.from('{"bundle":3}');
    const hash = sha256(bytes);
    await cache.set(hash, bytes);
    await namespace.redis.pexpire(`proof-bundle:${hash.toString('hex')}`, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await expect(cache.get(hash)).resolves.toBeUndefined();
  });

  it('deletes entries and does nothing when disabled (ttl 0)', async () => {
    const cache = new ProofCache(namespace.redis, { ttlSeconds: 60 });
    const hash = sha256(Buffer.from('x'));
    await cache.set(hash, Buffer.from('x'));
    await cache.delete(hash);
    await expect(cache.get(hash)).resolves.toBeUndefined();
    const disabled = new ProofCache(namespace.redis, { ttlSeconds: 0 });
    await expect(disabled.set(hash, Buffer.from('x'))).resolves.toBe(false);
    await expect(disabled.get(hash)).resolves.toBeUndefined();
    expect(() => new ProofCache(namespace.redis, { ttlSeconds: -1 })).toThrow(RangeError);
  });

  it('treats an unreachable Redis as a miss, never an error', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    try {
      const cache = new ProofCache(dead, { ttlSeconds: 60 });
      const hash = sha256(Buffer.from('y'));
      await expect(cache.set(hash, Buffer.from('y'))).resolves.toBe(false);
      await expect(cache.get(hash)).resolves.toBeUndefined();
      await expect(cache.delete(hash)).resolves.toBeUndefined();
    } finally {
      dead.disconnect();
    }
  });
});
