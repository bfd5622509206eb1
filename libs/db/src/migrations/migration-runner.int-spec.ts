import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, DEFAULT_TEST_SERVER_URL, type TestDatabase } from '@spv-cloud/testing';
import { DEFAULT_MIGRATIONS_DIR, readMigrationsDirectory } from './migration-directory';
import { applyMigrations, diffSchemaToSql, getMigrationStatus } from './migration-runner';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  let database: TestDatabase;
  let onDisk: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    onDisk = (await readMigrationsDirectory()).migrationDirectories.map((dir) => dir.path);
  });
  afterAll(() => database.drop());

  it('applies every migration to a fresh database and records them in _prisma_migrations', async () => {
    const { applied } = await applyMigrations(database.url);
    expect(applied).toEqual(onDisk);
    const rows = await query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(
      database.url,
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk);
    expect(rows.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(true);
  });

  it('is a no-op when re-applied', async () => {
    await expect(applyMigrations(database.url)).resolves.toEqual({ applied: [] });
    const rows = await query<{ count: string }>(database.url, 'SELECT count(*) FROM _prisma_migrations');
    expect(Number(rows[0]?.count)).toBe(onDisk.length);
  });

  it('reports an up-to-date history', async () => {
    await expect(getMigrationStatus(database.url)).resolves.toEqual({
      hasMigrationsTable: true,
      pending: [],
      failed: [],
      edited: [],
      unknown: [],
    });
  });

  it('creates the tables, the reference plans and the roles', async () => {
    const plans = await query<{ code: string }>(
      database.url,
      'SELECT code FROM plans ORDER BY monthly_price_cents',
    );
    expect(plans.map((plan) => plan.code)).toEqual(['free', 'pro', 'enterprise']);
    const roles = await query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      database.url,
      `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('spv_app', 'spv_system') ORDER BY rolname`,
    );
    expect(roles).toEqual([
      { rolname: 'spv_app', rolsuper: false, rolbypassrls: false },
      { rolname: 'spv_system', rolsuper: false, rolbypassrls: false },
    ]);
  });
});

describe('applyMigrations on concurrent callers', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it('applies each migration exactly once', async () => {
    const results = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    const appliedTwice = results.flatMap((result) => result.applied);
    const onDisk = (await readMigrationsDirectory()).migrationDirectories.map((dir) => dir.path);
    expect([...appliedTwice].sort()).toEqual(onDisk);
  });
});

describe('applyMigrations with a failing migration', () => {
  let database: TestDatabase;
  let migrationsDir: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    migrationsDir = await mkdtemp(join(tmpdir(), 'spv-migrations-'));
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await mkdir(join(migrationsDir, '29991231000000_broken'));
    await writeFile(
      join(migrationsDir, '29991231000000_broken', 'migration.sql'),
      'CREATE TABLE half_applied (id int);\nSELECT no_such_function();\n',
    );
  });
  afterAll(async () => {
    await database.drop();
    await rm(migrationsDir, { recursive: true, force: true });
  });

  it('fails with DB_MIGRATION_FAILED naming the cause and leaves nothing half-applied', async () => {
    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toMatchObject({
      code: 'DB_MIGRATION_FAILED',
      message: expect.stringContaining('no_such_function'),
    });
    const tables = await query(database.url, `SELECT 1 FROM pg_tables WHERE tablename = 'half_applied'`);
    expect(tables).toEqual([]);
    const status = await getMigrationStatus(database.url, { migrationsDir });
    expect(status.failed).toEqual(['29991231000000_broken']);
  });

  it('refuses to go on until the failed migration is resolved', async () => {
    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toMatchObject({
      code: 'DB_MIGRATION_FAILED',
    });
  });
});

describe('applyMigrations with a bad directory', () => {
  it('names the directory with DB_MIGRATIONS_DIR_INVALID', async () => {
    await expect(
      applyMigrations(DEFAULT_TEST_SERVER_URL, { migrationsDir: '/nonexistent/migrations' }),
    ).rejects.toMatchObject({
      code: 'DB_MIGRATIONS_DIR_INVALID',
    });
  });
});

describe('diffSchemaToSql', () => {
  it('finds no drift between schema.prisma and the migrations (replayed in a shadow database)', async () => {
    const before = await query<{ datname: string }>(
      DEFAULT_TEST_SERVER_URL,
      `SELECT datname FROM pg_database`,
    );
    const sql = await diffSchemaToSql({
      from: { migrationsDir: DEFAULT_MIGRATIONS_DIR },
      serverUrl: DEFAULT_TEST_SERVER_URL,
    });
    expect(sql).toBe('');
    const after = await query<{ datname: string }>(
      DEFAULT_TEST_SERVER_URL,
      `SELECT datname FROM pg_database`,
    );
    const leftovers = after.filter(
      (row) => row.datname.startsWith('prisma_shadow_') && !before.some((old) => old.datname === row.datname),
    );
    expect(leftovers).toEqual([]);
  });

  it('produces the full schema from an empty database', async () => {
    const sql = await diffSchemaToSql({ from: 'empty', serverUrl: DEFAULT_TEST_SERVER_URL });
    expect(sql).toContain('CREATE TABLE "events"');
    expect(sql).toContain('CREATE UNIQUE INDEX "events_tenant_id_idempotency_key_key"');
  });
});
