import type { ParsedPactCommand } from './pact-command';

/** Accepted commands waiting for the next block of their chain, in arrival order. */
export class Mempool {
  private readonly pending = new Map<number, Map<string, ParsedPactCommand>>();

  has(chainId: number, requestKey: string): boolean {
    return this.pending.get(chainId)?.has(requestKey) ?? false;
  }

  add(chainId: number, command: ParsedPactCommand): void {
    let chain = this.pending.get(chainId);
    if (chain === undefined) {
      chain = new Map();
      this.pending.set(chainId, chain);
    }
    chain.set(command.hash, command);
  }

  size(chainId: number): number {
    return this.pending.get(chainId)?.size ?? 0;
  }

  /** Removes and returns up to `max` commands of a chain, oldest first. */
  take(chainId: number, max: number): ParsedPactCommand[] {
    const chain = this.pending.get(chainId);
    if (chain === undefined) return [];
    const taken: ParsedPactCommand[] = [];
    for (const [requestKey, command] of chain) {
      if (taken.length >= max) break;
      taken.push(command);
      chain.delete(requestKey);
    }
    return taken;
  }
}
