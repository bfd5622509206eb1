import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, quoteDatabaseName, withDatabaseName } from '@spv-cloud/db';

/** The machine's PostgreSQL (trust auth); tests never touch a database they did not create. */
export const DEFAULT_TEST_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const NAME_PREFIX = 'spv_test_';
/** Databases a crashed run left behind are dropped by later runs once this old. */
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

export interface TestDatabase {
  readonly name: string;
  /** Connection URL of the new database (same server and credentials as the server URL). */
  readonly url: string;
  /** Drops the database, closing whatever connections are still open on it. Idempotent. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  readonly serverUrl?: string;
  /** Apply prisma/migrations (default true); false gives an empty database. */
  readonly migrate?: boolean;
  readonly migrationsDir?: string;
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named database (name carries the creation time), migrated unless told otherwise. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? DEFAULT_TEST_SERVER_URL;
  const name = `${NAME_PREFIX}${Date.now()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, async (admin) => {
    await dropAbandonedTestDatabases(admin);
    await admin.query(`CREATE DATABASE ${quoteDatabaseName(name)}`);
  });
  const url = withDatabaseName(serverUrl, name);
  let dropped: Promise<void> | undefined;
  const database: TestDatabase = {
    name,
    url,
    drop: () =>
      (dropped ??= withAdmin(serverUrl, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)} WITH (FORCE)`);
      })),
  };
  if (options.migrate !== false) {
    try {
      await applyMigrations(url, options.migrationsDir ? { migrationsDir: options.migrationsDir } : {});
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}

async function dropAbandonedTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${NAME_PREFIX}%`],
  );
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const { datname } of rows) {
    const createdAt = Number(datname.slice(NAME_PREFIX.length).split('_')[0]);
    if (Number.isFinite(createdAt) && createdAt < cutoff) {
      await admin
        .query(`DROP DATABASE IF EXISTS ${quoteDatabaseName(datname)} WITH (FORCE)`)
        .catch(() => undefined);
    }
  }
}
