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

  /** Puts commands taken for a block that was not made back in front, in their order. */
  restore(chainId: number, commands: readonly ParsedPactCommand[]): void {
    const rest = this.pending.get(chainId) ?? new Map<string, ParsedPactCommand>();
    const chain = new Map(commands.map((c) => [c.hash, c] as const));
    for (const [requestKey, command] of rest) if (!chain.has(requestKey)) chain.set(requestKey, command);
    this.pending.set(chainId, chain);
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
