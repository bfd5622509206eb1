import { createRedisNamespace, MemoryChainweb, type RedisNamespace } from '@spv-cloud/testing';
import { Redis } from 'ioredis';
import { RedisHeaderCache } from './redis-header-cache';

describe('RedisHeaderCache (real Redis)', () => {
  let namespace: RedisNamespace;
  const chain = new MemoryChainweb({ height: 3 });

  beforeAll(async () => {
    namespace = await createRedisNamespace();
  });
  afterAll(async () => {
    await namespace?.cleanup();
  });

  it('stores verified headers by hash, per network, and returns them decoded', async () => {
    const cache = new RedisHeaderCache(namespace.redis, { network: 'development', ttlSeconds: 60 });
    const other = new RedisHeaderCache(namespace.redis, { network: 'testnet04' });
    const header = chain.at(2, 3);
    await expect(cache.get(header.hash)).resolves.toBeUndefined();
    await cache.set(header);
    await expect(cache.get(header.hash)).resolves.toEqual(header);
    await expect(other.get(header.hash)).resolves.toBeUndefined();
    expect(
      await namespace.redis.ttl(`chain-header:development:${header.hash.toString('base64url')}`),
    ).toBeGreaterThan(50);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 1 });
  });

  it('treats a corrupted entry or an unreachable Redis as a miss', async () => {
    const cache = new RedisHeaderCache(namespace.redis, { network: 'development' });
    const header = chain.at(0, 1);
    await namespace.redis.set(
      `chain-header:development:${header.hash.toString('base64url')}`,
      Buffer.from('junk'),
    );
    await expect(cache.get(header.hash)).resolves.toBeUndefined();
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      const offline = new RedisHeaderCache(dead, { network: 'development' });
      await expect(offline.set(header)).resolves.toBeUndefined();
      await expect(offline.get(header.hash)).resolves.toBeUndefined();
    } finally {
      dead.disconnect();
    }
  });
});
