import { hash } from 'node:crypto';

/**
 * Chooses the chain a routing key anchors on by rendezvous (highest-random-weight) hashing: every
 * chain scores H(key ‖ chain) and the highest score wins. The choice depends only on the key and the
 * set of chains, so every worker agrees without coordination, and when a chain joins only the keys
 * that now score highest on it move (about 1/(n+1) of them); when one leaves, only its own keys move.
 */
export class ChainSelector {
  readonly chains: readonly number[];
  private readonly chainSuffixes: readonly Buffer[];
  private readonly memo = new Map<string, number>();

  constructor(chains: readonly number[]) {
    const unique = [...new Set(chains)].sort((a, b) => a - b);
    if (unique.length === 0) throw new RangeError('ChainSelector needs at least one chain');
    for (const chain of unique) {
      if (!Number.isSafeInteger(chain) || chain < 0 || chain > 0xffffffff)
        throw new RangeError(`not a chain id: ${chain}`);
    }
    this.chains = Object.freeze(unique);
    this.chainSuffixes = unique.map((chain) => {
      const suffix = Buffer.alloc(5);
      suffix.writeUInt32BE(chain, 1); // 0x00 separator, then the chain id
      return suffix;
    });
  }

  select(key: string): number {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const keyBytes = Buffer.from(key, 'utf8');
    const input = Buffer.allocUnsafe(keyBytes.length + 5);
    keyBytes.copy(input, 0);
    let best = -1;
    let bestScore = -1n;
    for (let i = 0; i < this.chains.length; i++) {
      this.chainSuffixes[i]!.copy(input, keyBytes.length);
      const score = hash('sha256', input, 'buffer').readBigUInt64BE(0);
      // Ties (astronomically rare) go to the lower chain id: still deterministic.
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

/**
 * The routing key of an event: the tenant always takes part, so equal routing keys of different
 * tenants spread independently; without a routing key the namespace decides.
 */
export function routingKeyOf(tenantId: string, namespace: string, routingKey: string | null): string {
  return routingKey === null
    ? `${tenantId}\u0000ns\u0000${namespace}`
    : `${tenantId}\u0000rk\u0000${routingKey}`;
}
