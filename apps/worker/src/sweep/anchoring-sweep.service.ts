import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { JobProducer } from '@spv-cloud/queue';
import type { WorkerSettings } from '../config/worker-settings';
import { type Clock, WORKER_CLOCK, WORKER_LOGGER, WORKER_SETTINGS } from '../platform/worker-database';
import { AnchorForkService } from '../proofs/anchor-fork.service';
import { AnchoringSweepRepository } from './anchoring-sweep.repository';

export interface SweepSummary {
  readonly tenantsNudged: number;
  readonly batchesNudged: number;
  readonly proofsNudged: number;
  readonly forks: number;
}

const LIMIT = 500;
const FORK_CHECKS_PER_SWEEP = 50;
/** Events get this much beyond their window before the sweep calls them overdue. */
const OVERDUE_GRACE_MS = 2_000;

/**
 * The safety net under the job-driven pipeline (jobs are nudges; PostgreSQL holds the state): finds
 * overdue received events, stalled anchors and confirmed batches without proofs across tenants and
 * re-nudges them with deterministic job ids, and re-checks recently confirmed anchors for forks.
 */
@Injectable()
export class AnchoringSweepService {
  constructor(
    private readonly repository: AnchoringSweepRepository,
    private readonly producer: JobProducer,
    private readonly forks: AnchorForkService,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(): Promise<SweepSummary> {
    const now = this.clock.now().getTime();
    const round = Math.floor(now / this.settings.sweep.intervalMs);
    const stale = new Date(now - this.settings.sweep.staleAfterMs);

    const tenants = await this.repository.tenantsWithOverdueEvents(
      new Date(now - this.settings.batching.windowMs - OVERDUE_GRACE_MS),
      LIMIT,
    );
    for (const tenantId of tenants) await this.producer.sealOnSweep(tenantId, round);

    const stalled = await this.repository.stalledBatches(stale, LIMIT);
    for (const batch of stalled)
      await this.producer.ensureAnchorBatch({ tenantId: batch.tenantId, batchId: batch.batchId });

    const unproven = await this.repository.confirmedWithoutProofs(stale, LIMIT);
    for (const batch of unproven) {
      if (batch.blockHash)
        await this.producer.ensureBuildBatchProofs({
          tenantId: batch.tenantId,
          batchId: batch.batchId,
          blockHash: batch.blockHash,
        });
    }

    let forks = 0;
    const watched = await this.repository.recentlyConfirmed(
      new Date(now - this.settings.sweep.forkWatchMs),
      FORK_CHECKS_PER_SWEEP,
    );
    for (const batch of watched) {
      try {
        const outcome = await this.forks.check(batch);
        if (outcome.kind === 'reconfirming' || outcome.kind === 'superseded') forks += 1;
      } catch (error) {
        // One unreachable network must not stop the rest of the sweep.
        this.logger.warn({ err: error, batchId: batch.id }, 'fork check failed');
      }
    }
    const summary = {
      tenantsNudged: tenants.length,
      batchesNudged: stalled.length,
      proofsNudged: unproven.length,
      forks,
    };
    if (tenants.length + stalled.length + unproven.length + forks > 0)
      this.logger.info(summary, 'anchoring sweep re-nudged work');
    return summary;
  }
}
