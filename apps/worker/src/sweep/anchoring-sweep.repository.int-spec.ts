import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { AnchoringSweepRepository } from './anchoring-sweep.repository';

describe('AnchoringSweepRepository against PostgreSQL (system scope)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let repository: AnchoringSweepRepository;
  let factory: TestDataFactory;

  const event = async (
    tenantId: string,
    ageSeconds: number,
    status = 'received',
    batchId: string | null = null,
  ) =>
    raw.query(
      `INSERT INTO events (id, tenant_id, namespace, digest, status, batch_id, index_in_batch, created_at, updated_at)
       VALUES ($1, $2, 'default', $3, $4, $5, $6, now() - make_interval(secs => $7), now())`,
      [
        randomUUID(),
        tenantId,
        randomBytes(32),
        status,
        batchId,
        batchId ? Math.floor(Math.random() * 1e6) : null,
        ageSeconds,
      ],
    );
  const batch = async (
    tenantId: string,
    status: string,
    ageSeconds: number,
    confirmedAgeSeconds: number | null = null,
  ) => {
    const id = randomUUID();
    await raw.query(
      `INSERT INTO batches (id, tenant_id, namespace, network, chain_id, status, block_hash, block_height, confirmed_at, updated_at)
       VALUES ($1, $2, 'default', 'development', 0, $3, 'H', 5,
               CASE WHEN $5::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $5::float8) END,
               now() - make_interval(secs => $4))`,
      [id, tenantId, status, ageSeconds, confirmedAgeSeconds],
    );
    return id;
  };
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 2 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    repository = new AnchoringSweepRepository(db);
    factory = new TestDataFactory(db);
  });

  afterAll(async () => {
    await raw?.end();
    await db?.close();
    await testDb?.drop();
  });

  it('finds active tenants with overdue received events only', async () => {
    const overdue = await factory.tenant();
    const fresh = await factory.tenant();
    const suspended = await factory.tenant({ status: 'SUSPENDED' });
    await event(overdue.id, 60);
    await event(fresh.id, 0);
    await event(suspended.id, 60);
    const found = await repository.tenantsWithOverdueEvents(ago(10), 100);
    expect(found).toContain(overdue.id);
    expect(found).not.toContain(fresh.id);
    expect(found).not.toContain(suspended.id);
  });

  it('finds stalled sealed/submitted batches, confirmed batches still waiting for proofs, and recent confirmations', async () => {
    const tenant = await factory.tenant();
    const stalledSealed = await batch(tenant.id, 'sealed', 120);
    const stalledSubmitted = await batch(tenant.id, 'submitted', 120);
    const busy = await batch(tenant.id, 'submitted', 1);
    const failed = await batch(tenant.id, 'failed', 120);
    const stalled = (await repository.stalledBatches(ago(30), 100)).map((ref) => ref.batchId);
    expect(stalled).toEqual(expect.arrayContaining([stalledSealed, stalledSubmitted]));
    expect(stalled).not.toContain(busy);
    expect(stalled).not.toContain(failed);

    const unproven = await batch(tenant.id, 'confirmed', 120, 120);
    await event(tenant.id, 200, 'batched', unproven);
    const proven = await batch(tenant.id, 'confirmed', 120, 120);
    await event(tenant.id, 200, 'anchored', proven);
    const waiting = (await repository.confirmedWithoutProofs(ago(30), 100)).map((ref) => ref.batchId);
    expect(waiting).toContain(unproven);
    expect(waiting).not.toContain(proven);

    const old = await batch(tenant.id, 'confirmed', 7_200, 7_200);
    const recent = (await repository.recentlyConfirmed(ago(3_600), 100)).map((row) => row.id);
    expect(recent).toEqual(expect.arrayContaining([unproven, proven]));
    expect(recent).not.toContain(old);
  });
});
