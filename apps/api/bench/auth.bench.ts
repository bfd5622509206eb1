/**
 * Authenticated request throughput (`npm run bench -- apps/api`).
 *
 * One child process serves, on loopback: a bare Fastify route (`GET /bare`, JSON body) and the full
 * API — `GET /healthz` (Nest and the platform hooks, no auth) and `GET /v1/me` with an API key
 * (request context, key verification through the cache, Redis token buckets, authorization,
 * metrics; logs to /dev/null at info). The parent drives each with autocannon in the same run and
 * reports throughput, the server's CPU time per request (user + system, robust to a busy machine),
 * and the ratio authenticated / bare with its goal (≥ 60 %).
 * Postgres and Redis are the machine's; the database is a fresh one, dropped afterwards.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { createTestDatabase } from '@spv-cloud/testing';
import { defineBench } from '../../../tools/bench';
import { createApiApp } from '../src/bootstrap/create-api-app';
import { testSettings } from '../test/support/api-test-app';

const SERVER_ROLE = 'SPV_API_BENCH_SERVER';
const DURATION_SECONDS = 6;
const CONNECTIONS = 16;

interface ServerReady {
  readonly type: 'ready';
  readonly barePort: number;
  readonly apiPort: number;
  readonly apiKey: string;
}

/** The server side: runs in the forked child. */
async function serve(): Promise<void> {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Plan limits far above what the benchmark sends: the limiter still runs on every request.
  await client.query(
    `UPDATE plans SET requests_per_minute = 100000000, burst = 100000000 WHERE code = 'enterprise'`,
  );

  const bare = Fastify({ logger: false });
  bare.get('/bare', () => Promise.resolve({ kind: 'api_key', ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const settings = testSettings({
    databaseUrl: database.url,
    redisKeyPrefix: `spvbench:${process.pid}:`,
    logLevel: 'info',
    anonymousRateLimit: { requestsPerMinute: 1000, burst: 1000 },
  });
  const { app } = await createApiApp(settings, {
    logDestination: pino.destination({ dest: '/dev/null', sync: false }),
    collectProcessMetrics: true,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const apiPort = (app.getHttpServer().address() as AddressInfo).port;

  const base = `http://127.0.0.1:${apiPort}`;
  const signup = await fetch(`${base}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 123', tenantName: 'Bench' }),
  }).then((response) => response.json() as Promise<{ accessToken: string; tenant: { id: string } }>);
  await client.query(`UPDATE tenants SET plan_code = 'enterprise' WHERE id = $1`, [signup.tenant.id]);
  const key = await fetch(`${base}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signup.accessToken}` },
    body: JSON.stringify({ name: 'bench', scopes: ['proofs:read'] }),
  }).then((response) => response.json() as Promise<{ key: string }>);
  await client.end();

  const ready: ServerReady = {
    type: 'ready',
    barePort: (bare.server.address() as AddressInfo).port,
    apiPort,
    apiKey: key.key,
  };
  process.send!(ready);
  process.on('message', (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send!({ type: 'cpu', micros: usage.user + usage.system });
      return;
    }
    void (async () => {
      await app.close();
      await bare.close();
      await database.drop();
      process.disconnect();
    })();
  });
}

/** The server child's CPU time so far, in microseconds. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { micros: number }).micros));
    child.send('cpu');
  });
}

async function startServer(): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(process.argv[1]!, [], {
    execArgv: process.execArgv,
    env: { ...process.env, [SERVER_ROLE]: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerReady));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ready };
}

async function load(child: ChildProcess, url: string, headers: Record<string, string> = {}) {
  const before = await serverCpu(child);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  const cpuMicrosPerRequest = ((await serverCpu(child)) - before) / result.requests.total;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors under load`);
  }
  return { ...result, cpuMicrosPerRequest };
}

if (process.env[SERVER_ROLE]) {
  void serve();
} else {
  defineBench('api/auth', async (bench) => {
    const { child, ready } = await startServer();
    try {
      const bareUrl = `http://127.0.0.1:${ready.barePort}/bare`;
      const healthUrl = `http://127.0.0.1:${ready.apiPort}/healthz`;
      const apiUrl = `http://127.0.0.1:${ready.apiPort}/v1/me`;
      const auth = { authorization: `Bearer ${ready.apiKey}` };
      // Warm every path (JIT, caches, connection pools) before measuring.
      await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 2 });
      await autocannon({ url: healthUrl, connections: CONNECTIONS, duration: 2 });
      await autocannon({ url: apiUrl, connections: CONNECTIONS, duration: 2, headers: auth });
      const bare = await load(child, bareUrl);
      const health = await load(child, healthUrl);
      const api = await load(child, apiUrl, auth);
      bench.report({ metric: 'bare Fastify GET', value: bare.requests.average, unit: 'req/s' });
      bench.report({ metric: 'Nest GET /healthz (no auth)', value: health.requests.average, unit: 'req/s' });
      bench.report({
        metric: 'authenticated GET /v1/me (API key)',
        value: api.requests.average,
        unit: 'req/s',
      });
      bench.report({ metric: 'bare Fastify CPU per request', value: bare.cpuMicrosPerRequest, unit: 'µs' });
      bench.report({
        metric: 'Nest /healthz CPU per request',
        value: health.cpuMicrosPerRequest,
        unit: 'µs',
      });
      bench.report({ metric: 'authenticated CPU per request', value: api.cpuMicrosPerRequest, unit: 'µs' });
      bench.report({ metric: 'authenticated p99 latency', value: api.latency.p99, unit: 'ms' });
      bench.report({
        metric: 'authenticated / bare',
        value: (100 * api.requests.average) / bare.requests.average,
        unit: '%',
        goal: { min: 60 },
      });
    } finally {
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
}
