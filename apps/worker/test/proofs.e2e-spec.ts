import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { ChainwebNodeSource } from '@spv-cloud/chain-client';
import {
  chainwebVersionFromInfo,
  checkRootTrusted,
  MerkleProofObject,
  verifySpvProof,
  type ChainwebVersion,
} from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import {
  createRedisNamespace,
  createTestDatabase,
  DEFAULT_TEST_REDIS_URL,
  startS3Server,
  TestDataFactory,
  type RedisNamespace,
  type S3Server,
  type TestDatabase,
} from '@spv-cloud/testing';
import { createWorkerApp, type WorkerApp } from '../src/bootstrap/create-worker-app';
import { ProofDevnet } from './support/proof-devnet';
import { freePort, spawnApp, type SpawnedApp } from './support/spawned-app';
import { workerTestSettings } from './support/worker-test-settings';

const CHAINS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

function ed25519Pair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex'),
    secretKey: Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url').toString('hex'),
    privateKey,
    publicKeyObject: publicKey,
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * The proof service end to end on the devnet: the API process (spawned, as in production) takes
 * requests; the worker (in process) generates proofs from the devnet's REST API, cross-checks them
 * with its /pact/spv, stores bundles in s3rver, and anchors provenance checkpoints on chain.
 */
describe('SPV proofs end to end on the devnet (API process → worker → devnet → S3)', () => {
  let dataDir: string;
  let devnet: SpawnedApp;
  let chain: ProofDevnet;
  let version: ChainwebVersion;
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let redis: RedisNamespace;
  let s3: S3Server;
  let api: SpawnedApp;
  let worker: WorkerApp;
  let workerLog = '';
  const operator = ed25519Pair();
  const tenants: { id: string; key: string }[] = [];

  const call = async (
    method: string,
    path: string,
    key: string,
    payload?: unknown,
  ): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  const generations = async (): Promise<number> => {
    const text = await worker.metrics.render();
    const match = /^spv_proof_generations_total(?:\{[^}]*\})? (\d+)/m.exec(text);
    return match ? Number(match[1]) : 0;
  };

  const ready = (id: string, key: string) =>
    until(`proof ${id} ready`, async () => {
      const view = await call('GET', `/v1/proofs/${id}`, key);
      if (view.body?.status === 'failed')
        throw new Error(`proof failed: ${JSON.stringify(view.body)}\n${workerLog.slice(-3000)}`);
      return view.body?.status === 'ready' ? view.body : undefined;
    });

  /** Checks a served proof offline: it verifies, targets the right chain, and its root is a canonical block. */
  async function expectVerifies(
    proof: { encoded: string },
    kind: 'TX' | 'TXOUT',
    targetChainId: number,
    requestKey: string,
  ) {
    const verified = verifySpvProof(proof.encoded, { expectedChain: targetChainId, expectedKind: kind });
    expect(verified).toMatchObject({ valid: true, kind, chain: targetChainId, requestKey });
    if (!verified.valid) return;
    expect(await checkRootTrusted(targetChainId, verified.root, new ChainwebNodeSource(chain.client))).toBe(
      true,
    );
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spv-proofs-e2e-'));
    const devnetPort = await freePort();
    devnet = await spawnApp({
      app: 'devnet',
      port: devnetPort,
      args: ['--port', String(devnetPort), '--data-dir', dataDir, '--block-time-ms', '250', '--chains', '10'],
      readyPath: '/info',
    });
    version = chainwebVersionFromInfo(await (await fetch(`${devnet.url}/info`)).json());
    chain = new ProofDevnet(devnet.url, CHAINS, operator);
    await chain.deploy([0, 3], [0]);
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 4 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    redis = await createRedisNamespace();
    s3 = await startS3Server({ bucket: 'spv-e2e-proofs' });
    const factory = new TestDataFactory(db);
    for (let i = 0; i < 102; i++) {
      const tenant = await factory.tenant({ planCode: i < 2 ? 'ENTERPRISE' : 'FREE' });
      tenants.push({
        id: tenant.id,
        key: (await factory.apiKey(tenant.id, { scopes: ['proofs:read', 'proofs:write'] })).key,
      });
    }
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
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        S3_FORCE_PATH_STYLE: 'true',
      },
    });
    const settings = workerTestSettings({
      databaseUrl: testDb.url,
      queuePrefix: `${prefix}:bull`,
      concurrency: { sealing: 1, anchoring: 1, proofs: 2, webhooks: 1 },
    });
    const signing = generateKeyPairSync('ed25519');
    worker = await createWorkerApp(
      {
        ...settings,
        anchoring: {
          ...settings.anchoring,
          networks: [
            { name: 'development', nodeUrl: devnet.url, chainwebVersion: 'development', chainIds: undefined },
          ],
          sender: {
            account: 'spv-cloud-operator',
            publicKey: operator.publicKey,
            secretKey: operator.secretKey,
          },
        },
      },
      {
        collectProcessMetrics: false,
        logDestination: new Writable({
          write: (chunk: Buffer, _encoding, done) => ((workerLog += chunk.toString()), done()),
        }),
        proofService: {
          settings: {
            service: { version: '1.0.0-e2e', buildHash: 'e2e-build' },
            networks: [{ network: 'development', nodeUrl: devnet.url }],
            s3: {
              endpoint: s3.endpoint,
              region: s3.region,
              bucket: s3.bucket,
              credentials: { ...s3.credentials },
              forcePathStyle: true,
            },
            redisKeyPrefix: `${prefix}:`,
            proofCacheTtlSeconds: 600,
            signingKey: {
              privateKey: signing.privateKey,
              publicKey: signing.publicKey,
              publicKeyHex: 'e2e',
              keyId: 'e2e-key',
            },
            concurrency: 2,
            freeShare: 0.2,
            generator: { crossCheck: true, checkpointDepth: 2, minWaitMs: 100, maxWaitMs: 1_000 },
            sweep: { intervalMs: 2_000, refreshLeadMs: 86_400_000, staleAfterMs: 60_000 },
            retention: { intervalMs: 60_000, batchSize: 500 },
            provenance: {
              logId: 'spv-cloud.e2e',
              intervalMs: 1_000,
              minNewEntries: 1,
              maxAgeMs: 60_000,
              anchor: {
                network: 'development',
                chainId: 0,
                namespace: 'free',
                sender: {
                  account: 'spv-cloud-operator',
                  publicKey: operator.publicKey,
                  secretKey: operator.secretKey,
                },
                gasLimit: 150_000,
                gasPrice: 0.00000001,
              },
            },
            followHeaders: true,
          },
        },
      },
    );
  }, 180_000);

  afterAll(async () => {
    await worker?.app.close();
    await api?.stop();
    await raw?.end();
    await db?.close();
    await redis?.cleanup();
    await testDb?.drop();
    await s3?.stop();
    await devnet?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('same-chain TXOUT asked for before the transaction exists: waits, then ready, cross-checked and verifiable', async () => {
    const [tenant] = tenants as [{ id: string; key: string }];
    const command = await chain.command(3);
    const accepted = await call('POST', '/v1/proofs', tenant.key, {
      chainId: 3,
      requestKey: command.hash,
      targetChainId: 3,
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('waiting_inclusion');
    await chain.send(3, command);
    const view = await ready(accepted.body.id, tenant.key);
    await expectVerifies(view.proof, 'TXOUT', 3, command.hash);
    const { rows } = await raw.query(
      `SELECT cross_check, node_url FROM chain_proofs WHERE request_key = $1`,
      [command.hash],
    );
    expect(rows).toEqual([{ cross_check: 'match', node_url: devnet.url }]);
  });

  it('cross-chain TX asked for while the target is too young, and cross-chain TXOUT after: both ready and verifiable', async () => {
    const [tenant] = tenants as [{ id: string; key: string }];
    // A target two hops away from chain 0 in the devnet's graph.
    const far = CHAINS.find((c) => version.graphAt(0).distance(0, c) === 2)!;
    const near = CHAINS.find((c) => version.graphAt(0).distance(0, c) === 1)!;
    const command = await chain.command(0);
    await chain.sendAndWait(0, command);
    const young = await call('POST', '/v1/proofs', tenant.key, {
      chainId: 0,
      requestKey: command.hash,
      targetChainId: far,
      kind: 'TX',
    });
    expect([200, 202]).toContain(young.status);
    const tx = young.status === 200 ? young.body : await ready(young.body.id, tenant.key);
    await expectVerifies(tx.proof, 'TX', far, command.hash);

    const later = await call('POST', '/v1/proofs', tenant.key, {
      chainId: 0,
      requestKey: command.hash,
      targetChainId: near,
      kind: 'TXOUT',
    });
    const txout = later.status === 200 ? later.body : await ready(later.body.id, tenant.key);
    await expectVerifies(txout.proof, 'TXOUT', near, command.hash);
    // Byte-compatible with chainweb-node: the devnet's own /pact/spv answer is the same proof.
    expect(await chain.client.spv(0, command.hash, near)).toBe(txout.proof.encoded);
  });

  it('serves a cached proof to another tenant at once, at no generation cost', async () => {
    const [first, second] = tenants as [{ id: string; key: string }, { id: string; key: string }];
    const command = await chain.command(3);
    await chain.sendAndWait(3, command);
    const asked = await call('POST', '/v1/proofs', first.key, {
      chainId: 3,
      requestKey: command.hash,
      targetChainId: 3,
    });
    if (asked.status === 202) await ready(asked.body.id, first.key);
    const generated = `SELECT id, observed_at FROM chain_proofs WHERE request_key = $1`;
    const before = (await raw.query(generated, [command.hash])).rows;
    const cached = await call('POST', '/v1/proofs', second.key, {
      chainId: 3,
      requestKey: command.hash,
      targetChainId: 3,
    });
    expect(cached.status).toBe(200);
    expect(cached.body.status).toBe('ready');
    await expectVerifies(cached.body.proof, 'TXOUT', 3, command.hash);
    // Served from the stored bundle: the same single version, generated once, before the second request.
    expect((await raw.query(generated, [command.hash])).rows).toEqual(before);
    expect(before).toHaveLength(1);
    const bundle = await call('GET', `/v1/proofs/${cached.body.id}/bundle`, second.key);
    expect(bundle.body.bundle).toMatchObject({
      requestKey: command.hash,
      generatedBy: { nodeUrl: devnet.url, crossCheck: 'match' },
    });
    expect(bundle.body.provenance.entries).toEqual([
      expect.objectContaining({ action: 'issued', proofHash: bundle.body.bundleHash }),
    ]);
  });

  it('costs one generation when 100 tenants ask for the same proof at once', async () => {
    const command = await chain.command(0);
    const askers = tenants.slice(2, 102);
    const startedAt = new Date();
    const before = await generations();
    const accepted = await Promise.all(
      askers.map((t) =>
        call('POST', '/v1/proofs', t.key, { chainId: 0, requestKey: command.hash, targetChainId: 0 }),
      ),
    );
    expect(accepted.every((a) => a.status === 202)).toBe(true);
    await chain.send(0, command);
    const views = await Promise.all(accepted.map((a, i) => ready(a.body.id, askers[i]!.key)));
    expect(new Set(views.map((v) => v.proof.bundleHash)).size).toBe(1);
    const { rows } = await raw.query(`SELECT count(*)::int AS n FROM chain_proofs WHERE request_key = $1`, [
      command.hash,
    ]);
    expect(rows[0].n).toBe(1);
    // One generation for the 100 requests; the only others meanwhile are the service's own proofs of
    // provenance checkpoint anchors (no tenant request), which the checkpoint job keeps making.
    const delta = (await generations()) - before;
    const system = await raw.query(
      `SELECT count(*)::int AS n FROM chain_proofs cp WHERE cp.status = 'ready' AND cp.updated_at >= $1
         AND NOT EXISTS (SELECT 1 FROM proof_requests pr WHERE pr.chain_proof_id = cp.id)`,
      [startedAt],
    );
    expect(delta).toBeGreaterThanOrEqual(1);
    expect(delta).toBeLessThanOrEqual(1 + system.rows[0].n);
  });

  it('anchors a provenance checkpoint on chain: a proof’s entry proves inclusion under it, with the anchored proof', async () => {
    const [tenant] = tenants as [{ id: string; key: string }];
    const command = await chain.command(3);
    await chain.sendAndWait(3, command);
    const asked = await call('POST', '/v1/proofs', tenant.key, {
      chainId: 3,
      requestKey: command.hash,
      targetChainId: 3,
    });
    const id = asked.body.id as string;
    if (asked.status === 202) await ready(id, tenant.key);
    const provenance = await until(
      'an anchored checkpoint covering the entry, and its SPV proof',
      async () => {
        const view = await call('GET', `/v1/provenance/${id}`, tenant.key);
        return view.body?.checkpoint?.anchor?.blockHash && view.body.anchoredProof?.status === 'ready'
          ? view.body
          : undefined;
      },
      90_000,
    );
    const root = Buffer.from(provenance.checkpoint.rootHash, 'base64url');
    const object = MerkleProofObject.decode(Buffer.from(provenance.inclusion[0].proof, 'base64url'));
    expect(object.runFrom(Buffer.from(provenance.entries[0].leafHash, 'base64url'))).toEqual(root);
    // The anchored proof proves record-checkpoint's output: this log, this size, this root.
    const anchored = verifySpvProof(provenance.anchoredProof.encoded, { expectedKind: 'TXOUT' });
    expect(anchored.valid).toBe(true);
    if (anchored.valid && anchored.kind === 'TXOUT') {
      expect(anchored.output.result).toMatchObject({
        status: 'success',
        data: { 'log-id': 'spv-cloud.e2e', root: provenance.checkpoint.rootHash },
      });
    }
  });
});
