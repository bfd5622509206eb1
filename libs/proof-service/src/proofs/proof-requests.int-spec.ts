import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { verifySpvProof } from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import {
  createRedisNamespace,
  createTestDatabase,
  startS3Server,
  TestDataFactory,
  type RedisNamespace,
  type S3Server,
  type TestDatabase,
} from '@spv-cloud/testing';
import { MemoryChainweb } from '@spv-cloud/testing';
import { registryOf } from '../../test/fake-proof-ports';
import { ManualClock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import { toProvenanceEntry } from '../provenance/provenance-log.repository';
import { ProofCache } from '../storage/proof-cache';
import { S3ProofStore } from '../storage/s3-proof-store';
import { ProofGenerator } from './proof-generator';
import { ProofRequestService, type NetworkCatalog } from './proof-request.service';
import { ProofRepository } from './proof.repository';

const START = Date.UTC(2026, 6, 1);

describe('proof requests end to end in the service (real PostgreSQL, s3rver, Redis; in-memory chain)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let server: S3Server;
  let s3Directory: string;
  let client: S3Client;
  let store: S3ProofStore;
  let redis: RedisNamespace;
  let cache: ProofCache;
  let chain: MemoryChainweb;
  let factory: TestDataFactory;
  const clock = new ManualClock(START);
  const enqueued: { chainProofId: string; plan: string }[] = [];
  const generations: string[] = [];
  let repository: ProofRepository;
  let requests: ProofRequestService;
  let generator: ProofGenerator;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 8 });
    s3Directory = await mkdtemp(join(tmpdir(), 'spv-proofs-'));
    server = await startS3Server({ bucket: 'spv-proofs', directory: s3Directory });
    client = new S3Client({ ...server.clientConfig, maxAttempts: 1 });
    store = new S3ProofStore({ client, bucket: server.bucket });
    redis = await createRedisNamespace();
    cache = new ProofCache(redis.redis, { ttlSeconds: 600 });
    chain = new MemoryChainweb({ height: 2 });
    factory = new TestDataFactory(db);
    repository = new ProofRepository(db);
    const catalog: NetworkCatalog = {
      checkChains: async (network, chainIds) => {
        const version = await registryOf(chain).get(network).version();
        for (const id of chainIds) {
          if (!version.hasChain(id)) throw new ProofServiceError('unknown_chain', `no chain ${id}`);
        }
      },
    };
    requests = new ProofRequestService({
      repository,
      jobs: {
        generateProof: (payload, plan) => {
          enqueued.push({ chainProofId: payload.chainProofId, plan });
          return Promise.resolve('added');
        },
      },
      store,
      cache,
      catalog,
      clock,
    });
    generator = new ProofGenerator({
      repository,
      chains: registryOf(chain),
      store,
      cache,
      clock,
      service: { version: '1.0.0', buildHash: 'abc123' },
      onCrossCheckMismatch: () => undefined,
      onGenerated: (id) => generations.push(id),
    });
  });

  afterAll(async () => {
    client?.destroy();
    await server?.stop();
    if (s3Directory) await rm(s3Directory, { recursive: true, force: true });
    await redis?.cleanup();
    await db?.close();
    await testDb?.drop();
  });

  const ask = (
    tenantId: string,
    requestKey: string,
    chainId: number,
    targetChainId: number,
    kind: 'TX' | 'TXOUT' = 'TXOUT',
  ) =>
    requests.request(
      tenantId,
      { network: 'development', chainId, requestKey, targetChainId, kind, mode: 'on_demand' },
      null,
    );

  it('follows a cross-chain proof asked for before its transaction exists, then serves it from cache to another tenant', async () => {
    const a = await factory.tenant({ planCode: 'PRO' });
    const b = await factory.tenant();
    const target = chain.versionValue.chainIds.find(
      (c) => chain.versionValue.graphAt(0).distance(1, c) === 2,
    )!;
    const tx = chain.submit(1, 'before it exists');

    const first = await ask(a.id, tx.requestKey, 1, target);
    expect(first).toMatchObject({
      ready: false,
      view: { status: 'waiting_inclusion', kind: 'TXOUT', targetChainId: target },
    });
    expect(enqueued.at(-1)).toEqual({ chainProofId: expect.any(String), plan: 'pro' });
    const chainProofId = enqueued.at(-1)!.chainProofId;
    await expect(generator.generate(chainProofId)).resolves.toMatchObject({
      kind: 'waiting',
      phase: 'inclusion',
    });

    chain.mine(1);
    await expect(generator.generate(chainProofId)).resolves.toMatchObject({
      kind: 'waiting',
      phase: 'reachability',
    });
    const young = await requests.view(a.id, first.view.id);
    expect(young).toMatchObject({
      status: 'waiting_reachability',
      eta: new Date(START + 2 * 30_000).toISOString(),
    });
    expect(young.proof).toBeUndefined();

    chain.mine(2);
    await expect(generator.generate(chainProofId)).resolves.toMatchObject({ kind: 'ready', issued: 1 });
    const ready = await requests.view(a.id, first.view.id);
    expect(ready.status).toBe('ready');
    expect(
      verifySpvProof(ready.proof!.encoded, { expectedChain: target, expectedKind: 'TXOUT' }),
    ).toMatchObject({ valid: true });

    // Tenant B: the same proof is served at once from the cache — no job, no chain reads, no generation.
    const reads = { ...chain.calls };
    const jobs = enqueued.length;
    const cached = await ask(b.id, tx.requestKey, 1, target);
    expect(cached).toMatchObject({ ready: true, view: { status: 'ready' } });
    expect(cached.view.proof?.encoded).toBe(ready.proof!.encoded);
    expect(chain.calls).toEqual(reads);
    expect(enqueued).toHaveLength(jobs);
    expect(generations.filter((id) => id === chainProofId)).toHaveLength(1);

    // One blob, one reference per tenant, one `issued` provenance entry per tenant.
    const hash = Buffer.from(ready.proof!.bundleHash, 'hex');
    await expect(store.getReference(a.id, hash)).resolves.toBeDefined();
    await expect(store.getReference(b.id, hash)).resolves.toBeDefined();
    const entries = (
      await db.system.runAcrossTenants('test.read', (tx) =>
        tx.provenanceEntry.findMany({
          where: { subjectId: { in: [first.view.id, cached.view.id] } },
          orderBy: { sequence: 'asc' },
        }),
      )
    ).map(toProvenanceEntry);
    expect(
      entries.map((e) => [e.tenantId, e.action, e.proofHash.toString('hex'), e.nodeUrl, e.buildHash]),
    ).toEqual([
      [a.id, 'issued', ready.proof!.bundleHash, 'memory://chainweb', 'abc123'],
      [b.id, 'issued', ready.proof!.bundleHash, 'memory://chainweb', 'abc123'],
    ]);

    // The evidence bundle, and another tenant's id is simply not found.
    const bundle = await requests.bundle(b.id, cached.view.id);
    expect(bundle.bundle.requestKey).toBe(tx.requestKey);
    await expect(requests.view(b.id, first.view.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(requests.bundle(a.id, cached.view.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('costs one generation when 100 tenants ask for the same proof at once', async () => {
    const tenants = [];
    for (let i = 0; i < 100; i++)
      tenants.push(await factory.tenant({ planCode: i === 57 ? 'ENTERPRISE' : 'FREE' }));
    const tx = chain.submit(4, 'popular');
    chain.mine(1);
    const before = enqueued.length;
    const outcomes = await Promise.all(tenants.map((t) => ask(t.id, tx.requestKey, 4, 4, 'TX')));
    expect(outcomes.every((o) => !o.ready)).toBe(true);
    const ids = new Set(enqueued.slice(before).map((e) => e.chainProofId));
    expect(ids.size).toBe(1);
    expect(enqueued.slice(before).some((e) => e.plan === 'enterprise')).toBe(true);
    const [chainProofId] = [...ids] as [string];
    await expect(generator.generate(chainProofId)).resolves.toMatchObject({ kind: 'ready', issued: 100 });
    expect(generations.filter((id) => id === chainProofId)).toHaveLength(1);
    const views = await Promise.all(tenants.map((t, i) => requests.view(t.id, outcomes[i]!.view.id)));
    expect(new Set(views.map((v) => v.status))).toEqual(new Set(['ready']));
    expect(new Set(views.map((v) => v.proof?.bundleHash)).size).toBe(1);
    const rows = await db.system.runAcrossTenants('test.read', (t) =>
      t.chainProof.count({ where: { requestKey: tx.requestKey } }),
    );
    expect(rows).toBe(1);
  });

  it('keeps a cached request pending while storage is down and issues it once it is back', async () => {
    const a = await factory.tenant();
    const b = await factory.tenant();
    const tx = chain.submit(6, 'outage');
    chain.mine(1);
    const first = await ask(a.id, tx.requestKey, 6, 6);
    const chainProofId = enqueued.at(-1)!.chainProofId;
    await generator.generate(chainProofId);
    await expect(requests.view(a.id, first.view.id)).resolves.toMatchObject({ status: 'ready' });

    const port = server.port;
    await server.stop();
    const during = await ask(b.id, tx.requestKey, 6, 6);
    expect(during).toMatchObject({ ready: false, view: { status: 'waiting_reachability' } });
    expect(enqueued.at(-1)?.chainProofId).toBe(chainProofId);

    server = await startS3Server({ bucket: 'spv-proofs', directory: s3Directory, port });
    await expect(generator.generate(chainProofId)).resolves.toEqual({ kind: 'issued', issued: 1 });
    await expect(requests.view(b.id, during.view.id)).resolves.toMatchObject({ status: 'ready' });
  });

  it('refuses unknown chains and malformed keys before storing anything', async () => {
    const a = await factory.tenant();
    await expect(ask(a.id, 'A'.repeat(43), 0, 15)).rejects.toMatchObject({ code: 'unknown_chain' });
    await expect(ask(a.id, 'not a key', 0, 1)).rejects.toMatchObject({ code: 'invalid_argument' });
    const count = await db.tenant.run(a.id, (tx) => tx.proofRequest.count());
    expect(count).toBe(0);
  });
});
