/** In-memory fakes of the proof service's ports, for unit tests of services (no I/O). */
import type { ChainAccess, ChainAccessRegistry } from '../src/chain/chain-access';
import { ProofServiceError } from '../src/proof-service.errors';
import type { ReferenceWriter } from '../src/proofs/proof.repository';
import type {
  ChainProofRecord,
  GeneratedProof,
  IssueTarget,
  WaitingState,
  WaitingTenant,
} from '../src/proofs/proof-records';
import type { ChainProofKey } from '../src/proofs/proof-key';
import { blobKey, sha256, tenantBundleKey } from '../src/storage/object-keys';
import type { ProofStore, StoredBlob, TenantBundleReference } from '../src/storage/proof-store';

export function registryOf(...accesses: ChainAccess[]): ChainAccessRegistry {
  return {
    names: () => accesses.map((a) => a.network),
    get: (network) => {
      const found = accesses.find((a) => a.network === network);
      if (!found) throw new ProofServiceError('unknown_network', `network ${network} is not configured`);
      return found;
    },
  };
}

export class MemoryProofStore implements ProofStore {
  readonly blobs = new Map<string, Buffer>();
  readonly references = new Map<string, TenantBundleReference>();
  available = true;

  private check(): void {
    if (!this.available)
      throw new ProofServiceError('storage_unavailable', 'S3 is down', { retryable: true });
  }

  putBlob(bytes: Buffer): Promise<StoredBlob> {
    this.check();
    const contentHash = sha256(bytes);
    const key = blobKey(contentHash);
    const created = !this.blobs.has(key);
    this.blobs.set(key, Buffer.from(bytes));
    return Promise.resolve({ contentHash, key, byteSize: bytes.length, created });
  }
  getBlob(contentHash: Uint8Array): Promise<Buffer | undefined> {
    this.check();
    return Promise.resolve(this.blobs.get(blobKey(contentHash)));
  }
  hasBlob(contentHash: Uint8Array): Promise<boolean> {
    this.check();
    return Promise.resolve(this.blobs.has(blobKey(contentHash)));
  }
  deleteBlob(contentHash: Uint8Array): Promise<void> {
    this.check();
    this.blobs.delete(blobKey(contentHash));
    return Promise.resolve();
  }
  putReference(reference: Omit<TenantBundleReference, 'version' | 'blobKey'>): Promise<string> {
    this.check();
    const hash = Buffer.from(reference.contentHash, 'hex');
    const key = tenantBundleKey(reference.tenantId, hash);
    this.references.set(key, { version: 1, blobKey: blobKey(hash), ...reference });
    return Promise.resolve(key);
  }
  getReference(tenantId: string, contentHash: Uint8Array): Promise<TenantBundleReference | undefined> {
    this.check();
    return Promise.resolve(this.references.get(tenantBundleKey(tenantId, contentHash)));
  }
  deleteKeys(keys: readonly string[]): Promise<void> {
    this.check();
    for (const key of keys) {
      this.blobs.delete(key);
      this.references.delete(key);
    }
    return Promise.resolve();
  }
  async *listTenantKeys(tenantId: string): AsyncIterable<string> {
    this.check();
    const keys = [...this.references.keys()].filter((key) => key.startsWith(`tenants/${tenantId}/`));
    yield* await Promise.resolve(keys);
  }
}

export class MemoryProofCache {
  readonly entries = new Map<string, Buffer>();
  get(hash: Uint8Array): Promise<Buffer | undefined> {
    return Promise.resolve(this.entries.get(Buffer.from(hash).toString('hex')));
  }
  set(hash: Uint8Array, bytes: Buffer): Promise<boolean> {
    this.entries.set(Buffer.from(hash).toString('hex'), bytes);
    return Promise.resolve(true);
  }
  delete(hash: Uint8Array): Promise<void> {
    this.entries.delete(Buffer.from(hash).toString('hex'));
    return Promise.resolve();
  }
}

interface FakeRequest {
  id: string;
  tenantId: string;
  chainProofId: string;
  status: 'pending' | 'completed' | 'failed';
  bundleKey: string | null;
  lastError: string | null;
}

/** The generator's view of the proof repository, in memory. */
export class MemoryGenerationRepository {
  readonly proofs = new Map<string, ChainProofRecord>();
  readonly requests: FakeRequest[] = [];
  readonly waits: { id: string; state: WaitingState }[] = [];
  readonly issued: IssueTarget[] = [];
  tenants = new Map<string, { plan: 'free' | 'pro' | 'enterprise'; hotTtlDays: number }>();

  addProof(id: string, key: ChainProofKey, overrides: Partial<ChainProofRecord> = {}): ChainProofRecord {
    const record: ChainProofRecord = {
      id,
      key,
      status: 'pending',
      contentHash: null,
      s3Key: null,
      byteSize: null,
      blockHash: null,
      blockHeight: null,
      targetHeight: null,
      rootBlockHash: null,
      etaAt: null,
      expiresAt: null,
      refreshedFromId: null,
      lastError: null,
      facts: null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      ...overrides,
    };
    this.proofs.set(id, record);
    return record;
  }

  addRequest(
    id: string,
    tenantId: string,
    chainProofId: string,
    status: FakeRequest['status'] = 'pending',
  ): void {
    this.requests.push({ id, tenantId, chainProofId, status, bundleKey: null, lastError: null });
  }

  loadChainProof(id: string): Promise<ChainProofRecord | null> {
    return Promise.resolve(this.proofs.get(id) ?? null);
  }

  waitingTenants(id: string): Promise<WaitingTenant[]> {
    const from = this.proofs.get(id)?.refreshedFromId;
    return Promise.resolve(
      this.requests
        .filter(
          (r) =>
            (r.chainProofId === id && r.status === 'pending') ||
            (from && r.chainProofId === from && r.status === 'completed'),
        )
        .map((r) => ({
          requestId: r.id,
          tenantId: r.tenantId,
          ...(this.tenants.get(r.tenantId) ?? { plan: 'free' as const, hotTtlDays: 90 }),
        })),
    );
  }

  markWaiting(id: string, state: WaitingState): Promise<void> {
    this.waits.push({ id, state });
    const row = this.proofs.get(id) as ChainProofRecord;
    this.proofs.set(id, {
      ...row,
      etaAt: state.etaAt,
      blockHash: state.blockHash ?? null,
      blockHeight: state.blockHeight ?? null,
      targetHeight: state.targetHeight ?? null,
    });
    return Promise.resolve();
  }

  failChainProof(id: string, reason: string): Promise<void> {
    const row = this.proofs.get(id) as ChainProofRecord;
    this.proofs.set(id, { ...row, status: 'failed', lastError: reason });
    for (const r of this.requests)
      if (r.chainProofId === id && r.status === 'pending')
        Object.assign(r, { status: 'failed', lastError: reason });
    return Promise.resolve();
  }

  async completeGeneration(
    id: string,
    generated: GeneratedProof,
    writer: ReferenceWriter,
  ): Promise<IssueTarget[]> {
    const row = this.proofs.get(id) as ChainProofRecord;
    const ready: ChainProofRecord = {
      ...row,
      status: 'ready',
      contentHash: generated.contentHash,
      s3Key: generated.s3Key,
      byteSize: generated.byteSize,
      blockHash: generated.blockHash,
      blockHeight: generated.blockHeight,
      targetHeight: generated.targetHeight,
      rootBlockHash: generated.rootBlockHash,
      expiresAt: generated.expiresAt,
      facts: generated.facts,
    };
    this.proofs.set(id, ready);
    return this.issue(ready, writer);
  }

  async issueReadyProof(id: string, writer: ReferenceWriter): Promise<IssueTarget[]> {
    const row = this.proofs.get(id);
    if (!row || row.status !== 'ready') return [];
    return this.issue(row, writer);
  }

  private async issue(row: ChainProofRecord, writer: ReferenceWriter): Promise<IssueTarget[]> {
    const targets: IssueTarget[] = [
      ...this.requests
        .filter((r) => r.chainProofId === row.id && r.status === 'pending')
        .map((r) => ({ requestId: r.id, tenantId: r.tenantId, action: 'issued' as const })),
      ...this.requests
        .filter(
          (r) => row.refreshedFromId && r.chainProofId === row.refreshedFromId && r.status === 'completed',
        )
        .map((r) => ({ requestId: r.id, tenantId: r.tenantId, action: 'refreshed' as const })),
    ];
    if (targets.length === 0) return [];
    const keys = await writer(targets, row);
    for (const target of targets) {
      Object.assign(this.requests.find((r) => r.id === target.requestId) as FakeRequest, {
        status: 'completed',
        chainProofId: row.id,
        bundleKey: keys.get(target.requestId) ?? null,
      });
    }
    this.issued.push(...targets);
    return targets;
  }
}
