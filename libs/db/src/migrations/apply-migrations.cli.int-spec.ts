import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@spv-cloud/testing';

// The deploy step, run as operators run it: the built CLI (jest's global setup builds first).
const CLI = resolve(__dirname, '../../dist/migrations/apply-migrations.cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('apply-migrations CLI', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it('reports pending migrations, applies them, then reports the database up to date', () => {
    expect(run(database.url, '--status').status).toBe(1);
    const applied = run(database.url);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toMatch(/^applied: \d{14}_init, /);
    expect(run(database.url).stdout).toBe('up to date\n');
    const status = run(database.url, '--status');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: [], failed: [], edited: [] });
  });

  it('fails with the error code on a bad URL and prints usage without one', () => {
    const bad = run('mysql://host/db');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('[DB_URL_INVALID]');
    expect(run().status).toBe(2);
  });
});
