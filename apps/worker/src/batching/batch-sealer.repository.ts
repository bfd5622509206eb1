import { Inject, Injectable } from '@nestjs/common';
import type { Database, ScopedTransaction } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';
import type { PendingEvent } from './sealing-policy';

export interface PendingEventRow extends PendingEvent {
  readonly digest: Buffer;
}

export interface TenantRouting {
  readonly active: boolean;
  readonly pinnedNetwork: string | null;
  readonly pinnedChainId: number | null;
}

export interface NewSealedBatch {
  readonly namespace: string;
  readonly network: string;
  readonly chainId: number;
  readonly digestAlgorithm: string;
  readonly root: Buffer;
  readonly leafCount: number;
}

/** The sealer's view of one tenant transaction (holding the tenant's sealing lock). */
export interface SealingUnit {
  /** Received events, oldest first, and the database's clock. */
  pendingEvents(limit: number): Promise<{ readonly events: readonly PendingEventRow[]; readonly now: Date }>;
  /** Inserts the sealed batch and makes `eventIds[i]` its leaf i; throws if any event was taken meanwhile. */
  sealBatch(batch: NewSealedBatch, eventIds: readonly string[], sealedAt: Date): Promise<string>;
}

class EventsTakenError extends Error {}

@Injectable()
export class BatchSealerRepository {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  async tenantRouting(tenantId: string): Promise<TenantRouting | null> {
    const tenant = await this.database.tenant.run(tenantId, (tx) =>
      tx.tenant.findUnique({
        where: { id: tenantId },
        select: { status: true, pinnedNetwork: true, pinnedChainId: true },
      }),
    );
    return tenant
      ? {
          active: tenant.status === 'ACTIVE',
          pinnedNetwork: tenant.pinnedNetwork,
          pinnedChainId: tenant.pinnedChainId,
        }
      : null;
  }

  /**
   * Runs `work` in one tenant transaction holding the tenant's sealing lock (a transaction-level
   * advisory lock), so two workers never seal the same events; everything `work` seals commits or
   * rolls back together.
   */
  withSealingLock<T>(tenantId: string, work: (unit: SealingUnit) => Promise<T>): Promise<T> {
    return this.database.tenant.run(
      tenantId,
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`spv-seal:${tenantId}`}, 0))`;
        return work(sealingUnit(tx, tenantId));
      },
      { timeoutMs: 60_000, maxWaitMs: 10_000 },
    );
  }
}

function sealingUnit(tx: ScopedTransaction, tenantId: string): SealingUnit {
  return {
    async pendingEvents(limit) {
      const rows = await tx.$queryRaw<
        {
          id: string;
          namespace: string;
          routing_key: string | null;
          digest_algorithm: string;
          created_at: Date;
          digest: Uint8Array;
          now: Date;
        }[]
      >`
        SELECT id, namespace, routing_key, digest_algorithm, created_at, digest, now() AS now
          FROM events
         WHERE tenant_id = ${tenantId}::uuid AND status = 'received'
         ORDER BY created_at, id
         LIMIT ${limit}`;
      const now = rows[0]?.now ?? (await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
      return {
        now,
        events: rows.map((row) => ({
          id: row.id,
          namespace: row.namespace,
          routingKey: row.routing_key,
          digestAlgorithm: row.digest_algorithm,
          createdAt: row.created_at,
          digest: Buffer.from(row.digest),
        })),
      };
    },

    async sealBatch(batch, eventIds, sealedAt) {
      const created = await tx.batch.create({
        data: {
          tenantId,
          namespace: batch.namespace,
          network: batch.network,
          chainId: batch.chainId,
          digestAlgorithm: batch.digestAlgorithm,
          status: 'SEALED',
          root: new Uint8Array(batch.root),
          leafCount: batch.leafCount,
          sealedAt,
        },
        select: { id: true },
      });
      const assigned = await tx.$executeRaw`
        UPDATE events e
           SET batch_id = ${created.id}::uuid, index_in_batch = (u.position - 1)::int, status = 'batched', updated_at = now()
          FROM unnest(${[...eventIds]}::uuid[]) WITH ORDINALITY AS u(id, position)
         WHERE e.tenant_id = ${tenantId}::uuid AND e.id = u.id AND e.status = 'received'`;
      if (assigned !== eventIds.length)
        throw new EventsTakenError(`${eventIds.length - assigned} events were sealed elsewhere`);
      return created.id;
    },
  };
}
