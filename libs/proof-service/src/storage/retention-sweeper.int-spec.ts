import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { createDatabase, type Database } from '@spv-cloud/db';
import {
  createRedisNamespace,
  createTestDatabase,
  startS3Server,
  TestDataFactory,
  type RedisNamespace,
  type S3Server,
  type TestDatabase,
} from '@spv-cloud/testing';
import pg from 'pg';
import { DAY_MS, ManualClock } from '../platform/clock';
import { dbBytes } from '../platform/db-bytes';
import { Ed25519ServiceSigner } from '../platform/service-signer';
import { provenanceLeafHash } from '../provenance/provenance-entry';
import { toProvenanceEntry } from '../provenance/provenance-log.repository';
import { deletionReceiptMessage } from './deletion-receipt';
import { ProofCache } from './proof-cache';
import { RetentionRepository } from './retention.repository';
import { RetentionSweeper } from './retention-sweeper';
import { S3ProofStore } from './s3-proof-store';

const START = Date.UTC(2026, 2, 1);

describe('retention sweep (real PostgreSQL, s3rver, Redis)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let server: S3Server;
  let s3Directory: string;
  let client: S3Client;
  let store: S3ProofStore;
  let redis: RedisNamespace;
  let cache: ProofCache;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = new Ed25519ServiceSigner({
    privateKey,
    publicKey,
    publicKeyHex: '00'.repeat(32),
    keyId: 'it-key',
  });
  const clock = new ManualClock(START);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 3 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    // Our own directory, so the bucket survives stopping the server (the outage test restarts it).
    s3Directory = await mkdtemp(join(tmpdir(), 'spv-retention-'));
    server = await startS3Server({ bucket: 'spv-retention', directory: s3Directory });
    client = new S3Client({ ...server.clientConfig, maxAttempts: 1 });
    store = new S3ProofStore({ client, bucket: server.bucket });
    redis = await createRedisNamespace();
    cache = new ProofCache(redis.redis, { ttlSeconds: 600 });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
    if (s3Directory) await rm(s3Directory, { recursive: true, force: true });
    await redis?.cleanup();
    await raw?.end();
    await db?.close();
    await testDb?.drop();
  });

  function sweeper(): RetentionSweeper {
    return new RetentionSweeper({
      store: new RetentionRepository(db),
      objects: store,
      cache,
      signer,
      clock,
      service: { version: '1.2.3', buildHash: 'feedbeef' },
    });
  }

  /** A generated chain proof with its blob in S3, issued to `tenants` (one completed request each). */
  async function issuedProof(tenantIds: readonly string[], hotDays = 1) {
    const requestKey = randomBytes(32).toString('base64url');
    const bytes = Buffer.from(JSON.stringify({ proof: requestKey }));
    const blob = await store.putBlob(bytes, { hotDays });
    await cache.set(blob.contentHash, bytes);
    const chainProof = await db.system.runAcrossTenants('test.seed', (tx) =>
      tx.chainProof.create({
        data: {
          network: 'development',
          chainId: 0,
          requestKey,
          targetChainId: 1,
          kind: 'TXOUT',
          status: 'READY',
          contentHash: dbBytes(blob.contentHash),
          s3Key: blob.key,
          byteSize: blob.byteSize,
          cachedInS3: true,
          nodeUrl: 'http://node.test',
          chainwebVersion: 'development',
          serviceVersion: '1.0.0',
          buildHash: 'cafe',
          observedAt: new Date(START),
        },
      }),
    );
    const requests = [];
    for (const tenantId of tenantIds) {
      const bundleKey = await store.putReference({
        tenantId,
        contentHash: blob.contentHash.toString('hex'),
        byteSize: blob.byteSize,
        referencedAt: new Date(START).toISOString(),
      });
      requests.push(
        await db.tenant.run(tenantId, (tx) =>
          tx.proofRequest.create({
            data: {
              tenantId,
              kind: 'TXOUT',
              status: 'COMPLETED',
              network: 'development',
              chainId: 0,
              requestKey,
              targetChainId: 1,
              chainProofId: chainProof.id,
              bundleKey,
              createdAt: new Date(START),
              completedAt: new Date(START),
            },
          }),
        ),
      );
    }
    return { blob, chainProof, requests };
  }

  it('deletes expired proofs with a signed receipt and provenance, keeps shared and held ones', async () => {
    const factory = new TestDataFactory(db);
    const short = await factory.tenant({ hotTtlDays: 1, archiveYears: 0 });
    const long = await factory.tenant({ hotTtlDays: 30, archiveYears: 0 });
    const held = await factory.tenant({
      hotTtlDays: 1,
      archiveYears: 0,
      legalHold: true,
      legalHoldReason: 'subpoena 42',
      legalHoldSetAt: new Date(START),
    });
    const own = await issuedProof([short.id]);
    const shared = await issuedProof([short.id, long.id], 30);
    const onHold = await issuedProof([held.id]);

    clock.set(START + 2 * DAY_MS);
    const result = await sweeper().sweep();
    const byTenant = new Map(result.tenants.map((t) => [t.tenantId, t]));
    expect(byTenant.get(short.id)).toMatchObject({
      outcome: 'deleted',
      requestsDeleted: 2,
      objectsDeleted: 3,
    });
    expect(byTenant.get(long.id)).toMatchObject({ outcome: 'nothing_expired' });
    expect(byTenant.get(held.id)).toMatchObject({ outcome: 'legal_hold' });

    // Object storage: the short tenant's references and its own blob are gone; the shared blob stays.
    await expect(store.hasBlob(own.blob.contentHash)).resolves.toBe(false);
    await expect(store.hasBlob(shared.blob.contentHash)).resolves.toBe(true);
    await expect(store.getReference(short.id, shared.blob.contentHash)).resolves.toBeUndefined();
    await expect(store.getReference(long.id, shared.blob.contentHash)).resolves.toBeDefined();
    await expect(store.hasBlob(onHold.blob.contentHash)).resolves.toBe(true);
    await expect(cache.get(own.blob.contentHash)).resolves.toBeUndefined();

    // Database: rows deleted, the blob-less version marked, a signed receipt, `deleted` provenance entries.
    const left = await raw.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM proof_requests ORDER BY tenant_id',
    );
    expect(left.rows.map((row) => row.tenant_id).sort()).toEqual([long.id, held.id].sort());
    const version = await raw.query('SELECT status, s3_key FROM chain_proofs WHERE id = $1', [
      own.chainProof.id,
    ]);
    expect(version.rows[0]).toEqual({ status: 'expired', s3_key: null });
    const receipts = await db.tenant.run(short.id, (tx) => tx.retentionDeletionReceipt.findMany());
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt).toMatchObject({
      scope: 'PROOFS',
      objectCount: 2,
      s3ObjectCount: 3,
      signingKeyId: 'it-key',
    });
    const message = deletionReceiptMessage({
      receiptId: receipt.id,
      tenantId: receipt.tenantId,
      scope: 'proofs',
      objectCount: receipt.objectCount,
      s3ObjectCount: receipt.s3ObjectCount,
      rangeStart: receipt.rangeStart,
      rangeEnd: receipt.rangeEnd,
      digest: Buffer.from(receipt.digest),
      policy: receipt.policy as Record<string, string | number | boolean>,
      createdAt: receipt.createdAt,
    });
    expect(signer.verify(message, receipt.signature!)).toBe(true);

    const entries = (
      await db.system.runAcrossTenants('test.read', (tx) =>
        tx.provenanceEntry.findMany({ orderBy: { sequence: 'asc' } }),
      )
    ).map(toProvenanceEntry);
    expect(entries.map((e) => [e.sequence, e.action, e.tenantId])).toEqual([
      [0n, 'deleted', short.id],
      [1n, 'deleted', short.id],
    ]);
    for (const entry of entries) expect(entry.leafHash).toEqual(provenanceLeafHash(entry));
    expect(entries.map((e) => e.subjectId).sort()).toEqual(
      [own.requests[0]!.id, shared.requests[0]!.id].sort(),
    );

    // The provenance log refuses edits, whoever asks.
    await expect(raw.query(`UPDATE provenance_entries SET node_url = 'x'`)).rejects.toThrow(/append-only/);
    await expect(raw.query('DELETE FROM provenance_entries')).rejects.toThrow(/append-only/);
  });

  it('retries after object storage was down, without losing or half-deleting anything', async () => {
    const factory = new TestDataFactory(db);
    const tenant = await factory.tenant({ hotTtlDays: 1, archiveYears: 0 });
    clock.set(START);
    const proof = await issuedProof([tenant.id]);
    clock.set(START + 3 * DAY_MS);

    const port = server.port;
    await server.stop();
    await expect(sweeper().sweepTenant(tenant.id)).rejects.toMatchObject({ code: 'storage_unavailable' });
    const stillThere = await raw.query('SELECT count(*)::int AS n FROM proof_requests WHERE tenant_id = $1', [
      tenant.id,
    ]);
    expect(stillThere.rows[0].n).toBe(1);
    const receipts = await raw.query(
      'SELECT count(*)::int AS n FROM retention_deletion_receipts WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(receipts.rows[0].n).toBe(0);

    // The same bucket comes back (same directory and port): the next sweep finishes the job.
    server = await startS3Server({ bucket: 'spv-retention', directory: s3Directory, port });
    await expect(store.hasBlob(proof.blob.contentHash)).resolves.toBe(true);
    await expect(sweeper().sweepTenant(tenant.id)).resolves.toMatchObject({
      outcome: 'deleted',
      requestsDeleted: 1,
    });
    await expect(store.hasBlob(proof.blob.contentHash)).resolves.toBe(false);
  });
});
