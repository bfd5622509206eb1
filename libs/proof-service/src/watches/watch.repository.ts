import type { Database, Watch } from '@spv-cloud/db';
import type { ChainProofKey, SpvProofKindName } from '../proofs/proof-key';

export type WatchStatusName = 'active' | 'fired' | 'expired' | 'cancelled';

export interface WatchRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly status: WatchStatusName;
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  readonly targetChainId: number;
  readonly kind: SpvProofKindName;
  readonly proofRequestId: string | null;
  readonly webhookEndpointId: string | null;
  readonly firedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
}

const STATUS_FROM_DB = {
  ACTIVE: 'active',
  FIRED: 'fired',
  EXPIRED: 'expired',
  CANCELLED: 'cancelled',
} as const;

/** Request-key watches (tenant scope for the API; the settling sweep crosses tenants on purpose). */
export class WatchRepository {
  constructor(private readonly database: Database) {}

  create(
    tenantId: string,
    input: {
      key: ChainProofKey;
      proofRequestId: string;
      webhookEndpointId: string | null;
      expiresAt: Date;
      now: Date;
    },
  ): Promise<WatchRecord> {
    return this.database.tenant.run(tenantId, async (tx) =>
      toWatch(
        await tx.watch.create({
          data: {
            tenantId,
            kind: 'REQUEST_KEY',
            status: 'ACTIVE',
            network: input.key.network,
            chainId: input.key.chainId,
            requestKey: input.key.requestKey,
            targetChainId: input.key.targetChainId,
            proofKind: input.key.kind,
            proofRequestId: input.proofRequestId,
            webhookEndpointId: input.webhookEndpointId,
            expiresAt: input.expiresAt,
            createdAt: input.now,
          },
        }),
      ),
    );
  }

  async find(tenantId: string, id: string): Promise<WatchRecord | null> {
    const row = await this.database.tenant.run(tenantId, (tx) =>
      tx.watch.findFirst({ where: { id, tenantId, kind: 'REQUEST_KEY' } }),
    );
    return row ? toWatch(row) : null;
  }

  async list(tenantId: string, limit: number): Promise<WatchRecord[]> {
    const rows = await this.database.tenant.run(tenantId, (tx) =>
      tx.watch.findMany({
        where: { tenantId, kind: 'REQUEST_KEY' },
        orderBy: { createdAt: 'desc' },
        take: limit,
      }),
    );
    return rows.map(toWatch);
  }

  async cancel(tenantId: string, id: string, now: Date): Promise<WatchRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const updated = await tx.watch.updateMany({
        where: { id, tenantId, kind: 'REQUEST_KEY', status: 'ACTIVE' },
        data: { status: 'CANCELLED', lastCheckedAt: now },
      });
      const row = await tx.watch.findFirst({ where: { id, tenantId, kind: 'REQUEST_KEY' } });
      return row && (updated.count > 0 || row.status !== 'ACTIVE') ? toWatch(row) : null;
    });
  }

  /** Active watches whose proof is issued fire; those past their expiry expire. */
  settle(now: Date): Promise<{ fired: number; expired: number }> {
    return this.database.system.runAcrossTenants('worker.watch-settle', async (tx) => {
      const fired = await tx.watch.updateMany({
        where: { kind: 'REQUEST_KEY', status: 'ACTIVE', proofRequest: { is: { status: 'COMPLETED' } } },
        data: { status: 'FIRED', firedAt: now, lastCheckedAt: now },
      });
      const expired = await tx.watch.updateMany({
        where: { kind: 'REQUEST_KEY', status: 'ACTIVE', expiresAt: { lt: now } },
        data: { status: 'EXPIRED', lastCheckedAt: now },
      });
      return { fired: fired.count, expired: expired.count };
    });
  }
}

function toWatch(row: Watch): WatchRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    status: STATUS_FROM_DB[row.status],
    network: row.network ?? '',
    chainId: row.chainId ?? 0,
    requestKey: row.requestKey ?? '',
    targetChainId: row.targetChainId ?? row.chainId ?? 0,
    kind: row.proofKind === 'TX' ? 'TX' : 'TXOUT',
    proofRequestId: row.proofRequestId,
    webhookEndpointId: row.webhookEndpointId,
    firedAt: row.firedAt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}
