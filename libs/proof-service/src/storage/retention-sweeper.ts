import type { Clock } from '../platform/clock';
import type { ServiceSigner } from '../platform/service-signer';
import { uuidV7 } from '../platform/uuid-v7';
import type { ProvenanceEntryInput } from '../provenance/provenance-entry';
import { deletionDigest, signDeletionReceipt, type DeletionReceiptContent } from './deletion-receipt';
import type { ProofCache } from './proof-cache';
import type { ProofStore } from './proof-store';
import { retentionCutoff, type RetentionPolicy } from './retention-policy';
import type { RetentionStore, RetentionTransaction, StoredProofVersion } from './retention-store';

export interface RetentionSweeperOptions {
  readonly store: RetentionStore;
  readonly objects: Pick<ProofStore, 'deleteKeys'>;
  readonly cache: Pick<ProofCache, 'delete'>;
  readonly signer: ServiceSigner;
  readonly clock: Clock;
  /** Requests deleted per transaction (one receipt each). */
  readonly batchSize?: number;
  /** Provenance of deletions: the build doing the deleting. */
  readonly service: { readonly version: string; readonly buildHash: string };
}

export interface TenantSweepOutcome {
  readonly tenantId: string;
  readonly outcome: 'legal_hold' | 'nothing_expired' | 'deleted';
  readonly requestsDeleted: number;
  readonly objectsDeleted: number;
  readonly receipts: number;
}

export interface RetentionSweepResult {
  readonly sweptAt: Date;
  readonly tenants: readonly TenantSweepOutcome[];
}

/**
 * Deletes what retention says is over: for each tenant not under legal hold, the proof requests issued
 * longer ago than hot TTL + archive years, the tenant's references to their bundles, and bundles no
 * request of any tenant holds any more. Objects are deleted before the rows, inside the transaction
 * that then deletes the rows, writes a signed deletion receipt and appends a `deleted` provenance
 * entry per proof: if object storage fails nothing in the database changes and the next sweep
 * retries the same batch; a legal hold is checked under the tenant's lock, so it always wins.
 */
export class RetentionSweeper {
  private readonly batchSize: number;

  constructor(private readonly options: RetentionSweeperOptions) {
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError('batchSize must be a positive integer');
  }

  async sweep(): Promise<RetentionSweepResult> {
    const sweptAt = this.options.clock.now();
    const outcomes: TenantSweepOutcome[] = [];
    for (const tenant of await this.options.store.listTenants()) {
      outcomes.push(
        tenant.policy.legalHold
          ? {
              tenantId: tenant.tenantId,
              outcome: 'legal_hold',
              requestsDeleted: 0,
              objectsDeleted: 0,
              receipts: 0,
            }
          : await this.sweepTenant(tenant.tenantId),
      );
    }
    return { sweptAt, tenants: outcomes };
  }

  async sweepTenant(tenantId: string): Promise<TenantSweepOutcome> {
    let requestsDeleted = 0;
    let objectsDeleted = 0;
    let receipts = 0;
    for (;;) {
      const batch = await this.options.store.inTenantTransaction(tenantId, (tx) =>
        this.deleteBatch(tenantId, tx),
      );
      if (batch === 'legal_hold') {
        return { tenantId, outcome: 'legal_hold', requestsDeleted, objectsDeleted, receipts };
      }
      if (batch === null) break;
      requestsDeleted += batch.requests;
      objectsDeleted += batch.objects;
      receipts++;
      // Evicted after commit: a reader racing the deletion at worst re-warms an entry that expires.
      await Promise.all(batch.evicted.map((hash) => this.options.cache.delete(hash)));
      if (batch.requests < this.batchSize) break;
    }
    return {
      tenantId,
      outcome: requestsDeleted > 0 ? 'deleted' : 'nothing_expired',
      requestsDeleted,
      objectsDeleted,
      receipts,
    };
  }

  private async deleteBatch(
    tenantId: string,
    tx: RetentionTransaction,
  ): Promise<'legal_hold' | null | { requests: number; objects: number; evicted: Buffer[] }> {
    const policy = await tx.currentPolicy();
    if (policy.legalHold) return 'legal_hold';
    const now = this.options.clock.now();
    const cutoff = retentionCutoff(now, policy);
    const expired = await tx.expiredRequests(cutoff, this.batchSize);
    if (expired.length === 0) return null;
    const requestIds = expired.map((request) => request.id);

    const bundleKeys = unique(expired.flatMap((request) => (request.bundleKey ? [request.bundleKey] : [])));
    const held = await tx.bundleKeysStillHeld(bundleKeys, requestIds);
    const referenceKeys = bundleKeys.filter((key) => !held.has(key));

    const chainProofIds = unique(
      expired.flatMap((request) => (request.chainProofId ? [request.chainProofId] : [])),
    );
    const versionsById = new Map<string, StoredProofVersion>();
    const released: StoredProofVersion[] = [];
    for (const lineage of await tx.lineages(chainProofIds)) {
      for (const version of lineage.versions) versionsById.set(version.chainProofId, version);
      await tx.lockProof(lineage.key);
      if (!(await tx.lineageStillHeld(lineage, requestIds))) released.push(...lineage.versions);
    }
    const blobKeys = unique(released.flatMap((version) => (version.s3Key ? [version.s3Key] : [])));
    const objectKeys = [...referenceKeys, ...blobKeys];

    // Storage first: if it fails, the transaction rolls back and the whole batch is retried later.
    await this.options.objects.deleteKeys(objectKeys);
    await tx.deleteRequests(requestIds);
    await tx.markVersionsDeleted(released.map((version) => version.chainProofId));

    const issuedTimes = expired.map((request) => request.issuedAt.getTime());
    const receipt: DeletionReceiptContent = {
      receiptId: uuidV7(now),
      tenantId,
      scope: 'proofs',
      objectCount: requestIds.length,
      s3ObjectCount: objectKeys.length,
      rangeStart: new Date(Math.min(...issuedTimes)),
      rangeEnd: new Date(Math.max(...issuedTimes)),
      digest: deletionDigest(requestIds, objectKeys),
      policy: policyRecord(policy, cutoff, now),
      createdAt: now,
    };
    await tx.insertReceipt(
      receipt,
      signDeletionReceipt(receipt, this.options.signer),
      this.options.signer.keyId,
    );
    await tx.appendProvenance(this.deletionEntries(tenantId, expired, versionsById), now);
    return {
      requests: requestIds.length,
      objects: objectKeys.length,
      evicted: released.flatMap((version) => (version.contentHash ? [version.contentHash] : [])),
    };
  }

  /** One `deleted` entry per completed proof (a request that never got a proof issued nothing). */
  private deletionEntries(
    tenantId: string,
    expired: readonly { id: string; completed: boolean; chainProofId: string | null }[],
    versions: ReadonlyMap<string, StoredProofVersion>,
  ): ProvenanceEntryInput[] {
    const entries: ProvenanceEntryInput[] = [];
    for (const request of expired) {
      const version = request.chainProofId ? versions.get(request.chainProofId) : undefined;
      if (!request.completed || !version?.contentHash) continue;
      entries.push({
        tenantId,
        action: 'deleted',
        subjectKind: 'tx_proof',
        subjectId: request.id,
        proofHash: version.contentHash,
        nodeUrl: version.nodeUrl ?? 'unknown',
        chainwebVersion: version.chainwebVersion ?? version.key.network,
        serviceVersion: this.options.service.version,
        buildHash: this.options.service.buildHash,
        observedAt: version.observedAt ?? this.options.clock.now(),
      });
    }
    return entries;
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function policyRecord(
  policy: RetentionPolicy,
  cutoff: Date,
  now: Date,
): Record<string, string | number | boolean> {
  return {
    hotTtlDays: policy.hotTtlDays,
    archiveYears: policy.archiveYears,
    legalHold: policy.legalHold,
    cutoff: cutoff.toISOString(),
    sweptAt: now.toISOString(),
  };
}
