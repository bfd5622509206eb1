import { Inject, Injectable } from '@nestjs/common';
import type { Batch, Database, ScopedTransaction } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';

export type ProofBatch = Pick<
  Batch,
  | 'id'
  | 'tenantId'
  | 'status'
  | 'namespace'
  | 'network'
  | 'chainId'
  | 'digestAlgorithm'
  | 'root'
  | 'leafCount'
  | 'requestKey'
  | 'blockHash'
  | 'blockHeight'
>;

export interface BatchEventDigest {
  readonly id: string;
  readonly index: number;
  readonly digest: Buffer;
}

export interface StoredEventProof {
  readonly eventId: string;
  readonly key: string;
  readonly contentHash: Buffer;
  readonly byteSize: number;
}

export interface ChainProofFacts {
  readonly requestKey: string;
  readonly blockHash: string;
  readonly blockHeight: number;
  /** sha256 of the TXOUT proof JSON. */
  readonly contentHash: Buffer;
}

const BATCH_SELECT = {
  id: true,
  tenantId: true,
  status: true,
  namespace: true,
  network: true,
  chainId: true,
  digestAlgorithm: true,
  root: true,
  leafCount: true,
  requestKey: true,
  blockHash: true,
  blockHeight: true,
} as const;

@Injectable()
export class BatchProofRepository {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  findBatch(tenantId: string, batchId: string): Promise<ProofBatch | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.batch.findFirst({ where: { tenantId, id: batchId }, select: BATCH_SELECT }),
    );
  }

  /** The batch's events in leaf order. */
  async batchEvents(tenantId: string, batchId: string): Promise<BatchEventDigest[]> {
    const rows = await this.database.tenant.run(
      tenantId,
      (tx) =>
        tx.event.findMany({
          where: { tenantId, batchId },
          select: { id: true, indexInBatch: true, digest: true },
          orderBy: { indexInBatch: 'asc' },
        }),
      { timeoutMs: 30_000 },
    );
    return rows.map((row) => ({ id: row.id, index: row.indexInBatch!, digest: Buffer.from(row.digest) }));
  }

  /** Whether every event of the batch already has a ready proof against this block. */
  async proofsReady(
    tenantId: string,
    batchId: string,
    blockHash: string,
    leafCount: number,
  ): Promise<boolean> {
    const ready = await this.database.tenant.run(tenantId, (tx) =>
      tx.eventProof.count({ where: { tenantId, batchId, status: 'READY', chainProof: { blockHash } } }),
    );
    return ready >= leafCount;
  }

  /**
   * Stores the proofs of a confirmed batch in one transaction: the chain proof row, one ready event
   * proof per event (earlier ready proofs of those events expire and are linked as refreshed), and
   * the events become anchored. Refused (false) when the batch is no longer confirmed at `blockHash`.
   */
  storeProofs(
    tenantId: string,
    batch: ProofBatch,
    chainProof: ChainProofFacts,
    proofs: readonly StoredEventProof[],
    at: Date,
  ): Promise<boolean> {
    return this.database.tenant.run(
      tenantId,
      async (tx) => {
        if (!(await lockConfirmedBatch(tx, tenantId, batch.id, chainProof.blockHash))) return false;
        const created = await tx.chainProof.create({
          data: {
            network: batch.network,
            chainId: batch.chainId,
            requestKey: chainProof.requestKey,
            targetChainId: batch.chainId,
            kind: 'TXOUT',
            status: 'READY',
            contentHash: new Uint8Array(chainProof.contentHash),
            blockHash: chainProof.blockHash,
            blockHeight: BigInt(chainProof.blockHeight),
          },
          select: { id: true },
        });
        const expired = await expireReadyProofs(tx, tenantId, batch.id);
        const previous = new Map(expired.map((row) => [row.event_id, row.id]));
        await tx.eventProof.createMany({
          data: proofs.map((proof) => ({
            tenantId,
            eventId: proof.eventId,
            batchId: batch.id,
            chainProofId: created.id,
            status: 'READY' as const,
            contentHash: new Uint8Array(proof.contentHash),
            s3Key: proof.key,
            byteSize: proof.byteSize,
            refreshedFromId: previous.get(proof.eventId) ?? null,
          })),
        });
        await tx.event.updateMany({
          where: { tenantId, batchId: batch.id, status: 'BATCHED' },
          data: { status: 'ANCHORED', anchoredAt: at },
        });
        return true;
      },
      { timeoutMs: 60_000 },
    );
  }

  /**
   * After a fork that kept the anchoring transaction (it sits in another block now): the batch goes
   * back to SUBMITTED so the anchoring job confirms it again; its proofs expire, its events are
   * batched (not proven) until new proofs are stored.
   */
  reopenForReconfirmation(tenantId: string, batchId: string, oldBlockHash: string): Promise<boolean> {
    return this.database.tenant.run(tenantId, async (tx) => {
      if (!(await lockConfirmedBatch(tx, tenantId, batchId, oldBlockHash))) return false;
      await tx.batch.update({
        where: { id: batchId },
        data: {
          status: 'SUBMITTED',
          blockHash: null,
          blockHeight: null,
          confirmedAt: null,
          lastError: `fork: block ${oldBlockHash} left the chain`,
        },
      });
      await expireReadyProofs(tx, tenantId, batchId);
      await tx.event.updateMany({
        where: { tenantId, batchId, status: 'ANCHORED' },
        data: { status: 'BATCHED', anchoredAt: null },
      });
      return true;
    });
  }

  /**
   * After a fork that lost the anchoring transaction: a new sealed batch with the same events (same
   * leaves, same root, a new id) replaces this one, which becomes SUPERSEDED; its proofs expire.
   * Returns the new batch's id, or null when the batch is no longer confirmed at `oldBlockHash`.
   */
  supersede(tenantId: string, batch: ProofBatch, oldBlockHash: string, at: Date): Promise<string | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      if (!(await lockConfirmedBatch(tx, tenantId, batch.id, oldBlockHash))) return null;
      const replacement = await tx.batch.create({
        data: {
          tenantId,
          namespace: batch.namespace,
          network: batch.network,
          chainId: batch.chainId,
          digestAlgorithm: batch.digestAlgorithm,
          status: 'SEALED',
          root: batch.root,
          leafCount: batch.leafCount,
          sealedAt: at,
        },
        select: { id: true },
      });
      await expireReadyProofs(tx, tenantId, batch.id);
      await tx.event.updateMany({
        where: { tenantId, batchId: batch.id },
        data: { batchId: replacement.id, status: 'BATCHED', anchoredAt: null },
      });
      await tx.batch.update({
        where: { id: batch.id },
        data: {
          status: 'SUPERSEDED',
          supersededById: replacement.id,
          lastError: `fork: block ${oldBlockHash} left the chain`,
        },
      });
      return replacement.id;
    });
  }
}

async function lockConfirmedBatch(
  tx: ScopedTransaction,
  tenantId: string,
  batchId: string,
  blockHash: string,
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM batches
     WHERE tenant_id = ${tenantId}::uuid AND id = ${batchId}::uuid AND status = 'confirmed' AND block_hash = ${blockHash}
       FOR UPDATE`;
  return rows.length === 1;
}

function expireReadyProofs(tx: ScopedTransaction, tenantId: string, batchId: string) {
  return tx.$queryRaw<{ id: string; event_id: string }[]>`
    UPDATE event_proofs SET status = 'expired', updated_at = now()
     WHERE tenant_id = ${tenantId}::uuid AND batch_id = ${batchId}::uuid AND status = 'ready'
    RETURNING id, event_id`;
}
