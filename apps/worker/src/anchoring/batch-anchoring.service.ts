import { Inject, Injectable } from '@nestjs/common';
import { ChainClientError } from '@spv-cloud/chain-client';
import { parseAnchorRecord } from '@spv-cloud/chainweb';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import { JobProducer, mayRetry, retryDelayMs } from '@spv-cloud/queue';
import type { WorkerSettings } from '../config/worker-settings';
import {
  type Clock,
  WORKER_CLOCK,
  WORKER_LOGGER,
  WORKER_METRICS,
  WORKER_SETTINGS,
} from '../platform/worker-database';
import {
  ANCHOR_CHAIN_GATEWAY,
  type AnchorChainGateway,
  type AnchorRecordInput,
  type AnchorSubmission,
} from './anchor-chain.gateway';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { BatchAnchoringRepository, type AnchoringBatch } from './batch-anchoring.repository';

/** What the anchor job does next: look again after `delayMs`, or stop. */
export type AnchorStep =
  | { readonly kind: 'wait'; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'done'; readonly outcome: 'confirmed' | 'failed' | 'not_anchorable' };

/** A dropped command is only declared dropped this long after its TTL (clock skew, block time). */
const DROP_GRACE_MS = 30_000;

/**
 * Follows one batch from sealed to confirmed: submits `record-batch` signed with the service key,
 * follows the transaction to inclusion and `confirmationDepth` blocks on top (checking the block is
 * canonical), re-sends the same command while it waits (a crash between storing and sending loses
 * nothing), resubmits with a new nonce once a command's TTL has passed without inclusion (dropped)
 * or the node refused it, and gives the batch up (FAILED, alert) after the submission policy's
 * attempts. Each submission's command is rebuilt byte for byte from the stored attempt and time.
 */
@Injectable()
export class BatchAnchoringService {
  private readonly failures;
  private readonly confirmations;

  constructor(
    private readonly repository: BatchAnchoringRepository,
    @Inject(ANCHOR_CHAIN_GATEWAY) private readonly chain: AnchorChainGateway,
    private readonly producer: JobProducer,
    private readonly webhooks: WebhookDeliveryService,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(WORKER_CLOCK) private readonly clock: Clock,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_METRICS) metrics: MetricsRegistry,
  ) {
    this.failures = metrics.counter(
      'anchor_batches_failed_total',
      'Batches given up after their submission attempts (alert).',
      ['network', 'chain'],
    );
    this.confirmations = metrics.counter(
      'anchor_batches_confirmed_total',
      'Batches confirmed at the configured depth.',
      ['network', 'chain'],
    );
  }

  async advance(tenantId: string, batchId: string): Promise<AnchorStep> {
    const batch = await this.repository.find(tenantId, batchId);
    if (!batch) return { kind: 'done', outcome: 'not_anchorable' };
    switch (batch.status) {
      case 'SEALED':
        return this.submit(batch);
      case 'SUBMITTED':
        return this.follow(batch);
      case 'CONFIRMED':
        // A retry after a crash past the confirmation: both follow-ups are idempotent.
        await this.announceConfirmed(batch);
        await this.producer.buildBatchProofs({ tenantId, batchId, blockHash: batch.blockHash! });
        return { kind: 'done', outcome: 'confirmed' };
      case 'FAILED':
        return { kind: 'done', outcome: 'failed' };
      case 'OPEN':
      case 'SUPERSEDED':
        return { kind: 'done', outcome: 'not_anchorable' };
    }
  }

  private async submit(batch: AnchoringBatch): Promise<AnchorStep> {
    const attempt = batch.attempts + 1;
    const policy = this.settings.anchoring.submissionPolicy;
    if (!mayRetry(policy, batch.attempts)) {
      return this.giveUp(
        batch,
        `gave up after ${batch.attempts} submissions: ${batch.lastError ?? 'no reason recorded'}`,
      );
    }
    // Whole seconds: Pact creation times are seconds, and the stored time must rebuild the command.
    const submission: AnchorSubmission = {
      creationTime: new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000),
      nonce: submissionNonce(batch.id, attempt),
    };
    const command = await this.chain.recordBatchCommand(
      batch.network,
      batch.chainId,
      anchorRecordOf(batch),
      submission,
    );
    const claimed = await this.repository.markSubmitted(batch.tenantId, batch.id, {
      attempt,
      requestKey: command.hash,
      submittedAt: submission.creationTime,
    });
    // Another run got there first; it owns this submission.
    if (!claimed) return { kind: 'wait', delayMs: this.settings.anchoring.pollIntervalMs, reason: 'raced' };
    return this.sendStored(
      {
        ...batch,
        status: 'SUBMITTED',
        attempts: attempt,
        requestKey: command.hash,
        submittedAt: submission.creationTime,
      },
      command,
    );
  }

  /** Sends the stored submission; a refusal reopens the batch for the next attempt after a backoff. */
  private async sendStored(
    batch: AnchoringBatch,
    command?: Awaited<ReturnType<AnchorChainGateway['recordBatchCommand']>>,
  ): Promise<AnchorStep> {
    const signed =
      command ??
      (await this.chain.recordBatchCommand(
        batch.network,
        batch.chainId,
        anchorRecordOf(batch),
        storedSubmission(batch),
      ));
    try {
      await this.chain.send(batch.network, batch.chainId, signed);
    } catch (error) {
      if (error instanceof ChainClientError && !error.retryable) {
        return this.refused(batch, `the node refused the anchor: ${error.code}: ${error.message}`);
      }
      // Unreachable node, timeout: the job retries with backoff and rebuilds the same command.
      throw error;
    }
    return { kind: 'wait', delayMs: this.settings.anchoring.pollIntervalMs, reason: 'submitted' };
  }

  private async follow(batch: AnchoringBatch): Promise<AnchorStep> {
    const anchoring = this.settings.anchoring;
    const requestKey = batch.requestKey!;
    const inclusion = await this.chain.poll(batch.network, batch.chainId, requestKey);
    if (!inclusion) {
      const expiresAt = batch.submittedAt!.getTime() + anchoring.commandTtlSeconds * 1000;
      if (this.clock.now().getTime() > expiresAt + DROP_GRACE_MS) {
        return this.refused(batch, `dropped: not included before its TTL (${anchoring.commandTtlSeconds} s)`);
      }
      // Not in a block yet: make sure the node has it (idempotent), then look again.
      return this.sendStored(batch);
    }
    if (inclusion.status === 'failure') {
      return this.refused(batch, `the anchoring transaction failed: ${inclusion.error}`);
    }
    const recorded = this.recordMatches(batch, inclusion.data);
    if (recorded !== true) return this.giveUp(batch, recorded);

    const block = { hash: inclusion.blockHash, height: inclusion.blockHeight };
    const tip = await this.chain.chainHeight(batch.network, batch.chainId);
    const confirmations = tip - block.height;
    if (confirmations < anchoring.confirmationDepth) {
      if (batch.blockHash !== block.hash)
        await this.repository.recordInclusion(batch.tenantId, batch.id, requestKey, block);
      const blocksToGo = anchoring.confirmationDepth - confirmations;
      return {
        kind: 'wait',
        delayMs: Math.max(anchoring.pollIntervalMs, blocksToGo * anchoring.blockTimeMs),
        reason: `${confirmations} confirmations`,
      };
    }
    const canonical = await this.chain.canonicalBlockHash(batch.network, batch.chainId, block.height);
    if (canonical !== block.hash) {
      // The node's head moved to another branch between the two reads: look again.
      return { kind: 'wait', delayMs: anchoring.pollIntervalMs, reason: 'block not canonical yet' };
    }
    const confirmed = await this.repository.markConfirmed(
      batch.tenantId,
      batch.id,
      requestKey,
      block,
      this.clock.now(),
    );
    if (confirmed) {
      this.confirmations.inc({ network: batch.network, chain: String(batch.chainId) });
      await this.announceConfirmed({ ...batch, blockHash: block.hash, blockHeight: BigInt(block.height) });
      await this.producer.buildBatchProofs({
        tenantId: batch.tenantId,
        batchId: batch.id,
        blockHash: block.hash,
      });
    }
    return { kind: 'done', outcome: 'confirmed' };
  }

  /** `batch.confirmed` webhook (one delivery per endpoint and anchoring block). */
  private async announceConfirmed(batch: AnchoringBatch): Promise<void> {
    await this.webhooks.notify(batch.tenantId, [
      {
        type: 'batch.confirmed',
        dedupKey: `batch.confirmed:${batch.id}:${batch.blockHash}`,
        payload: {
          batchId: batch.id,
          network: batch.network,
          chainId: batch.chainId,
          root: Buffer.from(batch.root!).toString('base64url'),
          leafCount: batch.leafCount,
          requestKey: batch.requestKey,
          blockHash: batch.blockHash,
          height: batch.blockHeight === null ? null : Number(batch.blockHeight),
        },
      },
    ]);
  }

  /** The submission did not make it: retry with a new submission after a backoff, or give up. */
  private async refused(batch: AnchoringBatch, reason: string): Promise<AnchorStep> {
    const policy = this.settings.anchoring.submissionPolicy;
    if (!mayRetry(policy, batch.attempts)) {
      return this.giveUp(batch, `gave up after ${batch.attempts} submissions: ${reason}`);
    }
    await this.repository.reopen(batch.tenantId, batch.id, batch.requestKey!, reason);
    this.logger.warn(
      { batchId: batch.id, attempt: batch.attempts, reason },
      'anchor submission failed; resubmitting',
    );
    return { kind: 'wait', delayMs: retryDelayMs(policy, batch.attempts), reason };
  }

  private async giveUp(batch: AnchoringBatch, reason: string): Promise<AnchorStep> {
    await this.repository.markFailed(batch.tenantId, batch.id, reason);
    this.failures.inc({ network: batch.network, chain: String(batch.chainId) });
    this.logger.error(
      { batchId: batch.id, tenantId: batch.tenantId, reason },
      'batch anchoring failed (alert)',
    );
    return { kind: 'done', outcome: 'failed' };
  }

  /** The transaction's result must be exactly this batch's anchor record. */
  private recordMatches(batch: AnchoringBatch, data: unknown): true | string {
    try {
      const record = parseAnchorRecord(data);
      const expected = anchorRecordOf(batch);
      if (
        record.tenantId === expected.tenantId &&
        record.batchId === expected.batchId &&
        record.root.equals(expected.root) &&
        record.leafCount === expected.leafCount
      ) {
        return true;
      }
      return 'the anchoring transaction recorded another batch';
    } catch (error) {
      return `the anchoring transaction returned no anchor record: ${(error as Error).message}`;
    }
  }
}

export function anchorRecordOf(
  batch: Pick<AnchoringBatch, 'tenantId' | 'id' | 'root' | 'leafCount'>,
): AnchorRecordInput {
  return {
    tenantId: batch.tenantId,
    batchId: batch.id,
    root: Buffer.from(batch.root!),
    leafCount: batch.leafCount,
  };
}

export function submissionNonce(batchId: string, attempt: number): string {
  return `spv-cloud:anchor:${batchId}:${attempt}`;
}

function storedSubmission(batch: AnchoringBatch): AnchorSubmission {
  return { creationTime: batch.submittedAt!, nonce: submissionNonce(batch.id, batch.attempts) };
}
