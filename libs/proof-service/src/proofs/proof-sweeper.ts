import type { ProofJobProducer } from '@spv-cloud/queue';
import type { Clock } from '../platform/clock';
import type { ProofRepository } from './proof.repository';

export interface ProofSweeperOptions {
  /** Refresh a proof this long before its root leaves the SPV root window. Default one day. */
  readonly refreshLeadMs: number;
  /** A pending proof untouched this long may have lost its job: it is enqueued again. Default 10 min. */
  readonly staleAfterMs: number;
  /** Rows handled per kind per sweep. */
  readonly limit: number;
}

export const DEFAULT_SWEEPER_OPTIONS: ProofSweeperOptions = {
  refreshLeadMs: 86_400_000,
  staleAfterMs: 600_000,
  limit: 500,
};

export interface ProofSweepResult {
  /** New refresh versions created (and their generation enqueued). */
  readonly refreshes: number;
  /** Pending proofs re-enqueued. */
  readonly renudged: number;
  /** Ready proofs with requests left pending (their generation job issues them). */
  readonly stragglers: number;
  /** Watches that fired or expired. */
  readonly watchesFired: number;
  readonly watchesExpired: number;
}

export interface WatchSweep {
  settle(now: Date): Promise<{ fired: number; expired: number }>;
}

/**
 * The proof service's periodic sweep (worker): refreshes proofs still held by a request before their
 * root expires (a new version, generated like any proof), re-enqueues pending proofs whose job was
 * lost (Redis outage, enqueue failure), hands ready proofs to requests a storage outage left pending,
 * and settles watches. Enqueuing is idempotent (one job per chain proof), so sweeping twice is harmless.
 */
export class ProofSweeper {
  private readonly options: ProofSweeperOptions;

  constructor(
    private readonly deps: {
      readonly repository: Pick<
        ProofRepository,
        'createRefreshVersions' | 'stalePendingProofs' | 'readyProofsWithPendingRequests' | 'bestWaitingPlan'
      >;
      readonly jobs: Pick<ProofJobProducer, 'generateProof'>;
      readonly watches?: WatchSweep;
      readonly clock: Clock;
      readonly options?: Partial<ProofSweeperOptions>;
    },
  ) {
    this.options = { ...DEFAULT_SWEEPER_OPTIONS, ...deps.options };
  }

  async sweep(): Promise<ProofSweepResult> {
    const now = this.deps.clock.now();
    const { repository, jobs } = this.deps;
    const refreshes = await repository.createRefreshVersions(
      new Date(now.getTime() + this.options.refreshLeadMs),
      this.options.limit,
    );
    for (const version of refreshes) {
      await jobs.generateProof({ chainProofId: version.id }, await repository.bestWaitingPlan(version.id));
    }
    const stale = await repository.stalePendingProofs(
      new Date(now.getTime() - this.options.staleAfterMs),
      this.options.limit,
    );
    const refreshed = new Set(refreshes.map((r) => r.id));
    let renudged = 0;
    for (const proof of stale) {
      if (refreshed.has(proof.id)) continue;
      await jobs.generateProof({ chainProofId: proof.id }, await repository.bestWaitingPlan(proof.id));
      renudged++;
    }
    const stragglers = await repository.readyProofsWithPendingRequests(this.options.limit);
    for (const proof of stragglers) {
      await jobs.generateProof({ chainProofId: proof.id }, await repository.bestWaitingPlan(proof.id));
    }
    const watches = this.deps.watches ? await this.deps.watches.settle(now) : { fired: 0, expired: 0 };
    return {
      refreshes: refreshes.length,
      renudged,
      stragglers: stragglers.length,
      watchesFired: watches.fired,
      watchesExpired: watches.expired,
    };
  }
}
