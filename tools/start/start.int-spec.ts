import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs the real `npm start` entry with --services-only (the apps belong to other packages): embedded
// PostgreSQL, redis-server and s3rver in a temporary DATA_DIR, migrations, summary, clean stop.
const START = resolve(__dirname, '../start.mjs');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runStart(env: Record<string, string>, args: string[] = ['--services-only']): Run {
  const child = spawn(process.execPath, [START, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(run.output())) return run.output();
    if (run.child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`start did not print ${pattern}:\n${run.output()}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

describe('npm start (tools/start.mjs)', () => {
  let dataDir: string;
  let baseEnv: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spv-start-'));
    await chmod(dataDir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when we are root
    baseEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      // A chain that is "configured" keeps the devnet (another package) out of this test.
      CHAIN_NODE_URL: 'http://127.0.0.1:9',
    };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts local services, migrates, prints the summary and stops them on SIGTERM', async () => {
    const run = runStart(baseEnv);
    const output = await waitForOutput(run, /SPV Cloud is running/, 90_000);
    expect(output).toMatch(/applied migrations: \d{14}_init, \d{14}_row_level_security/);
    const postgresPort = Number(
      /PostgreSQL postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:(\d+)\//.exec(output)?.[1],
    );
    const redisPort = Number(/Redis +redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    const s3Port = Number(/S3 +http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect([postgresPort, redisPort, s3Port].every((port) => port > 0)).toBe(true);
    expect(output).not.toMatch(/postgres:[^*@]+@/); // the password stays out of the output
    await expect(portIsFree(postgresPort)).resolves.toBe(false);

    run.child.kill('SIGTERM');
    await expect(run.exited).resolves.toBe(0);
    for (const port of [postgresPort, redisPort, s3Port]) await expect(portIsFree(port)).resolves.toBe(true);
  }, 120_000);

  it('reuses the data directory on the next start (schema already up to date)', async () => {
    const run = runStart(baseEnv);
    const output = await waitForOutput(run, /SPV Cloud is running/, 60_000);
    expect(output).toContain('database schema is up to date');
    run.child.kill('SIGINT');
    await expect(run.exited).resolves.toBe(0);
  }, 90_000);

  it('stops before starting anything when a setting is invalid, naming it', async () => {
    const run = runStart({ ...baseEnv, PORT: 'not-a-port' });
    await expect(run.exited).resolves.toBe(78);
    expect(run.output()).toMatch(/PORT: /);
    expect(run.output()).not.toContain('applied migrations');
  });

  it('says in one line how to provide Redis when none is reachable and redis-server is missing', async () => {
    const run = runStart({ ...baseEnv, PATH: '/nonexistent', REDIS_URL: 'redis://127.0.0.1:9' });
    await expect(run.exited).resolves.toBe(1);
    expect(run.output()).toMatch(
      /Redis is not reachable at redis:\/\/127\.0\.0\.1:9 and redis-server is not on PATH: .*install redis-server/,
    );
  });
});
