import type { BlockHeader } from '@spv-cloud/chainweb';

/**
 * Verified headers by block hash. Headers never change, so entries need no invalidation; the cache
 * only bounds memory. An interface so the worker can keep them in Redis (store encodeBlockHeader bytes).
 */
export interface HeaderCache {
  get(hash: Buffer): Promise<BlockHeader | undefined> | BlockHeader | undefined;
  set(header: BlockHeader): Promise<void> | void;
}

/** In-process LRU cache (Map insertion order as recency). */
export class LruHeaderCache implements HeaderCache {
  private readonly entries = new Map<string, BlockHeader>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('header cache capacity must be a positive integer');
  }

  get(hash: Buffer): BlockHeader | undefined {
    const key = hash.toString('base64url');
    const header = this.entries.get(key);
    if (header === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, header);
    return header;
  }

  set(header: BlockHeader): void {
    const key = header.hash.toString('base64url');
    this.entries.delete(key);
    this.entries.set(key, header);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
