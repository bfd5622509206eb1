import { Inject, Injectable } from '@nestjs/common';
import {
  anchorEventProof,
  encodeAnchoredEventProofBinary,
  encodeSpvProofJson,
  EventBatch,
  isEventDigestAlgorithm,
  parseSpvProof,
  verifyAnchoredEventProof,
  verifyEventProof,
  type SpvProof,
} from '@spv-cloud/chainweb';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import { hash } from 'node:crypto';
import { ANCHOR_CHAIN_GATEWAY, type AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import type { WorkerSettings } from '../config/worker-settings';
import {
  type Clock,
  WORKER_CLOCK,
  WORKER_LOGGER,
  WORKER_METRICS,
  WORKER_SETTINGS,
} from '../platform/worker-database';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { AnchorForkService, type ForkOutcome } from './anchor-fork.service';
import { BatchProofRepository, type ProofBatch, type StoredEventProof } from './batch-proof.repository';
import { eventProofKey, PROOF_BLOB_STORE, type ProofBlob, type ProofBlobStore } from './proof-blob.store';

export type ProofBuildOutcome =
  | { readonly kind: 'stored'; readonly proofs: number }
  | { readonly kind: 'already_stored' }
  /** The job is about another state of the batch (re-anchored, superseded, failed). */
  | { readonly kind: 'stale' }
  | { readonly kind: 'fork'; readonly fork: ForkOutcome };

/** Events named per `event.proof_ready` delivery (one delivery per event would flood receivers). */
const PROOF_READY_EVENTS_PER_NOTICE = 1_000;

/** A proof that would not verify is never stored: this is a bug or corrupt data, not a retryable state. */
export class ProofIntegrityError extends Error {
  override readonly name = 'ProofIntegrityError';
}

/**
 * Builds and stores every event's anchored event proof of a confirmed batch: checks the anchoring
 * block is still canonical (fork → AnchorForkService), builds the TXOUT SPV proof of the anchoring
 * transaction with libs/chainweb from the node's headers and payloads (optionally compared with the
 * node's /pact/spv), rebuilds the batch tree from the stored digests (its root must be the anchored
 * root), verifies, encodes each proof in the binary envelope, and stores blobs then rows.
 */
@Injectable()
export class BatchProofService {
  private readonly built;
  private readonly crossChecks;

  constructor(
    private readonly repository: BatchProofRepository,
    private readonly forks: AnchorForkService,
    @Inject(PROOF_BLOB_STORE) private readonly blobs: ProofBlobStore,
    private readonly webhooks: WebhookDeliveryService,
    @Inject(ANCHOR_CHAIN_GATEWAY) private readonly chain: AnchorChainGateway,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_METRICS) metrics: MetricsRegistry,
  ) {
    this.built = metrics.counter('event_proofs_built_total', 'Anchored event proofs stored.');
    this.crossChecks = metrics.counter(
      'spv_cross_checks_total',
      'Our TXOUT proofs compared with the node’s /pact/spv.',
      ['result'],
    );
  }

  async build(tenantId: string, batchId: string, blockHash: string): Promise<ProofBuildOutcome> {
    const batch = await this.repository.findBatch(tenantId, batchId);
    if (!batch || batch.status !== 'CONFIRMED' || batch.blockHash !== blockHash) return { kind: 'stale' };
    if (await this.repository.proofsReady(tenantId, batchId, blockHash, batch.leafCount))
      return { kind: 'already_stored' };
    const fork = await this.forks.check(batch);
    if (fork.kind !== 'canonical') return { kind: 'fork', fork };

    const spv = await this.chain.txOutProof(batch.network, batch.chainId, blockHash, batch.requestKey!);
    if (this.settings.proofs.crossCheckNode) await this.crossCheck(batch, spv);

    const proofs = await this.buildProofs(batch, spv, blockHash);
    await this.blobs.putMany(
      tenantId,
      proofs.map(({ blob }) => blob),
    );
    const stored = await this.repository.storeProofs(
      tenantId,
      batch,
      {
        requestKey: batch.requestKey!,
        blockHash,
        blockHeight: Number(batch.blockHeight),
        contentHash: hash('sha256', encodeSpvProofJson(spv), 'buffer'),
      },
      proofs.map(({ row }) => row),
      this.clock.now(),
    );
    if (!stored) return { kind: 'stale' };
    this.built.inc(proofs.length);
    await this.announceProofs(
      batch,
      blockHash,
      proofs.map(({ row }) => row.eventId),
    );
    return { kind: 'stored', proofs: proofs.length };
  }

  /** `event.proof_ready` webhooks: one delivery per endpoint for every 1,000 events of the batch. */
  private async announceProofs(
    batch: ProofBatch,
    blockHash: string,
    eventIds: readonly string[],
  ): Promise<void> {
    const notices = [];
    for (let start = 0, part = 0; start < eventIds.length; start += PROOF_READY_EVENTS_PER_NOTICE, part++) {
      notices.push({
        type: 'event.proof_ready' as const,
        dedupKey: `event.proof_ready:${batch.id}:${blockHash}:${part}`,
        payload: {
          batchId: batch.id,
          blockHash,
          eventIds: eventIds.slice(start, start + PROOF_READY_EVENTS_PER_NOTICE),
        },
      });
    }
    await this.webhooks.notify(batch.tenantId, notices);
  }

  private async buildProofs(
    batch: ProofBatch,
    spv: SpvProof,
    blockHash: string,
  ): Promise<{ blob: ProofBlob; row: StoredEventProof }[]> {
    if (!isEventDigestAlgorithm(batch.digestAlgorithm))
      throw new ProofIntegrityError(`batch ${batch.id}: unknown digest algorithm`);
    const events = await this.repository.batchEvents(batch.tenantId, batch.id);
    if (events.length !== batch.leafCount || events.some((event, i) => event.index !== i)) {
      throw new ProofIntegrityError(
        `batch ${batch.id}: ${events.length} events for ${batch.leafCount} leaves`,
      );
    }
    const tree = EventBatch.build({
      tenantId: batch.tenantId,
      namespace: batch.namespace,
      digestAlgorithm: batch.digestAlgorithm,
      digests: events.map((event) => event.digest),
    });
    if (!tree.root.equals(Buffer.from(batch.root!)))
      throw new ProofIntegrityError(`batch ${batch.id}: the events no longer hash to the anchored root`);

    // The SPV proof and the on-chain record are the same for every event: verify them once in full,
    // then each event's inclusion in the (now authenticated) root.
    const first = verifyAnchoredEventProof(anchorEventProof(tree.eventProof(0), batch.id, spv), {
      expectedTenantId: batch.tenantId,
      expectedChain: batch.chainId,
      expectedRootBlockHash: Buffer.from(blockHash, 'base64url'),
    });
    if (!first.valid)
      throw new ProofIntegrityError(
        `batch ${batch.id}: anchored proof does not verify: ${first.reason}: ${first.message}`,
      );

    return events.map((event, i) => {
      const inclusion = tree.eventProof(i);
      const check = verifyEventProof(inclusion, {
        expectedRoot: tree.root,
        expectedTenantId: batch.tenantId,
      });
      if (!check.valid) throw new ProofIntegrityError(`batch ${batch.id}: event ${i}: ${check.reason}`);
      const bytes = encodeAnchoredEventProofBinary(anchorEventProof(inclusion, batch.id, spv));
      const key = eventProofKey(batch.tenantId, batch.id, blockHash, event.id);
      return {
        blob: { key, bytes },
        row: { eventId: event.id, key, contentHash: hash('sha256', bytes, 'buffer'), byteSize: bytes.length },
      };
    });
  }

  /** Our proof must equal chainweb-node's byte for byte; a difference is reported, never fatal. */
  private async crossCheck(batch: ProofBatch, ours: SpvProof): Promise<void> {
    try {
      const theirs = parseSpvProof(
        await this.chain.nodeSpvResponse(batch.network, batch.chainId, batch.requestKey!),
      );
      const same = encodeSpvProofJson(theirs) === encodeSpvProofJson(ours);
      this.crossChecks.inc({ result: same ? 'equal' : 'different' });
      if (!same)
        this.logger.warn(
          { batchId: batch.id, requestKey: batch.requestKey },
          'our TXOUT proof differs from the node’s /pact/spv',
        );
    } catch (error) {
      this.crossChecks.inc({ result: 'unavailable' });
      this.logger.warn(
        { err: error, batchId: batch.id },
        'could not cross-check the TXOUT proof with the node',
      );
    }
  }
}
