import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { ChainwebNodeClient, ChainwebNodeSource } from '@spv-cloud/chain-client';
import { checkRootTrusted, decodeAnyProof, fromBase64Url, verifyAnyProof } from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import {
  createRedisNamespace,
  createTestDatabase,
  DEFAULT_TEST_REDIS_URL,
  TestDataFactory,
  type RedisNamespace,
  type TestDatabase,
} from '@spv-cloud/testing';
import { createWorkerApp, type WorkerApp } from '../src/bootstrap/create-worker-app';
import { deploySpvAnchor } from './support/devnet-anchor-contract';
import { freePort, spawnApp, type SpawnedApp } from './support/spawned-app';
import { workerTestSettings } from './support/worker-test-settings';

const CHAINS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

function ed25519Pair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex'),
    secretKey: Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url').toString('hex'),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('event anchoring end to end on the devnet (API process → worker → chain → proofs)', () => {
  let dataDir: string;
  let devnet: SpawnedApp;
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let redis: RedisNamespace;
  let api: SpawnedApp;
  let worker: WorkerApp;
  let workerLog = '';
  const operator = ed25519Pair();
  const tenants: { id: string; key: string }[] = [];
  const hookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const hooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let hookServer: Server;

  const call = async (
    method: string,
    path: string,
    key: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const type = response.headers.get('content-type') ?? '';
    // Parsed here (not with response.json()): objects from fetch's realm fail libs/chainweb's plain-object checks under jest.
    return {
      status: response.status,
      body: type.includes('json')
        ? JSON.parse(await response.text())
        : Buffer.from(await response.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spv-anchoring-e2e-'));
    // The devnet and the API run as their own processes (built by jest's global setup), like in production.
    const devnetPort = await freePort();
    devnet = await spawnApp({
      app: 'devnet',
      port: devnetPort,
      args: ['--port', String(devnetPort), '--data-dir', dataDir, '--block-time-ms', '100', '--chains', '10'],
      readyPath: '/info',
    });
    await deploySpvAnchor(devnet.url, CHAINS, operator);
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 2 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    redis = await createRedisNamespace();
    const factory = new TestDataFactory(db);
    for (let i = 0; i < 3; i++) {
      // Enterprise limits: the test reads every proof back through the rate-limited API.
      const tenant = await factory.tenant({ planCode: 'ENTERPRISE' });
      tenants.push({
        id: tenant.id,
        key: (
          await factory.apiKey(tenant.id, {
            scopes: ['events:write', 'proofs:read', 'batches:read', 'verify'],
          })
        ).key,
      });
    }
    // Tenant 0 subscribes a webhook receiver to everything.
    hookServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hooks.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookPort = (hookServer.address() as { port: number }).port;
    await raw.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, url, event_types, signing_secret, updated_at) VALUES (gen_random_uuid(), $1, $2, '{}', $3, now())`,
      [tenants[0]!.id, `http://127.0.0.1:${hookPort}/hook`, hookSecret],
    );
    const prefix = redis.prefix.replace(/:$/, '');
    const apiPort = await freePort();
    api = await spawnApp({
      app: 'api',
      port: apiPort,
      readyPath: '/healthz',
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        API_HOST: '127.0.0.1',
        PORT: String(apiPort),
        DATABASE_URL: testDb.url,
        REDIS_URL: DEFAULT_TEST_REDIS_URL,
        REDIS_KEY_PREFIX: `${prefix}:`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        SERVICE_SIGNING_KEY: randomBytes(32).toString('hex'),
        CHAIN_NODE_URL: devnet.url,
        CHAIN_NETWORK_ID: 'development',
      },
    });
    const settings = workerTestSettings({
      databaseUrl: testDb.url,
      queuePrefix: `${prefix}:bull`,
      batching: { windowMs: 500, maxSize: 2_000, scanLimit: 50_000 },
    });
    worker = await createWorkerApp(
      {
        ...settings,
        anchoring: {
          ...settings.anchoring,
          networks: [
            { name: 'development', nodeUrl: devnet.url, chainwebVersion: 'development', chainIds: undefined },
          ],
          sender: { account: 'spv-cloud-operator', ...operator },
          confirmationDepth: 2,
          pollIntervalMs: 100,
          blockTimeMs: 100,
        },
        proofs: { crossCheckNode: true },
        sweep: { intervalMs: 1_000, staleAfterMs: 10_000, forkWatchMs: 60_000 },
      },
      {
        collectProcessMetrics: false,
        logDestination: new Writable({
          write: (chunk: Buffer, _encoding, done) => ((workerLog += chunk.toString()), done()),
        }),
      },
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.app.close();
    await new Promise((resolve) => hookServer?.close(resolve));
    await api?.stop();
    await raw?.end();
    await db?.close();
    await redis?.cleanup();
    await testDb?.drop();
    await devnet?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('anchors events of three tenants on several chains; every proof verifies offline against a canonical block', async () => {
    const submitted = new Map<string, { tenant: string; digest: string }>();
    for (const [t, tenant] of tenants.entries()) {
      const events = Array.from({ length: 40 }, (_, i) => ({
        digest: randomBytes(32).toString('hex'),
        routingKey: `customer-${i % 8}`,
        namespace: t === 1 ? 'invoices' : 'orders',
      }));
      const response = await call('POST', '/v1/events', tenant.key, { events });
      expect(response.status).toBe(202);
      response.body.events.forEach((event: { id: string }, i: number) =>
        submitted.set(event.id, { tenant: tenant.id, digest: events[i]!.digest }),
      );
    }

    await until(
      'every event proof_ready',
      async () => {
        const { rows } = await raw.query(`SELECT count(*)::int AS n FROM events WHERE status = 'anchored'`);
        return rows[0].n === submitted.size ? true : undefined;
      },
      90_000,
    );

    const client = new ChainwebNodeClient({
      name: 'devnet',
      baseUrl: devnet.url,
      chainwebVersion: 'development',
      chainIds: CHAINS,
    });
    const headers = new ChainwebNodeSource(client);
    const chainsUsed = new Set<number>();
    for (const [eventId, { tenant, digest }] of submitted) {
      const key = tenants.find((candidate) => candidate.id === tenant)!.key;
      const view = await call('GET', `/v1/events/${eventId}`, key);
      expect(view.body).toMatchObject({ id: eventId, status: 'proof_ready', eta: null, digest });
      const proof = await call('GET', `/v1/events/${eventId}/proof`, key);
      expect(proof.status).toBe(200);
      const verification = verifyAnyProof(proof.body, { expectedTenantId: tenant });
      expect(verification).toMatchObject({
        valid: true,
        kind: 'anchored-event',
        event: { tenantId: tenant, digest: Buffer.from(digest, 'hex').toString('base64url') },
      });
      chainsUsed.add(verification.chain!);
      // The root is a canonical block of the chain the batch says it anchored on.
      expect(await checkRootTrusted(verification.chain!, fromBase64Url(verification.root!), headers)).toBe(
        true,
      );
      const batch = await call('GET', `/v1/batches/${view.body.batchId}`, key);
      expect(batch.body).toMatchObject({
        status: 'confirmed',
        chainId: verification.chain,
        network: 'development',
        requestKey: verification.requestKey,
      });
    }
    expect(chainsUsed.size).toBeGreaterThan(2);
    expect(workerLog).not.toMatch(/differs from the node|could not cross-check/);
    // Every batch's TXOUT proof equalled the devnet's own /pact/spv answer.
    expect(await worker.metrics.render()).toMatch(/spv_cross_checks_total\{[^}]*result="equal"[^}]*\} [1-9]/);
    expect(await worker.metrics.render()).not.toMatch(/spv_cross_checks_total\{[^}]*result="different"/);
  }, 120_000);

  it("serves the binary envelope and the verify endpoint; tenant A's proof never verifies as B's", async () => {
    const [a, b] = tenants;
    const { rows } = await raw.query(
      `SELECT id FROM events WHERE tenant_id = $1 AND status = 'anchored' LIMIT 1`,
      [a!.id],
    );
    const eventId = rows[0].id as string;
    const json = await call('GET', `/v1/events/${eventId}/proof`, a!.key);
    const binary = await call('GET', `/v1/events/${eventId}/proof`, a!.key, undefined, {
      accept: 'application/octet-stream',
    });
    expect(Buffer.isBuffer(binary.body)).toBe(true);
    const decoded = decodeAnyProof(binary.body as Buffer);
    expect(decoded.kind).toBe('anchored-event');
    expect(verifyAnyProof(binary.body as Buffer, { expectedTenantId: a!.id })).toMatchObject({
      valid: true,
      root: verifyAnyProof(json.body).root,
    });

    expect(verifyAnyProof(json.body, { expectedTenantId: b!.id })).toMatchObject({
      valid: false,
      reason: 'tenant_mismatch',
    });
    const relabelled = { ...json.body, event: { ...json.body.event, tenantId: b!.id } };
    expect(verifyAnyProof(relabelled, { expectedTenantId: b!.id })).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });

    const verified = await call('POST', '/v1/proofs/verify', b!.key, {
      proof: json.body,
      expectedTenantId: a!.id,
    });
    expect(verified.body).toMatchObject({
      valid: true,
      kind: 'anchored-event',
      checksPassed: ['decoded', 'tenant', 'inclusion', 'spv', 'anchor_record'],
    });
    const asB = await call('POST', '/v1/proofs/verify', b!.key, {
      proof: json.body,
      expectedTenantId: b!.id,
    });
    expect(asB.body).toMatchObject({ valid: false, reason: 'tenant_mismatch', checksPassed: ['decoded'] });
    expect((await call('GET', `/v1/events/${eventId}/proof`, b!.key)).status).toBe(404);
  });

  it('stores each event once when the same request is sent three times at once, and nothing for bad input', async () => {
    const tenant = tenants[2]!;
    const events = Array.from({ length: 10 }, (_, i) => ({
      digest: randomBytes(32).toString('hex'),
      idempotencyKey: `e2e-${i}-${randomBytes(4).toString('hex')}`,
    }));
    const count = async () =>
      (await raw.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [tenant.id])).rows[0]
        .n as number;
    const before = await count();
    const responses = await Promise.all(
      [1, 2, 3].map(() => call('POST', '/v1/events', tenant.key, { events })),
    );
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202]);
    expect(
      new Set(
        responses.map((response) => JSON.stringify(response.body.events.map((e: { id: string }) => e.id))),
      ).size,
    ).toBe(1);
    expect(await count()).toBe(before + 10);
    const bad = await call('POST', '/v1/events', tenant.key, {
      events: [{ digest: 'abcd' }, { digest: randomBytes(32).toString('hex') }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'digest_length_mismatch',
      invalidParams: [{ name: 'body.events.0.digest' }],
    });
    expect(await count()).toBe(before + 10);
    await until(
      'the retried events anchored',
      async () => {
        const { rows } = await raw.query(
          `SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND status <> 'anchored'`,
          [tenant.id],
        );
        return rows[0].n === 0 ? true : undefined;
      },
      60_000,
    );
  }, 90_000);

  it('delivers signed batch.confirmed and event.proof_ready webhooks for every anchored event of the subscribed tenant', async () => {
    const tenantId = tenants[0]!.id;
    const { rows } = await raw.query(`SELECT id FROM events WHERE tenant_id = $1 AND status = 'anchored'`, [
      tenantId,
    ]);
    const announced = await until(
      'proof_ready webhooks for every event',
      () => {
        const ids = new Set(
          hooks
            .filter((hook) => hook.headers['spv-event-type'] === 'event.proof_ready')
            .flatMap((hook) => JSON.parse(hook.body).data.eventIds as string[]),
        );
        return Promise.resolve(rows.every((row) => ids.has(row.id)) ? ids : undefined);
      },
      30_000,
    );
    expect(announced.size).toBe(rows.length);
    const confirmed = hooks.filter((hook) => hook.headers['spv-event-type'] === 'batch.confirmed');
    const { rows: batches } = await raw.query(
      `SELECT id FROM batches WHERE tenant_id = $1 AND status = 'confirmed'`,
      [tenantId],
    );
    expect(new Set(confirmed.map((hook) => JSON.parse(hook.body).data.batchId))).toEqual(
      new Set(batches.map((batch) => batch.id)),
    );
    for (const hook of hooks) {
      const [t, v1] = String(hook.headers['spv-signature'])
        .split(',')
        .map((part) => part.split('=')[1]);
      expect(v1).toBe(createHmac('sha256', hookSecret).update(`${t}.${hook.body}`).digest('hex'));
      expect(JSON.parse(hook.body).id).toBe(hook.headers['spv-delivery-id']);
    }
    // Tenants 1 and 2 subscribed nothing: none of their events was announced anywhere.
    const { rows: others } = await raw.query(`SELECT id FROM events WHERE tenant_id <> $1`, [tenantId]);
    expect(others.some((row) => announced.has(row.id))).toBe(false);
  });
});
