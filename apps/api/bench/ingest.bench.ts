/**
 * Event ingest (`npm run bench -- ingest`): `POST /v1/events` through the whole API stack (Fastify
 * inject, API-key auth, rate limits, validation, one multi-row INSERT … ON CONFLICT in a tenant
 * transaction, the batcher nudge) against the machine's PostgreSQL and Redis, in a fresh database.
 *
 * Rows: a 10,000-event JSON request (goal < 1.5 s, durable when answered), the same request again
 * (every event an idempotent retry), 1,000-event requests back to back as events/s (goal ≥ 10,000/s),
 * and a 50,000-event NDJSON upload.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createDatabase } from '@spv-cloud/db';
import {
  createTestDatabase,
  DEFAULT_TEST_REDIS_URL,
  deleteKeysWithPrefix,
  TestDataFactory,
} from '@spv-cloud/testing';
import { defineBench, measure } from '../../../tools/bench';
import { createApiApp } from '../src/bootstrap/create-api-app';
import { testSettings } from '../test/support/api-test-app';

const digestHex = () => randomBytes(32).toString('hex');

defineBench('api/ingest', async (bench) => {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `UPDATE plans SET requests_per_minute = 100000000, burst = 100000000 WHERE code = 'enterprise'`,
  );
  const db = createDatabase(database.url, { poolSize: 2 });
  const factory = new TestDataFactory(db);
  const tenant = await factory.tenant({ planCode: 'ENTERPRISE' });
  const { key } = await factory.apiKey(tenant.id, { scopes: ['events:write'] });
  const settings = testSettings({
    databaseUrl: database.url,
    redisKeyPrefix: `spvbench:ingest:${process.pid}:`,
    logLevel: 'warn',
    bodyLimitBytes: 4 * 1024 * 1024,
  });
  const { app } = await createApiApp(settings, {
    logDestination: pino.destination({ dest: '/dev/null', sync: false }),
    collectProcessMetrics: false,
  });
  await app.getHttpAdapter().getInstance().ready();
  const post = async (payload: string, contentType = 'application/json') => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      payload,
    });
    if (response.statusCode !== 202)
      throw new Error(`ingest answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  };
  try {
    const big = JSON.stringify({
      events: Array.from({ length: 10_000 }, (_, i) => ({
        digest: digestHex(),
        idempotencyKey: `k-${i}-${process.pid}`,
      })),
    });
    const first = await measure(() => post(big), { warmup: 0, minRuns: 1, maxRuns: 1, minTimeMs: 0 });
    bench.report({
      metric: 'JSON request of 10,000 new events (202, stored)',
      value: first.medianMs,
      unit: 'ms',
      goal: { max: 1_500 },
    });
    const retried = await measure(() => post(big), { warmup: 0, minRuns: 3, maxRuns: 3, minTimeMs: 0 });
    bench.report({
      metric: 'the same 10,000 events again (idempotent retry)',
      value: retried.medianMs,
      unit: 'ms',
    });

    const requests = Array.from({ length: 12 }, () =>
      JSON.stringify({ events: Array.from({ length: 1_000 }, () => ({ digest: digestHex() })) }),
    );
    let next = 0;
    const small = await measure(() => post(requests[next++ % requests.length]!), {
      warmup: 2,
      minRuns: 10,
      maxRuns: 40,
      minTimeMs: 2_000,
    });
    bench.report({
      metric: '1,000-event JSON requests back to back',
      value: 1_000 / (small.medianMs / 1000),
      unit: 'events/s',
      goal: { min: 10_000 },
    });

    const ndjson = `${Array.from({ length: 50_000 }, () => JSON.stringify({ digest: digestHex() })).join('\n')}\n`;
    const upload = await measure(() => post(ndjson, 'application/x-ndjson'), {
      warmup: 0,
      minRuns: 1,
      maxRuns: 1,
      minTimeMs: 0,
    });
    bench.report({
      metric: 'NDJSON upload of 50,000 events',
      value: 50_000 / (upload.medianMs / 1000),
      unit: 'events/s',
    });
  } finally {
    await app.close();
    await client.end();
    await db.close();
    await database.drop();
    await deleteKeysWithPrefix(DEFAULT_TEST_REDIS_URL, settings.redisKeyPrefix);
  }
});
