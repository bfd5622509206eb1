import { generateKeyPairSync } from 'node:crypto';
import { DAY_MS, ManualClock } from '../platform/clock';
import { Ed25519ServiceSigner } from '../platform/service-signer';
import type { ProvenanceEntryInput } from '../provenance/provenance-entry';
import { ProofServiceError } from '../proof-service.errors';
import { deletionDigest, deletionReceiptMessage, type DeletionReceiptContent } from './deletion-receipt';
import type { RetentionPolicy } from './retention-policy';
import type {
  ExpiredProofRequest,
  ProofLineage,
  RetentionStore,
  RetentionTransaction,
  StoredProofVersion,
  TenantRetention,
} from './retention-store';
import { RetentionSweeper } from './retention-sweeper';

const T1 = '018f0000-0000-7000-8000-000000000001';
const T2 = '018f0000-0000-7000-8000-000000000002';
const START = Date.UTC(2026, 0, 1);

interface FakeRequest {
  id: string;
  tenantId: string;
  completed: boolean;
  chainProofId: string | null;
  bundleKey: string | null;
  issuedAt: Date;
}

/** An in-memory RetentionStore whose transactions apply their writes only when `work` succeeds. */
class FakeRetentionStore implements RetentionStore {
  policies = new Map<string, RetentionPolicy>();
  requests: FakeRequest[] = [];
  versions = new Map<string, StoredProofVersion & { deleted: boolean }>();
  receipts: { receipt: DeletionReceiptContent; signature: Buffer; keyId: string }[] = [];
  provenance: ProvenanceEntryInput[] = [];
  locked: string[] = [];
  /** Policy returned under the lock, when it differs from the listed one (a hold set meanwhile). */
  policyUnderLock = new Map<string, RetentionPolicy>();

  listTenants(): Promise<TenantRetention[]> {
    return Promise.resolve([...this.policies].map(([tenantId, policy]) => ({ tenantId, policy })));
  }

  async inTenantTransaction<T>(tenantId: string, work: (tx: RetentionTransaction) => Promise<T>): Promise<T> {
    const pending: (() => void)[] = [];
    const tx: RetentionTransaction = {
      currentPolicy: () =>
        Promise.resolve(
          this.policyUnderLock.get(tenantId) ?? (this.policies.get(tenantId) as RetentionPolicy),
        ),
      expiredRequests: (cutoff, limit): Promise<ExpiredProofRequest[]> =>
        Promise.resolve(
          this.requests
            .filter((r) => r.tenantId === tenantId && r.issuedAt < cutoff)
            .slice(0, limit)
            .map(({ tenantId: _t, ...rest }) => rest),
        ),
      bundleKeysStillHeld: (keys, excluding) =>
        Promise.resolve(
          new Set(
            this.requests
              .filter(
                (r) =>
                  r.tenantId === tenantId &&
                  !excluding.includes(r.id) &&
                  r.bundleKey &&
                  keys.includes(r.bundleKey),
              )
              .map((r) => r.bundleKey as string),
          ),
        ),
      lineages: (ids): Promise<ProofLineage[]> =>
        Promise.resolve(
          ids.map((id) => {
            const version = this.versions.get(id) as StoredProofVersion;
            return { key: version.key, versions: [version] };
          }),
        ),
      lockProof: (key) => {
        this.locked.push(key.requestKey);
        return Promise.resolve();
      },
      lineageStillHeld: (lineage, excluding) =>
        Promise.resolve(
          this.requests.some(
            (r) =>
              !excluding.includes(r.id) && lineage.versions.some((v) => v.chainProofId === r.chainProofId),
          ),
        ),
      deleteRequests: (ids) => {
        pending.push(() => (this.requests = this.requests.filter((r) => !ids.includes(r.id))));
        return Promise.resolve(ids.length);
      },
      markVersionsDeleted: (ids) => {
        pending.push(() =>
          ids.forEach((id) => ((this.versions.get(id) as { deleted: boolean }).deleted = true)),
        );
        return Promise.resolve();
      },
      insertReceipt: (receipt, signature, keyId) => {
        pending.push(() => this.receipts.push({ receipt, signature, keyId }));
        return Promise.resolve();
      },
      appendProvenance: (entries) => {
        pending.push(() => this.provenance.push(...entries));
        return Promise.resolve();
      },
    };
    const result = await work(tx);
    pending.forEach((apply) => apply());
    return result;
  }
}

function policy(overrides: Partial<RetentionPolicy> = {}): RetentionPolicy {
  return {
    hotTtlDays: 1,
    archiveYears: 0,
    legalHold: false,
    legalHoldReason: null,
    legalHoldSetAt: null,
    ...overrides,
  };
}

function version(id: string, requestKey: string): StoredProofVersion & { deleted: boolean } {
  return {
    chainProofId: id,
    key: { network: 'development', chainId: 0, requestKey, targetChainId: 1, kind: 'TXOUT' },
    contentHash: Buffer.alloc(32, id.charCodeAt(id.length - 1)),
    s3Key: `blobs/sha256/${id}`,
    nodeUrl: 'http://node',
    chainwebVersion: 'development',
    serviceVersion: '1.0.0',
    buildHash: 'abc',
    observedAt: new Date(START),
    deleted: false,
  };
}

describe('RetentionSweeper', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = new Ed25519ServiceSigner({
    privateKey,
    publicKey,
    publicKeyHex: 'ab'.repeat(32),
    keyId: 'test-key',
  });
  let store: FakeRetentionStore;
  let deleted: string[];
  let evicted: string[];
  let clock: ManualClock;
  let failStorage: boolean;

  function sweeper(batchSize = 500): RetentionSweeper {
    return new RetentionSweeper({
      store,
      objects: {
        deleteKeys: (keys) => {
          if (failStorage)
            return Promise.reject(new ProofServiceError('storage_unavailable', 'down', { retryable: true }));
          deleted.push(...keys);
          return Promise.resolve();
        },
      },
      cache: {
        delete: (hash) => {
          evicted.push(Buffer.from(hash).toString('hex'));
          return Promise.resolve();
        },
      },
      signer,
      clock,
      batchSize,
      service: { version: '2.0.0', buildHash: 'def' },
    });
  }

  beforeEach(() => {
    store = new FakeRetentionStore();
    deleted = [];
    evicted = [];
    failStorage = false;
    clock = new ManualClock(START);
    store.versions.set('cp-shared', version('cp-shared', 'rk-shared'));
    store.versions.set('cp-own', version('cp-own', 'rk-own'));
    store.policies.set(T1, policy());
    store.policies.set(T2, policy({ hotTtlDays: 30 }));
    store.requests.push(
      {
        id: 'r1',
        tenantId: T1,
        completed: true,
        chainProofId: 'cp-shared',
        bundleKey: 'tenants/t1/bundles/shared.json',
        issuedAt: new Date(START),
      },
      {
        id: 'r2',
        tenantId: T1,
        completed: true,
        chainProofId: 'cp-own',
        bundleKey: 'tenants/t1/bundles/own.json',
        issuedAt: new Date(START),
      },
      {
        id: 'r3',
        tenantId: T1,
        completed: false,
        chainProofId: null,
        bundleKey: null,
        issuedAt: new Date(START),
      },
      {
        id: 'r4',
        tenantId: T2,
        completed: true,
        chainProofId: 'cp-shared',
        bundleKey: 'tenants/t2/bundles/shared.json',
        issuedAt: new Date(START),
      },
    );
  });

  it('deletes nothing before the hot TTL and archive years have passed', async () => {
    clock.set(START + DAY_MS - 1);
    const result = await sweeper().sweep();
    expect(result.tenants.map((t) => t.outcome)).toEqual(['nothing_expired', 'nothing_expired']);
    expect(deleted).toEqual([]);
    expect(store.requests).toHaveLength(4);
  });

  it('deletes expired requests, their references and blobs no one else holds, with a signed receipt', async () => {
    clock.set(START + DAY_MS + 1);
    const result = await sweeper().sweep();
    expect(result.tenants).toEqual([
      { tenantId: T1, outcome: 'deleted', requestsDeleted: 3, objectsDeleted: 3, receipts: 1 },
      { tenantId: T2, outcome: 'nothing_expired', requestsDeleted: 0, objectsDeleted: 0, receipts: 0 },
    ]);
    // The shared blob stays: tenant 2 still holds it (its hot TTL is 30 days).
    expect(deleted.sort()).toEqual([
      'blobs/sha256/cp-own',
      'tenants/t1/bundles/own.json',
      'tenants/t1/bundles/shared.json',
    ]);
    expect(store.requests.map((r) => r.id)).toEqual(['r4']);
    expect(store.versions.get('cp-own')?.deleted).toBe(true);
    expect(store.versions.get('cp-shared')?.deleted).toBe(false);
    expect(evicted).toEqual([Buffer.alloc(32, 'n'.charCodeAt(0)).toString('hex')]);

    const [{ receipt, signature, keyId }] = store.receipts as [(typeof store.receipts)[number]];
    expect(keyId).toBe('test-key');
    expect(receipt).toMatchObject({ tenantId: T1, scope: 'proofs', objectCount: 3, s3ObjectCount: 3 });
    expect(receipt.digest).toEqual(deletionDigest(['r1', 'r2', 'r3'], [...deleted]));
    expect(receipt.rangeStart).toEqual(new Date(START));
    expect(receipt.policy).toMatchObject({ hotTtlDays: 1, archiveYears: 0, legalHold: false });
    expect(signer.verify(deletionReceiptMessage(receipt), signature)).toBe(true);

    // One `deleted` entry per issued proof; the failed request issued nothing.
    expect(store.provenance.map((e) => [e.action, e.subjectId, e.serviceVersion])).toEqual([
      ['deleted', 'r1', '2.0.0'],
      ['deleted', 'r2', '2.0.0'],
    ]);
    expect(store.locked.sort()).toEqual(['rk-own', 'rk-shared']);
  });

  it('deletes the shared blob once the last tenant holding it expires', async () => {
    clock.set(START + 31 * DAY_MS);
    await sweeper().sweep();
    expect(deleted).toContain('blobs/sha256/cp-shared');
    expect(store.requests).toEqual([]);
    expect(store.receipts).toHaveLength(2);
  });

  it('never deletes anything of a tenant under legal hold, however old', async () => {
    store.policies.set(
      T1,
      policy({ legalHold: true, legalHoldReason: 'litigation', legalHoldSetAt: new Date(START) }),
    );
    clock.set(START + 100 * 365 * DAY_MS);
    const result = await sweeper().sweep();
    expect(result.tenants[0]).toMatchObject({ tenantId: T1, outcome: 'legal_hold', requestsDeleted: 0 });
    expect(store.requests.filter((r) => r.tenantId === T1)).toHaveLength(3);
    // Tenant 2's deletion leaves the blob tenant 1 (on hold) still holds.
    expect(deleted).toEqual(['tenants/t2/bundles/shared.json']);
    expect(store.receipts.map((r) => r.receipt.tenantId)).toEqual([T2]);
  });

  it('honours a legal hold set after the tenant list was read (checked under the lock)', async () => {
    store.policyUnderLock.set(T1, policy({ legalHold: true }));
    clock.set(START + 2 * DAY_MS);
    const outcome = await sweeper().sweepTenant(T1);
    expect(outcome.outcome).toBe('legal_hold');
    expect(deleted).toEqual([]);
    expect(store.receipts).toEqual([]);
  });

  it('changes nothing in the database when object storage fails (the batch is retried later)', async () => {
    clock.set(START + 2 * DAY_MS);
    failStorage = true;
    await expect(sweeper().sweepTenant(T1)).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(store.requests).toHaveLength(4);
    expect(store.receipts).toEqual([]);
    expect(store.provenance).toEqual([]);
    failStorage = false;
    await expect(sweeper().sweepTenant(T1)).resolves.toMatchObject({
      outcome: 'deleted',
      requestsDeleted: 3,
    });
  });

  it('works in batches, one receipt per batch', async () => {
    for (let i = 0; i < 4; i++) {
      store.requests.push({
        id: `x${i}`,
        tenantId: T1,
        completed: false,
        chainProofId: null,
        bundleKey: null,
        issuedAt: new Date(START),
      });
    }
    clock.set(START + 2 * DAY_MS);
    const outcome = await sweeper(3).sweepTenant(T1);
    expect(outcome).toMatchObject({ requestsDeleted: 7, receipts: 3 });
    expect(store.receipts.map((r) => r.receipt.objectCount)).toEqual([3, 3, 1]);
  });
});
