import type { ChainProof, Database, ProofRequest, ScopedTransaction } from '@spv-cloud/db';
import type { PlanCodeName } from '@spv-cloud/queue';
import { dbBytes } from '../platform/db-bytes';
import { appendProvenanceEntries } from '../provenance/provenance-log.repository';
import type { ProvenanceEntryInput } from '../provenance/provenance-entry';
import type { GenerationFacts } from './evidence-bundle';
import { chainProofLockName, type ChainProofKey } from './proof-key';
import type {
  ChainProofRecord,
  GeneratedProof,
  IssueTarget,
  ProofRequestModeName,
  ProofRequestRecord,
  WaitingState,
  WaitingTenant,
} from './proof-records';

const STATUS_FROM_DB = { PENDING: 'pending', READY: 'ready', FAILED: 'failed', EXPIRED: 'expired' } as const;
const REQUEST_STATUS_FROM_DB = { PENDING: 'pending', COMPLETED: 'completed', FAILED: 'failed' } as const;
const PLAN_FROM_DB = { FREE: 'free', PRO: 'pro', ENTERPRISE: 'enterprise' } as const;
const PLAN_RANK: Record<PlanCodeName, number> = { enterprise: 0, pro: 1, free: 2 };

export interface NewProofRequest {
  readonly key: ChainProofKey;
  readonly mode: ProofRequestModeName;
  readonly requestedByKeyId: string | null;
  readonly idempotencyKey?: string | null;
}

export interface CreatedProofRequest {
  readonly request: ProofRequestRecord;
  readonly chainProof: ChainProofRecord;
  /** True when this request created the chain proof row (its generation must be enqueued). */
  readonly createdChainProof: boolean;
  /** The tenant's plan and hot TTL, for the job priority and the bundle's hot tag. */
  readonly plan: PlanCodeName;
}

/** Writes the tenants' reference objects; resolves to each request's bundle key (storage before rows). */
export type ReferenceWriter = (
  targets: readonly IssueTarget[],
  chainProof: ChainProofRecord,
) => Promise<ReadonlyMap<string, string>>;

/**
 * Chain proofs (shared, public chain data) and tenants' proof requests. Find-or-create and issuing
 * take the proof's advisory lock (`chainProofLockName`), as does retention before deleting a proof,
 * so 100 concurrent requests for one proof create one row, and a proof is never deleted while
 * being issued. Issuing appends the provenance entries in the same transaction.
 */
export class ProofRepository {
  constructor(private readonly database: Database) {}

  /** Tenant scope: reuses the newest usable version of the proof or creates a pending one, then the request. */
  createRequest(tenantId: string, input: NewProofRequest, now: Date): Promise<CreatedProofRequest> {
    return this.database.tenant.run(tenantId, async (tx) => {
      await lock(tx, input.key);
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { planCode: true } });
      const candidates = await tx.chainProof.findMany({
        where: { ...keyWhere(input.key), status: { in: ['PENDING', 'READY'] } },
        orderBy: { createdAt: 'desc' },
        take: 5,
      });
      let chainProof =
        candidates.find(
          (row) => row.status === 'READY' && row.s3Key !== null && (!row.expiresAt || row.expiresAt > now),
        ) ?? candidates.find((row) => row.status === 'PENDING' && row.refreshedFromId === null);
      const createdChainProof = chainProof === undefined;
      chainProof ??= await tx.chainProof.create({
        data: { ...keyWhere(input.key), status: 'PENDING' },
      });
      const request = await tx.proofRequest.create({
        data: {
          tenantId,
          kind: input.key.kind,
          status: 'PENDING',
          network: input.key.network,
          chainId: input.key.chainId,
          requestKey: input.key.requestKey,
          targetChainId: input.key.targetChainId,
          chainProofId: chainProof.id,
          mode: input.mode === 'precompute' ? 'PRECOMPUTE' : 'ON_DEMAND',
          requestedByKeyId: input.requestedByKeyId,
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
          createdAt: now,
        },
      });
      return {
        request: toRequest(request),
        chainProof: toChainProof(chainProof),
        createdChainProof,
        plan: PLAN_FROM_DB[tenant?.planCode ?? 'FREE'],
      };
    });
  }

  /**
   * System scope: the usable version of a proof the service itself needs (e.g. the anchoring
   * transaction of a provenance checkpoint), created pending if there is none. No tenant request.
   */
  ensureSystemProof(key: ChainProofKey, now: Date): Promise<ChainProofRecord> {
    return this.database.system.runAcrossTenants('worker.system-proof', async (tx) => {
      await lock(tx, key);
      const candidates = await tx.chainProof.findMany({
        where: { ...keyWhere(key), status: { in: ['PENDING', 'READY'] } },
        orderBy: { createdAt: 'desc' },
        take: 5,
      });
      const usable =
        candidates.find(
          (row) => row.status === 'READY' && row.s3Key !== null && (!row.expiresAt || row.expiresAt > now),
        ) ?? candidates.find((row) => row.status === 'PENDING');
      return toChainProof(
        usable ?? (await tx.chainProof.create({ data: { ...keyWhere(key), status: 'PENDING' } })),
      );
    });
  }

  /** The newest version of a proof, whatever its state (system scope: reads shared chain data). */
  async latestVersion(key: ChainProofKey): Promise<ChainProofRecord | null> {
    const row = await this.database.system.runAcrossTenants('provenance.read', (tx) =>
      tx.chainProof.findFirst({ where: keyWhere(key), orderBy: { createdAt: 'desc' } }),
    );
    return row ? toChainProof(row) : null;
  }

  /** A tenant's request and the chain proof it points at (tenant scope: another tenant's is not found). */
  async findRequest(
    tenantId: string,
    requestId: string,
  ): Promise<{ request: ProofRequestRecord; chainProof: ChainProofRecord | null } | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const request = await tx.proofRequest.findFirst({
        where: { id: requestId, tenantId, kind: { in: ['TX', 'TXOUT'] } },
        include: { chainProof: true },
      });
      if (!request) return null;
      return {
        request: toRequest(request),
        chainProof: request.chainProof ? toChainProof(request.chainProof) : null,
      };
    });
  }

  async loadChainProof(chainProofId: string): Promise<ChainProofRecord | null> {
    const row = await this.database.system.runAcrossTenants('worker.proof-generation', (tx) =>
      tx.chainProof.findUnique({ where: { id: chainProofId } }),
    );
    return row ? toChainProof(row) : null;
  }

  /** Tenants whose requests wait for this proof (pending on it, or completed on the version it refreshes). */
  async waitingTenants(chainProofId: string): Promise<WaitingTenant[]> {
    return this.database.system.runAcrossTenants('worker.proof-generation', async (tx) => {
      const row = await tx.chainProof.findUnique({
        where: { id: chainProofId },
        select: { refreshedFromId: true },
      });
      const rows = await tx.proofRequest.findMany({
        where: {
          OR: [
            { chainProofId, status: 'PENDING' },
            ...(row?.refreshedFromId
              ? [{ chainProofId: row.refreshedFromId, status: 'COMPLETED' as const }]
              : []),
          ],
        },
        select: { id: true, tenantId: true, tenant: { select: { planCode: true, hotTtlDays: true } } },
      });
      return rows.map((r) => ({
        requestId: r.id,
        tenantId: r.tenantId,
        plan: PLAN_FROM_DB[r.tenant.planCode],
        hotTtlDays: r.tenant.hotTtlDays,
      }));
    });
  }

  async markWaiting(chainProofId: string, state: WaitingState): Promise<void> {
    await this.database.system.runAcrossTenants('worker.proof-generation', (tx) =>
      tx.chainProof.updateMany({
        where: { id: chainProofId, status: 'PENDING' },
        data: {
          etaAt: state.etaAt,
          ...(state.blockHash !== undefined ? { blockHash: state.blockHash } : {}),
          ...(state.blockHeight !== undefined ? { blockHeight: BigInt(state.blockHeight) } : {}),
          ...(state.targetHeight !== undefined ? { targetHeight: BigInt(state.targetHeight) } : {}),
          ...(state.phase === 'inclusion' ? { blockHash: null, blockHeight: null, targetHeight: null } : {}),
        },
      }),
    );
  }

  /** The proof cannot be made: the row and every request waiting on it fail with the reason. */
  async failChainProof(chainProofId: string, reason: string, now: Date): Promise<void> {
    await this.database.system.runAcrossTenants('worker.proof-generation', async (tx) => {
      await tx.chainProof.update({
        where: { id: chainProofId },
        data: { status: 'FAILED', lastError: reason, etaAt: null },
      });
      await tx.proofRequest.updateMany({
        where: { chainProofId, status: 'PENDING' },
        data: { status: 'FAILED', lastError: reason, completedAt: now },
      });
    });
  }

  /**
   * Marks a generated proof ready and issues it to every tenant waiting on it (see issueReadyProof):
   * one transaction under the proof's lock, so a request created meanwhile is either issued here or
   * finds the proof ready itself.
   */
  async completeGeneration(
    chainProofId: string,
    generated: GeneratedProof,
    writeReferences: ReferenceWriter,
    now: Date,
  ): Promise<IssueTarget[]> {
    return this.database.system.runAcrossTenants(
      'worker.proof-generation',
      async (tx) => {
        const row = await tx.chainProof.findUniqueOrThrow({ where: { id: chainProofId } });
        await lock(tx, keyOfRow(row));
        const updated = await tx.chainProof.update({
          where: { id: chainProofId },
          data: {
            status: 'READY',
            contentHash: dbBytes(generated.contentHash),
            s3Key: generated.s3Key,
            byteSize: generated.byteSize,
            cachedInS3: true,
            blockHash: generated.blockHash,
            blockHeight: BigInt(generated.blockHeight),
            targetHeight: BigInt(generated.targetHeight),
            rootBlockHash: generated.rootBlockHash,
            expiresAt: generated.expiresAt,
            etaAt: null,
            lastError: null,
            nodeUrl: generated.facts.nodeUrl,
            chainwebVersion: generated.facts.chainwebVersion,
            serviceVersion: generated.facts.serviceVersion,
            buildHash: generated.facts.buildHash,
            observedAt: generated.facts.observedAt,
            crossCheck: generated.facts.crossCheck,
          },
        });
        return this.issueInTransaction(tx, toChainProof(updated), writeReferences, now, undefined);
      },
      { timeoutMs: 60_000 },
    );
  }

  /**
   * Issues a ready proof to pending requests (all of them, or `onlyRequestIds`), and moves requests of
   * the version it refreshes onto it: writes each tenant's reference object first (through
   * `writeReferences`), then completes the rows and appends one provenance entry per request.
   */
  issueReadyProof(
    chainProofId: string,
    writeReferences: ReferenceWriter,
    now: Date,
    onlyRequestIds?: readonly string[],
  ): Promise<IssueTarget[]> {
    return this.database.system.runAcrossTenants(
      'api.proof-issue',
      async (tx) => {
        const row = await tx.chainProof.findUnique({ where: { id: chainProofId } });
        if (!row) return [];
        await lock(tx, keyOfRow(row));
        const current = await tx.chainProof.findUniqueOrThrow({ where: { id: chainProofId } });
        if (current.status !== 'READY' || current.s3Key === null) return [];
        return this.issueInTransaction(tx, toChainProof(current), writeReferences, now, onlyRequestIds);
      },
      { timeoutMs: 60_000 },
    );
  }

  private async issueInTransaction(
    tx: ScopedTransaction,
    chainProof: ChainProofRecord,
    writeReferences: ReferenceWriter,
    now: Date,
    onlyRequestIds: readonly string[] | undefined,
  ): Promise<IssueTarget[]> {
    const pending = await tx.proofRequest.findMany({
      where: {
        chainProofId: chainProof.id,
        status: 'PENDING',
        ...(onlyRequestIds ? { id: { in: [...onlyRequestIds] } } : {}),
      },
      select: { id: true, tenantId: true },
    });
    const moved =
      chainProof.refreshedFromId && !onlyRequestIds
        ? await tx.proofRequest.findMany({
            where: { chainProofId: chainProof.refreshedFromId, status: 'COMPLETED' },
            select: { id: true, tenantId: true },
          })
        : [];
    const targets: IssueTarget[] = [
      ...pending.map((r) => ({ requestId: r.id, tenantId: r.tenantId, action: 'issued' as const })),
      ...moved.map((r) => ({ requestId: r.id, tenantId: r.tenantId, action: 'refreshed' as const })),
    ];
    if (targets.length === 0) return [];
    const keys = await writeReferences(targets, chainProof);
    for (const target of targets) {
      await tx.proofRequest.update({
        where: { id: target.requestId },
        data: {
          status: 'COMPLETED',
          chainProofId: chainProof.id,
          bundleKey: keys.get(target.requestId) ?? null,
          lastError: null,
          ...(target.action === 'issued' ? { completedAt: now } : {}),
        },
      });
    }
    const facts = chainProof.facts as NonNullable<ChainProofRecord['facts']>;
    const entries: ProvenanceEntryInput[] = targets.map((target) => ({
      tenantId: target.tenantId,
      action: target.action,
      subjectKind: 'tx_proof',
      subjectId: target.requestId,
      proofHash: chainProof.contentHash as Buffer,
      nodeUrl: facts.nodeUrl,
      chainwebVersion: facts.chainwebVersion,
      serviceVersion: facts.serviceVersion,
      buildHash: facts.buildHash,
      observedAt: facts.observedAt,
    }));
    await appendProvenanceEntries(tx, entries, now);
    return targets;
  }

  /** The best plan among the tenants waiting for a proof (its generation job's priority). */
  async bestWaitingPlan(chainProofId: string): Promise<PlanCodeName> {
    const tenants = await this.waitingTenants(chainProofId);
    return tenants.reduce<PlanCodeName>(
      (best, t) => (PLAN_RANK[t.plan] < PLAN_RANK[best] ? t.plan : best),
      'free',
    );
  }

  /**
   * Ready proofs that expire before `before`, not refreshed yet, held by at least one request: a
   * pending refresh version is created for each (under the proof's lock); returns the new rows.
   */
  async createRefreshVersions(before: Date, limit: number): Promise<ChainProofRecord[]> {
    return this.database.system.runAcrossTenants('worker.proof-refresh', async (tx) => {
      const due = await tx.chainProof.findMany({
        where: {
          status: 'READY',
          expiresAt: { lt: before },
          refreshedTo: { is: null },
          proofRequests: { some: { status: 'COMPLETED' } },
        },
        orderBy: { expiresAt: 'asc' },
        take: limit,
      });
      const created: ChainProofRecord[] = [];
      for (const old of due) {
        await lock(tx, keyOfRow(old));
        const fresh = await tx.chainProof.findUnique({ where: { refreshedFromId: old.id } });
        if (fresh) continue;
        const row = await tx.chainProof.create({
          data: { ...keyWhere(keyOfRow(old)), status: 'PENDING', refreshedFromId: old.id },
        });
        created.push(toChainProof(row));
      }
      return created;
    });
  }

  /** Pending versions whose generation job may have been lost (not touched for `staleMs`). */
  async stalePendingProofs(updatedBefore: Date, limit: number): Promise<ChainProofRecord[]> {
    const rows = await this.database.system.runAcrossTenants('worker.proof-sweep', (tx) =>
      tx.chainProof.findMany({
        where: { status: 'PENDING', updatedAt: { lt: updatedBefore } },
        orderBy: { updatedAt: 'asc' },
        take: limit,
      }),
    );
    return rows.map(toChainProof);
  }

  /** Ready versions with requests still pending on them (an issue interrupted by a storage outage). */
  async readyProofsWithPendingRequests(limit: number): Promise<ChainProofRecord[]> {
    const rows = await this.database.system.runAcrossTenants('worker.proof-sweep', (tx) =>
      tx.chainProof.findMany({
        where: { status: 'READY', proofRequests: { some: { status: 'PENDING' } } },
        take: limit,
      }),
    );
    return rows.map(toChainProof);
  }

  /** Pending proofs of a network waiting on a chain (watches nudge them when a header arrives). */
  async pendingOnChain(network: string, chainId: number, height: number): Promise<string[]> {
    const rows = await this.database.system.runAcrossTenants('worker.proof-watch', (tx) =>
      tx.chainProof.findMany({
        where: {
          network,
          status: 'PENDING',
          OR: [
            { chainId, blockHash: null },
            { targetChainId: chainId, targetHeight: { lte: BigInt(height) } },
          ],
        },
        select: { id: true },
        take: 1000,
      }),
    );
    return rows.map((row) => row.id);
  }
}

async function lock(tx: ScopedTransaction, key: ChainProofKey): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chainProofLockName(key)}, 0))`;
}

function keyWhere(key: ChainProofKey) {
  return {
    network: key.network,
    chainId: key.chainId,
    requestKey: key.requestKey,
    targetChainId: key.targetChainId,
    kind: key.kind,
  };
}

function keyOfRow(
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

export function toChainProof(row: ChainProof): ChainProofRecord {
  const facts =
    row.nodeUrl && row.chainwebVersion && row.serviceVersion && row.buildHash && row.observedAt
      ? {
          nodeUrl: row.nodeUrl,
          chainwebVersion: row.chainwebVersion,
          serviceVersion: row.serviceVersion,
          buildHash: row.buildHash,
          observedAt: row.observedAt,
          crossCheck: row.crossCheck ?? 'skipped',
        }
      : null;
  return {
    id: row.id,
    key: keyOfRow(row),
    status: STATUS_FROM_DB[row.status],
    contentHash: row.contentHash ? Buffer.from(row.contentHash) : null,
    s3Key: row.s3Key,
    byteSize: row.byteSize,
    blockHash: row.blockHash,
    blockHeight: row.blockHeight === null ? null : Number(row.blockHeight),
    targetHeight: row.targetHeight === null ? null : Number(row.targetHeight),
    rootBlockHash: row.rootBlockHash,
    etaAt: row.etaAt,
    expiresAt: row.expiresAt,
    refreshedFromId: row.refreshedFromId,
    lastError: row.lastError,
    facts,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toRequest(row: ProofRequest): ProofRequestRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    key: {
      network: row.network ?? '',
      chainId: row.chainId ?? 0,
      requestKey: row.requestKey ?? '',
      targetChainId: row.targetChainId ?? 0,
      kind: row.kind === 'TX' ? 'TX' : 'TXOUT',
    },
    status: REQUEST_STATUS_FROM_DB[row.status],
    mode: row.mode === 'PRECOMPUTE' ? 'precompute' : 'on_demand',
    chainProofId: row.chainProofId,
    bundleKey: row.bundleKey,
    lastError: row.lastError,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

export type { GenerationFacts };
