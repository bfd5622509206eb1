import type { ProofJobProducer } from '@spv-cloud/queue';
import type { ChainAccessRegistry } from '../chain/chain-access';
import type { ProofRepository } from '../proofs/proof.repository';

export interface HeaderWatchDeps {
  readonly chains: ChainAccessRegistry;
  readonly repository: Pick<ProofRepository, 'pendingOnChain'>;
  readonly jobs: Pick<ProofJobProducer, 'nudgeGeneration'>;
  readonly onError?: (network: string, error: unknown) => void;
  /** Wait before reconnecting after the stream failed (ms). Default 5 000. */
  readonly reconnectDelayMs?: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Follows each network's header updates (chainweb-node's `GET /header/updates`) and, for every new
 * header, runs at once the generation of pending proofs it may unblock: proofs waiting for a
 * transaction on that chain, and proofs whose target height on that chain it reaches. Without it
 * waiting proofs are looked at on their own schedule (a block interval at most); with it, watches
 * precompute a proof within moments of it becoming possible.
 */
export class HeaderWatch {
  private readonly controller = new AbortController();
  private readonly running: Promise<void>[] = [];
  /** Headers handled, for tests and metrics. */
  seen = 0;
  nudged = 0;

  constructor(private readonly deps: HeaderWatchDeps) {}

  start(): void {
    for (const network of this.deps.chains.names()) this.running.push(this.follow(network));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
  }

  /** Runs what one header unblocks (also used directly by tests and by a polling fallback). */
  async onHeader(network: string, chainId: number, height: number): Promise<number> {
    this.seen++;
    const ids = await this.deps.repository.pendingOnChain(network, chainId, height);
    let nudged = 0;
    for (const id of ids) if (await this.deps.jobs.nudgeGeneration(id)) nudged++;
    this.nudged += nudged;
    return nudged;
  }

  private async follow(network: string): Promise<void> {
    const signal = this.controller.signal;
    const access = this.deps.chains.get(network);
    if (!access.headerUpdates) return;
    while (!signal.aborted) {
      try {
        for await (const header of access.headerUpdates(signal)) {
          await this.onHeader(network, header.chainId, header.height);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.deps.onError?.(network, error);
      }
      await (this.deps.sleep ?? abortableSleep)(this.deps.reconnectDelayMs ?? 5_000, signal).catch(
        () => undefined,
      );
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}
