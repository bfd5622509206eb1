import pg from 'pg';
import { createTestDatabase, DEFAULT_TEST_SERVER_URL } from './test-database';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: DEFAULT_TEST_SERVER_URL });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a unique, migrated database and drops it even with connections open', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(first.name).not.toBe(second.name);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    client.on('error', () => undefined);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(3);
    await first.drop();
    await second.drop();
    await expect(databaseExists(first.name)).resolves.toBe(false);
    await expect(databaseExists(second.name)).resolves.toBe(false);
    await client.end().catch(() => undefined);
  });

  it('gives an empty database when asked not to migrate', async () => {
    const empty = await createTestDatabase({ migrate: false });
    try {
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      const { rows } = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      await client.end();
      expect(rows).toEqual([]);
    } finally {
      await empty.drop();
    }
  });
});
