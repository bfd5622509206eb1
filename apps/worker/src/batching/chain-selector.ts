import { hash } from 'node:crypto';

/**
 * Chooses the chain a routing key anchors on by rendezvous (highest-random-weight) hashing: every
 * chain scores a hash of (key, chain) and the highest score wins. The choice depends only on the key
 * and the set of chains, so every worker agrees without coordination, and when a chain joins only the
 * keys that now score highest on it move (about 1/(n+1) of them); when one leaves, only its own keys
 * move. The key is hashed once (SHA-256); each chain's score mixes that hash with the chain id through
 * murmur3's 32-bit finaliser, so scoring twenty chains costs one hash, not twenty.
 */
export class ChainSelector {
  readonly chains: readonly number[];
  private readonly chainSeeds: Uint32Array;
  private readonly memo = new Map<string, number>();

  constructor(chains: readonly number[]) {
    const unique = [...new Set(chains)].sort((a, b) => a - b);
    if (unique.length === 0) throw new RangeError('ChainSelector needs at least one chain');
    for (const chain of unique) {
      if (!Number.isSafeInteger(chain) || chain < 0 || chain > 0xffffffff)
        throw new RangeError(`not a chain id: ${chain}`);
    }
    this.chains = Object.freeze(unique);
    this.chainSeeds = Uint32Array.from(unique, (chain) => fmix32((chain + 0x9e3779b9) >>> 0));
  }

  select(key: string): number {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const digest = hash('sha256', key, 'buffer');
    const hi = digest.readUInt32BE(0);
    const lo = digest.readUInt32BE(4);
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < this.chains.length; i++) {
      const seed = this.chainSeeds[i]!;
      const first = fmix32((lo ^ seed) >>> 0);
      const second = fmix32((hi ^ first ^ Math.imul(seed, 0x85ebca6b)) >>> 0);
      // 53 bits of score: ties are astronomically rare and go to the lower chain id (still deterministic).
      const score = first * 0x200000 + (second >>> 11);
      if (score > bestScore) {
        bestScore = score;
        best = this.chains[i]!;
      }
    }
    if (this.memo.size >= 100_000) this.memo.clear();
    this.memo.set(key, best);
    return best;
  }
}

/** murmur3's 32-bit finaliser: every input bit flips each output bit with probability ~1/2. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The routing key of an event: the tenant always takes part, so equal routing keys of different
 * tenants spread independently; without a routing key the namespace decides.
 */
export function routingKeyOf(tenantId: string, namespace: string, routingKey: string | null): string {
  return routingKey === null
    ? `${tenantId}\u0000ns\u0000${namespace}`
    : `${tenantId}\u0000rk\u0000${routingKey}`;
}
