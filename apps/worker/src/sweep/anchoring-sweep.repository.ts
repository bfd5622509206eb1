import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';
import type { ProofBatch } from '../proofs/batch-proof.repository';

const PURPOSE = 'worker.anchoring-sweep';

export interface BatchRef {
  readonly tenantId: string;
  readonly batchId: string;
  readonly blockHash: string | null;
}

/** The sweep's cross-tenant reads (named system scope): work a lost job would leave behind. */
@Injectable()
export class AnchoringSweepRepository {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  /** Active tenants with received events older than `before`. */
  tenantsWithOverdueEvents(before: Date, limit: number): Promise<string[]> {
    return this.database.system.runAcrossTenants(PURPOSE, async (tx) => {
      const rows = await tx.$queryRaw<{ tenant_id: string }[]>`
        SELECT DISTINCT e.tenant_id
          FROM events e JOIN tenants t ON t.id = e.tenant_id AND t.status = 'active'
         WHERE e.status = 'received' AND e.created_at < ${before}
         LIMIT ${limit}`;
      return rows.map((row) => row.tenant_id);
    });
  }

  /** Sealed or submitted batches untouched since `before` (their anchor job may be gone or failed). */
  stalledBatches(before: Date, limit: number): Promise<BatchRef[]> {
    return this.database.system.runAcrossTenants(PURPOSE, async (tx) => {
      const rows = await tx.batch.findMany({
        where: { status: { in: ['SEALED', 'SUBMITTED'] }, updatedAt: { lt: before } },
        select: { tenantId: true, id: true, blockHash: true },
        orderBy: { updatedAt: 'asc' },
        take: limit,
      });
      return rows.map((row) => ({ tenantId: row.tenantId, batchId: row.id, blockHash: row.blockHash }));
    });
  }

  /** Confirmed batches confirmed before `before` whose events are not all proven yet. */
  confirmedWithoutProofs(before: Date, limit: number): Promise<BatchRef[]> {
    return this.database.system.runAcrossTenants(PURPOSE, async (tx) => {
      const rows = await tx.$queryRaw<{ tenant_id: string; id: string; block_hash: string }[]>`
        SELECT b.tenant_id, b.id, b.block_hash
          FROM batches b
         WHERE b.status = 'confirmed' AND b.confirmed_at < ${before}
           AND EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = b.tenant_id AND e.batch_id = b.id AND e.status = 'batched')
         ORDER BY b.confirmed_at
         LIMIT ${limit}`;
      return rows.map((row) => ({ tenantId: row.tenant_id, batchId: row.id, blockHash: row.block_hash }));
    });
  }

  /** Batches confirmed since `since`: still young enough to be undone by a fork. */
  recentlyConfirmed(since: Date, limit: number): Promise<ProofBatch[]> {
    return this.database.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.batch.findMany({
        where: { status: 'CONFIRMED', confirmedAt: { gte: since } },
        select: {
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
        },
        orderBy: { confirmedAt: 'desc' },
        take: limit,
      }),
    );
  }
}
