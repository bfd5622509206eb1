import { decodeBlockHeader, encodeBlockHeader, type BlockHeader } from '@spv-cloud/chainweb';
import type { HeaderCache } from '@spv-cloud/chain-client';
import type { Redis } from 'ioredis';

/**
 * Verified block headers in Redis (binary encoding, by hash), shared by every worker: a proof's
 * headers are fetched from the node once however many proofs use them. Headers never change, so
 * entries only expire to bound memory; any Redis failure is a miss (the client asks the node).
 */
export class RedisHeaderCache implements HeaderCache {
  hits = 0;
  misses = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: { readonly network: string; readonly ttlSeconds?: number },
  ) {}

  async get(hash: Buffer): Promise<BlockHeader | undefined> {
    try {
      const bytes = await this.redis.getBuffer(this.key(hash));
      if (bytes) {
        const header = decodeBlockHeader(bytes);
        // The client re-checks chain and hash; a corrupted entry only costs a node request.
        if (header.hash.equals(hash)) {
          this.hits++;
          return header;
        }
      }
    } catch {
      // A miss.
    }
    this.misses++;
    return undefined;
  }

  async set(header: BlockHeader): Promise<void> {
    try {
      await this.redis.set(
        this.key(header.hash),
        encodeBlockHeader(header),
        'EX',
        this.options.ttlSeconds ?? 86_400,
      );
    } catch {
      // Best effort.
    }
  }

  private key(hash: Buffer): string {
    return `chain-header:${this.options.network}:${hash.toString('base64url')}`;
  }
}
