import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The quick start as a newcomer runs it: `npm start` with no configuration at all, from a fresh data
// directory. Everything comes up on embedded defaults (PostgreSQL, Redis, S3, the devnet, the API,
// the worker, the portal) and /readyz must say ready; the printed API key must work.
const START = resolve(__dirname, '../start.mjs');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (${String(last)})`);
}

describe('npm start with no configuration', () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let apiUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spv-quickstart-'));
    await chmod(dataDir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when we are root
    const [port, devnetPort] = [await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${port}`;
    // Only what a fresh shell has, plus ports that cannot collide with other tests or a running stack.
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      DATA_DIR: dataDir,
      PORT: String(port),
      DEVNET_PORT: String(devnetPort),
    };
    child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => child.once('exit', (code) => done(code)));
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('reaches /readyz = ready, serves the portal and accepts the API key it prints, then stops cleanly', async () => {
    await poll(
      'the start summary',
      () => Promise.resolve(/SPV Cloud is running/.test(output) ? true : undefined),
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output.slice(-3000)}`);
    });

    const readiness = await poll(
      '/readyz = ready',
      async () => {
        const response = await fetch(`${apiUrl}/readyz`);
        const body = (await response.json()) as {
          status?: string;
          checks?: Record<string, { status: string }>;
        };
        return response.status === 200 && body.status === 'ok' ? body : undefined;
      },
      60_000,
    ).catch(async (error: Error) => {
      const last = await fetch(`${apiUrl}/readyz`).then((r) => r.text(), String);
      throw new Error(`${error.message}\nlast /readyz: ${last}\n${output.slice(-3000)}`);
    });
    expect(
      Object.fromEntries(Object.entries(readiness.checks ?? {}).map(([name, check]) => [name, check.status])),
    ).toEqual({
      postgres: 'up',
      redis: 'up',
      s3: 'up',
      chain: 'up',
    });

    const apiKey = /API key +(spv_(?:live|test)_\S+)/.exec(output)?.[1];
    expect(apiKey).toBeDefined();
    const me = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(me.status).toBe(200);

    const portal = await fetch(`${apiUrl}/portal/`);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('<div id="root"');

    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
  }, 240_000);
});
