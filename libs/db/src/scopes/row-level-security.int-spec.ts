import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@spv-cloud/testing';
import { createDatabase, type Database } from '../client/database';
import { SYSTEM_ROLE, TENANT_ROLE } from './database-roles';

// Fixture rows are written by the test's superuser connection (which bypasses RLS), so what the
// assertions see is decided by the policies alone.
describe('row-level security', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  async function insertTenant(id: string, slug: string) {
    await raw.query(`INSERT INTO tenants (id, name, slug, updated_at) VALUES ($1, $2, $2, now())`, [
      id,
      slug,
    ]);
  }
  async function insertEvent(tenantId: string, namespace: string) {
    const id = randomUUID();
    await raw.query(
      `INSERT INTO events (id, tenant_id, namespace, digest, updated_at) VALUES ($1, $2, $3, $4, now())`,
      [id, tenantId, namespace, randomBytes(32)],
    );
    return id;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    await insertTenant(tenantA, 'tenant-a');
    await insertTenant(tenantB, 'tenant-b');
    await insertEvent(tenantA, 'a-1');
    await insertEvent(tenantA, 'a-2');
    await insertEvent(tenantB, 'b-1');
    db = createDatabase(testDb.url, { poolSize: 2 });
  });

  afterAll(async () => {
    await db?.close();
    await raw?.end();
    await testDb?.drop();
  });

  describe('raw SQL as the application role', () => {
    it('returns no rows without the tenant setting', async () => {
      await raw.query('BEGIN');
      try {
        await raw.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
        const events = await raw.query('SELECT * FROM events');
        const tenants = await raw.query('SELECT * FROM tenants');
        expect(events.rows).toEqual([]);
        expect(tenants.rows).toEqual([]);
      } finally {
        await raw.query('ROLLBACK');
      }
    });

    it('returns no rows once an earlier transaction’s setting has ended (empty string, not an error)', async () => {
      await raw.query('BEGIN');
      await raw.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      await raw.query('COMMIT');
      await raw.query('BEGIN');
      try {
        await raw.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
        expect((await raw.query('SELECT * FROM events')).rows).toEqual([]);
      } finally {
        await raw.query('ROLLBACK');
      }
    });
  });

  describe('TenantScopedPrisma', () => {
    it("sees only its own tenant's rows", async () => {
      const seenByA = await db.tenant.run(tenantA, (tx) =>
        tx.event.findMany({ orderBy: { namespace: 'asc' } }),
      );
      expect(seenByA.map((event) => event.namespace)).toEqual(['a-1', 'a-2']);
      const seenByB = await db.tenant.run(tenantB, (tx) => tx.event.findMany());
      expect(seenByB.map((event) => event.namespace)).toEqual(['b-1']);
      const tenantsSeenByA = await db.tenant.run(tenantA, (tx) => tx.tenant.findMany());
      expect(tenantsSeenByA.map((tenant) => tenant.id)).toEqual([tenantA]);
    });

    it("cannot read another tenant's row even by id", async () => {
      const eventOfB = await insertEvent(tenantB, 'b-by-id');
      await expect(
        db.tenant.run(tenantA, (tx) => tx.event.findUnique({ where: { id: eventOfB } })),
      ).resolves.toBeNull();
    });

    it('refuses to write a row for another tenant', async () => {
      await expect(
        db.tenant.run(tenantA, (tx) =>
          tx.event.create({ data: { tenantId: tenantB, namespace: 'smuggled', digest: randomBytes(32) } }),
        ),
      ).rejects.toThrow(/row-level security/);
      const { rows } = await raw.query(`SELECT 1 FROM events WHERE namespace = 'smuggled'`);
      expect(rows).toEqual([]);
    });

    it("cannot move its row to another tenant or touch another tenant's rows", async () => {
      const own = await insertEvent(tenantA, 'a-move');
      await expect(
        db.tenant.run(tenantA, (tx) => tx.event.update({ where: { id: own }, data: { tenantId: tenantB } })),
      ).rejects.toThrow(/row-level security/);
      const updated = await db.tenant.run(tenantA, (tx) =>
        tx.event.updateMany({ where: { tenantId: tenantB }, data: { namespace: 'hijacked' } }),
      );
      expect(updated.count).toBe(0);
      const deleted = await db.tenant.run(tenantA, (tx) =>
        tx.event.deleteMany({ where: { tenantId: tenantB } }),
      );
      expect(deleted.count).toBe(0);
      const { rows } = await raw.query(`SELECT count(*)::int AS n FROM events WHERE tenant_id = $1`, [
        tenantB,
      ]);
      expect(rows[0].n).toBeGreaterThanOrEqual(1);
    });

    it('writes rows for its own tenant', async () => {
      const created = await db.tenant.run(tenantA, (tx) =>
        tx.event.create({ data: { tenantId: tenantA, namespace: 'a-new', digest: randomBytes(32) } }),
      );
      expect(created.tenantId).toBe(tenantA);
      expect(created.digest).toHaveLength(32);
    });

    it('leaves the pooled connection without role or tenant after the transaction', async () => {
      for (let i = 0; i < 3; i++) await db.tenant.run(tenantA, (tx) => tx.event.count());
      const rows = await db.client.$queryRaw<{ role: string; tenant: string | null }[]>`
        SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant`;
      expect(rows[0]?.role).not.toBe(TENANT_ROLE);
      expect(rows[0]?.tenant ?? '').toBe('');
    });

    it('rejects a tenant id that is not a UUID before touching the database', async () => {
      await expect(db.tenant.run("' OR true --", (tx) => tx.event.count())).rejects.toMatchObject({
        code: 'DB_TENANT_ID_INVALID',
      });
    });

    it('sees the catalog but not refresh tokens', async () => {
      await expect(db.tenant.run(tenantA, (tx) => tx.plan.count())).resolves.toBe(3);
      await expect(db.tenant.run(tenantA, (tx) => tx.refreshToken.count())).rejects.toThrow(
        /permission denied/,
      );
    });

    it('sees only users who are members of the tenant', async () => {
      const member = randomUUID();
      const outsider = randomUUID();
      for (const [id, email] of [
        [member, `m-${member}@example.com`],
        [outsider, `o-${outsider}@example.com`],
      ]) {
        await raw.query(
          `INSERT INTO users (id, email, password_hash, updated_at) VALUES ($1, $2, 'x', now())`,
          [id, email],
        );
      }
      await raw.query(
        `INSERT INTO memberships (id, tenant_id, user_id, role, updated_at) VALUES ($1, $2, $3, 'owner', now())`,
        [randomUUID(), tenantA, member],
      );
      const users = await db.tenant.run(tenantA, (tx) =>
        tx.user.findMany({ where: { id: { in: [member, outsider] } } }),
      );
      expect(users.map((user) => user.id)).toEqual([member]);
    });
  });

  describe('SystemScopedPrisma', () => {
    it('sees every tenant', async () => {
      const tenants = await db.system.runAcrossTenants('test.cross-tenant', (tx) =>
        tx.tenant.findMany({ where: { id: { in: [tenantA, tenantB] } } }),
      );
      expect(tenants).toHaveLength(2);
      const role = await db.system.runAcrossTenants(
        'test.cross-tenant',
        (tx) =>
          tx.$queryRaw<{ role: string; purpose: string }[]>`
          SELECT current_user AS role, current_setting('app.system_purpose') AS purpose`,
      );
      expect(role).toEqual([{ role: SYSTEM_ROLE, purpose: 'test.cross-tenant' }]);
    });

    it('requires a purpose', async () => {
      await expect(db.system.runAcrossTenants('', (tx) => tx.tenant.count())).rejects.toMatchObject({
        code: 'DB_PURPOSE_INVALID',
      });
    });

    it("still cannot link one tenant's row to another tenant's (composite foreign keys)", async () => {
      const batchOfB = randomUUID();
      await raw.query(
        `INSERT INTO batches (id, tenant_id, namespace, network, chain_id, updated_at) VALUES ($1, $2, 'b', 'development', 0, now())`,
        [batchOfB, tenantB],
      );
      await expect(
        db.system.runAcrossTenants('test.cross-tenant', (tx) =>
          tx.event.create({
            data: {
              tenantId: tenantA,
              namespace: 'x',
              digest: randomBytes(32),
              batchId: batchOfB,
              indexInBatch: 0,
            },
          }),
        ),
      ).rejects.toThrow(/events_tenant_id_batch_id_fkey/);
    });
  });

  describe('policy coverage (guards future migrations)', () => {
    it('forces RLS on every table and gives spv_system a policy on each', async () => {
      const { rows } = await raw.query<{
        table: string;
        enabled: boolean;
        forced: boolean;
        system_policies: number;
      }>(`
        SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               (SELECT count(*)::int FROM pg_policies p
                 WHERE p.schemaname = 'public' AND p.tablename = c.relname AND '${SYSTEM_ROLE}' = ANY (p.roles)) AS system_policies
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
         ORDER BY c.relname`);
      expect(rows.length).toBeGreaterThanOrEqual(23);
      expect(rows.filter((row) => !row.enabled || !row.forced || row.system_policies === 0)).toEqual([]);
    });

    it('keys the spv_app policy of every tenant-owned table on app.tenant_id', async () => {
      const { rows } = await raw.query<{ table: string; qual: string | null; with_check: string | null }>(`
        SELECT c.table_name AS table, p.qual, p.with_check
          FROM information_schema.columns c
          LEFT JOIN pg_policies p
            ON p.schemaname = 'public' AND p.tablename = c.table_name AND '${TENANT_ROLE}' = ANY (p.roles)
         WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND c.is_nullable = 'NO'
         ORDER BY c.table_name`);
      expect(rows.length).toBeGreaterThanOrEqual(17);
      const unkeyed = rows.filter(
        (row) =>
          !row.qual?.includes("current_setting('app.tenant_id'") ||
          !row.with_check?.includes("current_setting('app.tenant_id'"),
      );
      expect(unkeyed).toEqual([]);
    });
  });
});
