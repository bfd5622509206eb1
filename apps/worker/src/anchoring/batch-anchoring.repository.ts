import { Inject, Injectable } from '@nestjs/common';
import type { Batch, Database } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';

export type AnchoringBatch = Pick<
  Batch,
  | 'id'
  | 'tenantId'
  | 'status'
  | 'network'
  | 'chainId'
  | 'root'
  | 'leafCount'
  | 'requestKey'
  | 'blockHash'
  | 'blockHeight'
  | 'attempts'
  | 'submittedAt'
  | 'lastError'
>;

const SELECT = {
  id: true,
  tenantId: true,
  status: true,
  network: true,
  chainId: true,
  root: true,
  leafCount: true,
  requestKey: true,
  blockHash: true,
  blockHeight: true,
  attempts: true,
  submittedAt: true,
  lastError: true,
} as const;

/**
 * The anchoring state of a batch. Every transition is conditional on the state it leaves (status,
 * attempt number, request key), so a stale or duplicate job changes nothing.
 */
@Injectable()
export class BatchAnchoringRepository {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  find(tenantId: string, batchId: string): Promise<AnchoringBatch | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.batch.findFirst({ where: { tenantId, id: batchId }, select: SELECT }),
    );
  }

  /** SEALED → SUBMITTED with the request key of submission `attempt`; false if the batch moved on. */
  async markSubmitted(
    tenantId: string,
    batchId: string,
    submission: { attempt: number; requestKey: string; submittedAt: Date },
  ): Promise<boolean> {
    const { count } = await this.database.tenant.run(tenantId, (tx) =>
      tx.batch.updateMany({
        where: { tenantId, id: batchId, status: 'SEALED', attempts: submission.attempt - 1 },
        data: {
          status: 'SUBMITTED',
          attempts: submission.attempt,
          requestKey: submission.requestKey,
          submittedAt: submission.submittedAt,
          blockHash: null,
          blockHeight: null,
        },
      }),
    );
    return count === 1;
  }

  /** SUBMITTED → SEALED (the submission was refused or dropped): the next advance resubmits. */
  async reopen(tenantId: string, batchId: string, requestKey: string, reason: string): Promise<boolean> {
    const { count } = await this.database.tenant.run(tenantId, (tx) =>
      tx.batch.updateMany({
        where: { tenantId, id: batchId, status: 'SUBMITTED', requestKey },
        data: { status: 'SEALED', lastError: reason.slice(0, 1_000), blockHash: null, blockHeight: null },
      }),
    );
    return count === 1;
  }

  /** Where the submitted transaction currently sits (shown while it gathers confirmations). */
  async recordInclusion(
    tenantId: string,
    batchId: string,
    requestKey: string,
    block: { hash: string; height: number },
  ): Promise<void> {
    await this.database.tenant.run(tenantId, (tx) =>
      tx.batch.updateMany({
        where: { tenantId, id: batchId, status: 'SUBMITTED', requestKey },
        data: { blockHash: block.hash, blockHeight: BigInt(block.height) },
      }),
    );
  }

  /** SUBMITTED → CONFIRMED at this block. */
  async markConfirmed(
    tenantId: string,
    batchId: string,
    requestKey: string,
    block: { hash: string; height: number },
    at: Date,
  ): Promise<boolean> {
    const { count } = await this.database.tenant.run(tenantId, (tx) =>
      tx.batch.updateMany({
        where: { tenantId, id: batchId, status: 'SUBMITTED', requestKey },
        data: {
          status: 'CONFIRMED',
          blockHash: block.hash,
          blockHeight: BigInt(block.height),
          confirmedAt: at,
          lastError: null,
        },
      }),
    );
    return count === 1;
  }

  /** Gives the batch up (alert state): an operator replays it after fixing the cause. */
  async markFailed(tenantId: string, batchId: string, reason: string): Promise<void> {
    await this.database.tenant.run(tenantId, (tx) =>
      tx.batch.updateMany({
        where: { tenantId, id: batchId, status: { in: ['SEALED', 'SUBMITTED'] } },
        data: { status: 'FAILED', lastError: reason.slice(0, 1_000) },
      }),
    );
  }
}
