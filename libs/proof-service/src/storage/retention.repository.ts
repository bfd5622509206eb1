import type { ChainProof, Database, ScopedTransaction } from '@spv-cloud/db';
import { dbBytes } from '../platform/db-bytes';
import { chainProofLockName, type ChainProofKey } from '../proofs/proof-key';
import { appendProvenanceEntries } from '../provenance/provenance-log.repository';
import type { DeletionReceiptContent } from './deletion-receipt';
import type { RetentionPolicy } from './retention-policy';
import type {
  ExpiredProofRequest,
  ProofLineage,
  RetentionStore,
  RetentionTransaction,
  StoredProofVersion,
  TenantRetention,
} from './retention-store';

const PURPOSE = 'worker.retention-sweep';

/** RetentionStore over Prisma, in the system scope: deciding what is still held looks across tenants. */
export class RetentionRepository implements RetentionStore {
  constructor(private readonly database: Database) {}

  async listTenants(): Promise<TenantRetention[]> {
    const rows = await this.database.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.tenant.findMany({
        select: {
          id: true,
          hotTtlDays: true,
          archiveYears: true,
          legalHold: true,
          legalHoldReason: true,
          legalHoldSetAt: true,
        },
        orderBy: { id: 'asc' },
      }),
    );
    return rows.map((row) => ({ tenantId: row.id, policy: toPolicy(row) }));
  }

  inTenantTransaction<T>(tenantId: string, work: (tx: RetentionTransaction) => Promise<T>): Promise<T> {
    return this.database.system.runAcrossTenants(
      PURPOSE,
      (tx) => work(new PrismaRetentionTransaction(tx, tenantId)),
      {
        timeoutMs: 120_000,
      },
    );
  }
}

class PrismaRetentionTransaction implements RetentionTransaction {
  constructor(
    private readonly tx: ScopedTransaction,
    private readonly tenantId: string,
  ) {}

  async currentPolicy(): Promise<RetentionPolicy> {
    // NO KEY UPDATE: serializes with policy changes (UPDATE tenants) but not with inserts that
    // reference the tenant (their foreign-key check takes KEY SHARE), so no deadlock with the API.
    const rows = await this.tx.$queryRaw<
      {
        hot_ttl_days: number;
        archive_years: number;
        legal_hold: boolean;
        legal_hold_reason: string | null;
        legal_hold_set_at: Date | null;
      }[]
    >`SELECT hot_ttl_days, archive_years, legal_hold, legal_hold_reason, legal_hold_set_at
        FROM tenants WHERE id = ${this.tenantId}::uuid FOR NO KEY UPDATE`;
    const row = rows[0];
    if (!row) throw new Error(`tenant ${this.tenantId} does not exist`);
    return toPolicy({
      hotTtlDays: row.hot_ttl_days,
      archiveYears: row.archive_years,
      legalHold: row.legal_hold,
      legalHoldReason: row.legal_hold_reason,
      legalHoldSetAt: row.legal_hold_set_at,
    });
  }

  async expiredRequests(cutoff: Date, limit: number): Promise<ExpiredProofRequest[]> {
    const rows = await this.tx.proofRequest.findMany({
      where: {
        tenantId: this.tenantId,
        kind: { in: ['TX', 'TXOUT'] },
        OR: [
          { status: 'COMPLETED', completedAt: { lt: cutoff } },
          { status: 'FAILED', createdAt: { lt: cutoff } },
        ],
      },
      select: {
        id: true,
        status: true,
        chainProofId: true,
        bundleKey: true,
        completedAt: true,
        createdAt: true,
      },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      completed: row.status === 'COMPLETED',
      chainProofId: row.chainProofId,
      bundleKey: row.bundleKey,
      issuedAt: row.completedAt ?? row.createdAt,
    }));
  }

  async bundleKeysStillHeld(
    bundleKeys: readonly string[],
    excluding: readonly string[],
  ): Promise<Set<string>> {
    if (bundleKeys.length === 0) return new Set();
    const rows = await this.tx.proofRequest.findMany({
      where: { tenantId: this.tenantId, bundleKey: { in: [...bundleKeys] }, id: { notIn: [...excluding] } },
      select: { bundleKey: true },
      distinct: ['bundleKey'],
    });
    return new Set(rows.flatMap((row) => (row.bundleKey ? [row.bundleKey] : [])));
  }

  async lineages(chainProofIds: readonly string[]): Promise<ProofLineage[]> {
    const seen = new Set<string>();
    const lineages: ProofLineage[] = [];
    for (const id of chainProofIds) {
      if (seen.has(id)) continue;
      const start = await this.tx.chainProof.findUnique({ where: { id } });
      if (!start) continue;
      const versions: ChainProof[] = [start];
      for (let older = start.refreshedFromId; older;) {
        const row = await this.tx.chainProof.findUnique({ where: { id: older } });
        if (!row) break;
        versions.unshift(row);
        older = row.refreshedFromId;
      }
      for (let newer = await this.successor(start.id); newer; newer = await this.successor(newer.id)) {
        versions.push(newer);
      }
      versions.forEach((version) => seen.add(version.id));
      lineages.push({ key: keyOf(start), versions: versions.map(toVersion) });
    }
    return lineages;
  }

  async lockProof(key: ChainProofKey): Promise<void> {
    await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chainProofLockName(key)}, 0))`;
  }

  async lineageStillHeld(lineage: ProofLineage, excluding: readonly string[]): Promise<boolean> {
    const held = await this.tx.proofRequest.count({
      where: {
        chainProofId: { in: lineage.versions.map((version) => version.chainProofId) },
        id: { notIn: [...excluding] },
      },
    });
    return held > 0;
  }

  async deleteRequests(ids: readonly string[]): Promise<number> {
    const { count } = await this.tx.proofRequest.deleteMany({
      where: { tenantId: this.tenantId, id: { in: [...ids] } },
    });
    return count;
  }

  async markVersionsDeleted(chainProofIds: readonly string[]): Promise<void> {
    if (chainProofIds.length === 0) return;
    await this.tx.chainProof.updateMany({
      where: { id: { in: [...chainProofIds] } },
      data: {
        status: 'EXPIRED',
        s3Key: null,
        cachedInS3: false,
        cachedInRedis: false,
        lastError: 'deleted by retention',
      },
    });
  }

  async insertReceipt(
    receipt: DeletionReceiptContent,
    signature: Buffer,
    signingKeyId: string,
  ): Promise<void> {
    await this.tx.retentionDeletionReceipt.create({
      data: {
        id: receipt.receiptId,
        tenantId: receipt.tenantId,
        scope: 'PROOFS',
        objectCount: receipt.objectCount,
        s3ObjectCount: receipt.s3ObjectCount,
        rangeStart: receipt.rangeStart,
        rangeEnd: receipt.rangeEnd,
        digest: dbBytes(receipt.digest),
        signature: dbBytes(signature),
        signingKeyId,
        policy: receipt.policy,
        createdAt: receipt.createdAt,
      },
    });
  }

  async appendProvenance(
    entries: Parameters<RetentionTransaction['appendProvenance']>[0],
    recordedAt: Date,
  ): Promise<void> {
    await appendProvenanceEntries(this.tx, entries, recordedAt);
  }

  private successor(id: string): Promise<ChainProof | null> {
    return this.tx.chainProof.findUnique({ where: { refreshedFromId: id } });
  }
}

function toPolicy(row: {
  hotTtlDays: number;
  archiveYears: number;
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldSetAt: Date | null;
}): RetentionPolicy {
  return {
    hotTtlDays: row.hotTtlDays,
    archiveYears: row.archiveYears,
    legalHold: row.legalHold,
    legalHoldReason: row.legalHoldReason,
    legalHoldSetAt: row.legalHoldSetAt,
  };
}

export function keyOf(
  row: Pick<ChainProof, 'network' | 'chainId' | 'requestKey' | 'targetChainId' | 'kind'>,
): ChainProofKey {
  return {
    network: row.network,
    chainId: row.chainId,
    requestKey: row.requestKey,
    targetChainId: row.targetChainId,
    kind: row.kind,
  };
}

function toVersion(row: ChainProof): StoredProofVersion {
  return {
    chainProofId: row.id,
    key: keyOf(row),
    contentHash: row.contentHash ? Buffer.from(row.contentHash) : null,
    s3Key: row.s3Key,
    nodeUrl: row.nodeUrl,
    chainwebVersion: row.chainwebVersion,
    serviceVersion: row.serviceVersion,
    buildHash: row.buildHash,
    observedAt: row.observedAt,
  };
}
