import { Redis } from 'ioredis';
import { createRedisNamespace, DEFAULT_TEST_REDIS_URL, deleteKeysWithPrefix } from './redis-namespace';

describe('createRedisNamespace', () => {
  it('keeps each namespace apart and removes only its own keys', async () => {
    const first = await createRedisNamespace();
    const second = await createRedisNamespace();
    const raw = new Redis(DEFAULT_TEST_REDIS_URL);
    try {
      expect(first.prefix).not.toBe(second.prefix);
      await first.redis.set('shared-name', 'one');
      await second.redis.set('shared-name', 'two');
      await expect(first.redis.get('shared-name')).resolves.toBe('one');
      await expect(raw.get(`${second.prefix}shared-name`)).resolves.toBe('two');

      await first.cleanup();
      await first.cleanup();
      await expect(raw.exists(`${first.prefix}shared-name`)).resolves.toBe(0);
      await expect(raw.get(`${second.prefix}shared-name`)).resolves.toBe('two');
    } finally {
      await second.cleanup();
      raw.disconnect();
    }
  });

  it('refuses prefixes that would match too much', async () => {
    await expect(deleteKeysWithPrefix(DEFAULT_TEST_REDIS_URL, '')).rejects.toThrow(/refusing/);
    await expect(deleteKeysWithPrefix(DEFAULT_TEST_REDIS_URL, 'spv*')).rejects.toThrow(/refusing/);
  });
});
