import { Inject, Injectable } from '@nestjs/common';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import { JobProducer } from '@spv-cloud/queue';
import { ANCHOR_CHAIN_GATEWAY, type AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import { type Clock, WORKER_CLOCK, WORKER_LOGGER, WORKER_METRICS } from '../platform/worker-database';
import { BatchProofRepository, type ProofBatch } from './batch-proof.repository';

export type ForkOutcome =
  /** The anchoring block is still canonical: nothing to do. */
  | { readonly kind: 'canonical' }
  /** The transaction is in another canonical block: the batch is being confirmed again there. */
  | { readonly kind: 'reconfirming' }
  /** The transaction is gone: a new batch with the same events re-anchors them. */
  | { readonly kind: 'superseded'; readonly replacementBatchId: string }
  /** The batch changed meanwhile (another worker handled it). */
  | { readonly kind: 'stale' };

/**
 * Fork handling for confirmed batches: when the anchoring block is no longer canonical, the old
 * proofs stop being served (they expire) and the events are anchored again, in the block that now
 * holds the same transaction or by a replacement batch with a fresh anchoring transaction.
 */
@Injectable()
export class AnchorForkService {
  private readonly forks;

  constructor(
    private readonly repository: BatchProofRepository,
    @Inject(ANCHOR_CHAIN_GATEWAY) private readonly chain: AnchorChainGateway,
    private readonly producer: JobProducer,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_METRICS) metrics: MetricsRegistry,
  ) {
    this.forks = metrics.counter(
      'anchor_forks_total',
      'Confirmed anchors whose block left the chain, by outcome.',
      ['outcome'],
    );
  }

  /** Checks that a confirmed batch's block is canonical and recovers when it is not. */
  async check(batch: ProofBatch): Promise<ForkOutcome> {
    if (batch.status !== 'CONFIRMED' || batch.blockHash === null || batch.blockHeight === null)
      return { kind: 'stale' };
    const height = Number(batch.blockHeight);
    const canonical = await this.chain.canonicalBlockHash(batch.network, batch.chainId, height);
    if (canonical === batch.blockHash) return { kind: 'canonical' };
    // Above the head (a shorter branch won for now) counts as gone as well.
    return this.recover(batch, batch.blockHash);
  }

  private async recover(batch: ProofBatch, oldBlockHash: string): Promise<ForkOutcome> {
    const inclusion = await this.chain.poll(batch.network, batch.chainId, batch.requestKey!);
    const stillThere =
      inclusion?.status === 'success' &&
      (await this.chain.canonicalBlockHash(batch.network, batch.chainId, inclusion.blockHeight)) ===
        inclusion.blockHash;
    if (stillThere) {
      if (!(await this.repository.reopenForReconfirmation(batch.tenantId, batch.id, oldBlockHash)))
        return { kind: 'stale' };
      await this.producer.ensureAnchorBatch({ tenantId: batch.tenantId, batchId: batch.id });
      this.forks.inc({ outcome: 'reconfirming' });
      this.logger.warn(
        { batchId: batch.id, oldBlockHash, newBlockHash: inclusion.blockHash },
        'anchoring block left the chain; the transaction is in another block',
      );
      return { kind: 'reconfirming' };
    }
    const replacementBatchId = await this.repository.supersede(
      batch.tenantId,
      batch,
      oldBlockHash,
      this.clock.now(),
    );
    if (replacementBatchId === null) return { kind: 'stale' };
    await this.producer.anchorBatch({ tenantId: batch.tenantId, batchId: replacementBatchId });
    this.forks.inc({ outcome: 'superseded' });
    this.logger.warn(
      { batchId: batch.id, oldBlockHash, replacementBatchId },
      'anchoring transaction left the chain; re-anchoring the events in a new batch',
    );
    return { kind: 'superseded', replacementBatchId };
  }
}
