import type { Redis } from 'ioredis';
import { contentHashHex } from './object-keys';

export interface ProofCacheOptions {
  /** Seconds a cached bundle lives (refreshed on every hit); 0 disables the cache. */
  readonly ttlSeconds: number;
  /** Key namespace inside the client's own prefix. */
  readonly namespace?: string;
}

/**
 * Hot bundles in Redis by content hash, with a TTL refreshed on each hit, so popular proofs are
 * served without touching object storage. A cache: every failure is a miss (the caller falls back to
 * object storage), never an error, and writes are best effort.
 */
export class ProofCache {
  private readonly namespace: string;
  hits = 0;
  misses = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: ProofCacheOptions,
  ) {
    if (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds < 0) {
      throw new RangeError('proof cache ttlSeconds must be a non-negative integer');
    }
    this.namespace = options.namespace ?? 'proof-bundle:';
  }

  get enabled(): boolean {
    return this.options.ttlSeconds > 0;
  }

  async get(contentHash: Uint8Array): Promise<Buffer | undefined> {
    if (!this.enabled) return undefined;
    const key = this.key(contentHash);
    try {
      const [[, value]] = (await this.redis
        .multi()
        .getBuffer(key)
        .expire(key, this.options.ttlSeconds)
        .exec()) as [[Error | null, Buffer | null]];
      if (value) {
        this.hits++;
        return value;
      }
    } catch {
      // A cache that cannot answer is a miss.
    }
    this.misses++;
    return undefined;
  }

  async set(contentHash: Uint8Array, bytes: Buffer): Promise<boolean> {
    if (!this.enabled) return false;
    try {
      await this.redis.set(this.key(contentHash), bytes, 'EX', this.options.ttlSeconds);
      return true;
    } catch {
      return false;
    }
  }

  async delete(contentHash: Uint8Array): Promise<void> {
    try {
      await this.redis.del(this.key(contentHash));
    } catch {
      // The entry expires on its own.
    }
  }

  private key(contentHash: Uint8Array): string {
    return `${this.namespace}${contentHashHex(contentHash)}`;
  }
}
