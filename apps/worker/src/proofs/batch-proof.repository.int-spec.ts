import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { BatchProofRepository, type ProofBatch } from './batch-proof.repository';
import { eventProofKey, PostgresProofBlobStore } from './proof-blob.store';

const BLOCK = 'B'.repeat(43);

describe('BatchProofRepository and the proof blob store against PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let repository: BatchProofRepository;
  let blobs: PostgresProofBlobStore;
  let factory: TestDataFactory;

  /** A confirmed batch of `count` batched events. */
  const confirmedBatch = async (
    tenantId: string,
    count = 3,
  ): Promise<{ batch: ProofBatch; eventIds: string[] }> => {
    const batchId = randomUUID();
    await raw.query(
      `INSERT INTO batches (id, tenant_id, namespace, network, chain_id, status, root, leaf_count, request_key, block_hash, block_height, confirmed_at, updated_at)
       VALUES ($1, $2, 'default', 'development', 2, 'confirmed', $3, $4, 'rk', $5, 10, now(), now())`,
      [batchId, tenantId, randomBytes(32), count, BLOCK],
    );
    const eventIds = Array.from({ length: count }, () => randomUUID()).sort();
    for (const [index, id] of eventIds.entries()) {
      await raw.query(
        `INSERT INTO events (id, tenant_id, namespace, digest, status, batch_id, index_in_batch, updated_at)
         VALUES ($1, $2, 'default', $3, 'batched', $4, $5, now())`,
        [id, tenantId, randomBytes(32), batchId, index],
      );
    }
    return { batch: (await repository.findBatch(tenantId, batchId))!, eventIds };
  };
  const store = (batch: ProofBatch, eventIds: string[], blockHash = BLOCK) =>
    repository.storeProofs(
      batch.tenantId,
      batch,
      { requestKey: 'rk', blockHash, blockHeight: 10, contentHash: randomBytes(32) },
      eventIds.map((eventId) => ({
        eventId,
        key: eventProofKey(batch.tenantId, batch.id, blockHash, eventId),
        contentHash: randomBytes(32),
        byteSize: 3,
      })),
      new Date(),
    );

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 4 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    repository = new BatchProofRepository(db);
    blobs = new PostgresProofBlobStore(db);
    factory = new TestDataFactory(db);
  });

  afterAll(async () => {
    await raw?.end();
    await db?.close();
    await testDb?.drop();
  });

  it('stores blobs idempotently by key, per tenant', async () => {
    const a = await factory.tenant();
    const b = await factory.tenant();
    await blobs.putMany(a.id, [{ key: 'k/1', bytes: Buffer.from('one') }]);
    await blobs.putMany(a.id, [
      { key: 'k/1', bytes: Buffer.from('one') },
      { key: 'k/2', bytes: Buffer.from('two') },
    ]);
    await expect(blobs.get(a.id, 'k/1')).resolves.toEqual(Buffer.from('one'));
    await expect(blobs.get(a.id, 'k/2')).resolves.toEqual(Buffer.from('two'));
    await expect(blobs.get(b.id, 'k/1')).resolves.toBeUndefined();
  });

  it('stores proofs once per block: events become anchored, a second store of the same block is refused only when the batch moved', async () => {
    const tenant = await factory.tenant();
    const { batch, eventIds } = await confirmedBatch(tenant.id);
    await expect(repository.proofsReady(tenant.id, batch.id, BLOCK, 3)).resolves.toBe(false);
    await expect(store(batch, eventIds)).resolves.toBe(true);
    await expect(repository.proofsReady(tenant.id, batch.id, BLOCK, 3)).resolves.toBe(true);
    const { rows } = await raw.query(`SELECT status, anchored_at FROM events WHERE batch_id = $1`, [
      batch.id,
    ]);
    expect(rows.every((row) => row.status === 'anchored' && row.anchored_at !== null)).toBe(true);
    await expect(store(batch, eventIds, 'C'.repeat(43))).resolves.toBe(false);
  });

  it('after a fork that kept the transaction: proofs expire, events wait, the batch is confirmed again', async () => {
    const tenant = await factory.tenant();
    const { batch, eventIds } = await confirmedBatch(tenant.id);
    await store(batch, eventIds);
    await expect(repository.reopenForReconfirmation(tenant.id, batch.id, BLOCK)).resolves.toBe(true);
    const reopened = await repository.findBatch(tenant.id, batch.id);
    expect(reopened).toMatchObject({ status: 'SUBMITTED', blockHash: null, blockHeight: null });
    const { rows: proofs } = await raw.query(`SELECT status FROM event_proofs WHERE batch_id = $1`, [
      batch.id,
    ]);
    expect(proofs.map((row) => row.status)).toEqual(['expired', 'expired', 'expired']);
    const { rows: events } = await raw.query(`SELECT status FROM events WHERE batch_id = $1`, [batch.id]);
    expect(events.every((row) => row.status === 'batched')).toBe(true);
    await expect(repository.reopenForReconfirmation(tenant.id, batch.id, BLOCK)).resolves.toBe(false);
  });

  it('after a fork that lost the transaction: a replacement batch takes the events (same root), the old one is superseded', async () => {
    const tenant = await factory.tenant();
    const { batch, eventIds } = await confirmedBatch(tenant.id);
    await store(batch, eventIds);
    const replacement = await repository.supersede(tenant.id, batch, BLOCK, new Date());
    expect(replacement).not.toBeNull();
    const old = await repository.findBatch(tenant.id, batch.id);
    const fresh = await repository.findBatch(tenant.id, replacement!);
    expect(old?.status).toBe('SUPERSEDED');
    expect(fresh).toMatchObject({
      status: 'SEALED',
      root: batch.root,
      leafCount: 3,
      chainId: 2,
      requestKey: null,
    });
    const { rows } = await raw.query(
      `SELECT id, batch_id, index_in_batch, status FROM events WHERE id = ANY($1) ORDER BY index_in_batch`,
      [eventIds],
    );
    expect(rows.map((row) => [row.id, row.batch_id, row.index_in_batch, row.status])).toEqual(
      eventIds.map((id, i) => [id, replacement, i, 'batched']),
    );
    const { rows: superseded } = await raw.query(`SELECT superseded_by_id FROM batches WHERE id = $1`, [
      batch.id,
    ]);
    expect(superseded[0].superseded_by_id).toBe(replacement);
    await expect(repository.supersede(tenant.id, batch, BLOCK, new Date())).resolves.toBeNull();
  });

  it('links a rebuilt proof to the one it replaces', async () => {
    const tenant = await factory.tenant();
    const { batch, eventIds } = await confirmedBatch(tenant.id, 1);
    await store(batch, eventIds);
    await raw.query(`UPDATE events SET status = 'batched' WHERE id = $1`, [eventIds[0]]);
    await store(batch, eventIds);
    const { rows } = await raw.query(
      `SELECT id, status, refreshed_from_id FROM event_proofs WHERE event_id = $1 ORDER BY created_at, id`,
      [eventIds[0]],
    );
    expect(rows.map((row) => row.status).sort()).toEqual(['expired', 'ready']);
    const ready = rows.find((row) => row.status === 'ready');
    const expired = rows.find((row) => row.status === 'expired');
    expect(ready.refreshed_from_id).toBe(expired.id);
  });
});
