import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { EventBatch } from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import type { Logger } from '@spv-cloud/observability';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { workerTestSettings } from '../../test/support/worker-test-settings';
import type { AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import { BatchSealerRepository } from './batch-sealer.repository';
import { BatchSealer } from './batch-sealer.service';

describe('BatchSealer against PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let sealer: BatchSealer;
  let factory: TestDataFactory;

  const insertEvents = async (
    tenantId: string,
    count: number,
    options: { namespace?: string; ageMs?: number } = {},
  ) => {
    const ids = Array.from({ length: count }, () => randomUUID()).sort();
    const digests = ids.map(() => randomBytes(32));
    await raw.query(
      `INSERT INTO events (id, tenant_id, namespace, routing_key, digest, created_at, updated_at)
       SELECT u.id, $1, $2, u.key, u.digest, now() - make_interval(secs => $3::float8 / 1000), now()
         FROM unnest($4::uuid[], $5::text[], $6::bytea[]) AS u(id, key, digest)`,
      [
        tenantId,
        options.namespace ?? 'default',
        options.ageMs ?? 5_000,
        ids,
        ids.map((_, i) => `k${i % 5}`),
        digests,
      ],
    );
    return ids;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 6 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    factory = new TestDataFactory(db);
    const chain = { chainIds: () => Promise.resolve([0, 1, 2, 3]) } as unknown as AnchorChainGateway;
    sealer = new BatchSealer(
      new BatchSealerRepository(db),
      chain,
      workerTestSettings({ batching: { windowMs: 1_000, maxSize: 40, scanLimit: 10_000 } }),
      { warn: () => undefined } as unknown as Logger,
    );
  });

  afterAll(async () => {
    await raw?.end();
    await db?.close();
    await testDb?.drop();
  });

  it('seals every due event exactly once even when several workers seal at the same time', async () => {
    const tenant = await factory.tenant();
    const ids = await insertEvents(tenant.id, 300);
    const outcomes = await Promise.all([
      sealer.seal(tenant.id),
      sealer.seal(tenant.id),
      sealer.seal(tenant.id),
    ]);
    const sealed = outcomes.flatMap((outcome) => outcome.sealed);
    expect(sealed.reduce((sum, batch) => sum + batch.leafCount, 0)).toBe(300);

    const { rows: events } = await raw.query(
      `SELECT id, batch_id, index_in_batch, status, digest FROM events WHERE tenant_id = $1 ORDER BY batch_id, index_in_batch`,
      [tenant.id],
    );
    expect(events.every((event) => event.status === 'batched')).toBe(true);
    expect(new Set(events.map((event) => event.id))).toEqual(new Set(ids));
    const { rows: batches } = await raw.query(
      `SELECT id, status, root, leaf_count, chain_id, sealed_at FROM batches WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(batches.length).toBe(sealed.length);
    for (const batch of batches) {
      const leaves = events.filter((event) => event.batch_id === batch.id);
      expect(batch.status).toBe('sealed');
      expect(leaves.map((event) => event.index_in_batch)).toEqual(leaves.map((_, i) => i));
      expect(batch.leaf_count).toBeLessThanOrEqual(40);
      const tree = EventBatch.build({
        tenantId: tenant.id,
        namespace: 'default',
        digestAlgorithm: 'sha256',
        digests: leaves.map((event) => event.digest),
      });
      expect(batch.root).toEqual(tree.root);
    }
    await expect(sealer.seal(tenant.id)).resolves.toEqual({ sealed: [], nextDueAt: null });
  });

  it('keeps a young group open until its window ends, and tenants apart', async () => {
    const a = await factory.tenant();
    const b = await factory.tenant();
    await insertEvents(a.id, 3, { ageMs: 0 });
    await insertEvents(b.id, 2);
    const young = await sealer.seal(a.id);
    expect(young.sealed).toEqual([]);
    expect(young.nextDueAt).not.toBeNull();
    const other = await sealer.seal(b.id);
    expect(other.sealed.reduce((sum, batch) => sum + batch.leafCount, 0)).toBe(2);
    const { rows } = await raw.query(
      `SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND status = 'received'`,
      [a.id],
    );
    expect(rows[0].n).toBe(3);
  });

  it('does not seal a suspended tenant', async () => {
    const tenant = await factory.tenant({ status: 'SUSPENDED' });
    await insertEvents(tenant.id, 4);
    await expect(sealer.seal(tenant.id)).resolves.toEqual({ sealed: [], nextDueAt: null });
  });
});
