import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisNamespace {
  /** Unique per call, e.g. `test:1a2b3c4d:`; pass it as ioredis `keyPrefix` or BullMQ `prefix`. */
  readonly prefix: string;
  /** A client whose every key is under `prefix` (ioredis keyPrefix). Closed by cleanup(). */
  readonly redis: Redis;
  /** Deletes every key under the prefix (SCAN + UNLINK) and closes the client. Idempotent. */
  cleanup(): Promise<void>;
}

/**
 * Key-prefix isolation on the shared Redis: parallel test files (and engineers) each get their own
 * namespace and remove it afterwards. BullMQ refuses ioredis `keyPrefix`: give it `prefix` instead,
 * with its own connection.
 */
export async function createRedisNamespace(url: string = DEFAULT_TEST_REDIS_URL): Promise<RedisNamespace> {
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(url, { keyPrefix: prefix, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cleaned: Promise<void> | undefined;
  return {
    prefix,
    redis,
    cleanup: () =>
      (cleaned ??= (async () => {
        await deleteKeysWithPrefix(url, prefix);
        redis.disconnect();
      })()),
  };
}

/** Deletes every key starting with `prefix`; returns how many. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  if (prefix.length < 3 || /[*?[\]\\]/.test(prefix))
    throw new Error(`refusing to delete keys for prefix ${prefix}`);
  const raw = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await raw.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await raw.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    raw.disconnect();
  }
  return deleted;
}
