import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { MemoryChainweb, memoryVersion } from '@spv-cloud/testing';
import { MemoryProofCache, MemoryProofStore, registryOf } from '../../test/fake-proof-ports';
import { DAY_MS, ManualClock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import { HeaderWatch } from '../watches/header-watch';
import { WatchRepository } from '../watches/watch.repository';
import { WatchService } from '../watches/watch.service';
import { ProofGenerator } from './proof-generator';
import { ProofRequestService } from './proof-request.service';
import { ProofSweeper } from './proof-sweeper';
import { ProofRepository } from './proof.repository';

const START = Date.UTC(2026, 9, 1);

describe('proof sweep, refresh and watches (real PostgreSQL; in-memory chain and storage)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let factory: TestDataFactory;
  let chain: MemoryChainweb;
  let repository: ProofRepository;
  let requests: ProofRequestService;
  let generator: ProofGenerator;
  const clock = new ManualClock(START);
  const enqueued: { chainProofId: string; plan: string }[] = [];
  const nudged: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 5 });
    factory = new TestDataFactory(db);
    // A 150-block SPV root window, 30 s blocks: proofs expire about 75 minutes after their root.
    chain = new MemoryChainweb({
      version: memoryVersion({ spvProofRootWindow: { fromHeight: 0, blocks: 150 } }),
      height: 2,
    });
    repository = new ProofRepository(db);
    const store = new MemoryProofStore();
    const cache = new MemoryProofCache();
    const jobs = {
      generateProof: (payload: { chainProofId: string }, plan: string) => {
        enqueued.push({ chainProofId: payload.chainProofId, plan });
        return Promise.resolve('added' as const);
      },
    };
    requests = new ProofRequestService({
      repository,
      jobs,
      store,
      cache,
      catalog: { checkChains: () => Promise.resolve() },
      clock,
      expiringLeadMs: 30 * 60_000,
    });
    generator = new ProofGenerator({
      repository,
      chains: registryOf(chain),
      store,
      cache,
      clock,
      service: { version: '1', buildHash: 'h' },
      onCrossCheckMismatch: () => undefined,
      options: { refreshConfirmations: 2 },
    });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  function sweeper() {
    return new ProofSweeper({
      repository,
      jobs: {
        generateProof: (payload, plan) => {
          enqueued.push({ chainProofId: payload.chainProofId, plan });
          return Promise.resolve('added');
        },
      },
      watches: new WatchRepository(db),
      clock,
      options: { refreshLeadMs: 10 * 60_000, staleAfterMs: 60_000 },
    });
  }

  it('refreshes a held proof before it expires, and the tenant sees `refreshed`', async () => {
    const tenant = await factory.tenant({ planCode: 'ENTERPRISE' });
    const tx = chain.submit(0, 'held for long');
    chain.mine(3);
    const asked = await requests.request(
      tenant.id,
      {
        network: 'development',
        chainId: 0,
        requestKey: tx.requestKey,
        targetChainId: 0,
        kind: 'TXOUT',
        mode: 'on_demand',
      },
      null,
    );
    await generator.generate(enqueued.at(-1)!.chainProofId);
    const ready = await requests.view(tenant.id, asked.view.id);
    expect(ready.status).toBe('ready');
    const expiresAt = new Date(ready.expiresAt!).getTime();

    // Not due yet: nothing to refresh.
    await expect(sweeper().sweep()).resolves.toMatchObject({ refreshes: 0 });
    // Within 30 minutes of expiry it is `expiring`; within the refresh lead a new version is generated.
    clock.set(expiresAt - 5 * 60_000);
    chain.mine(140);
    await expect(requests.view(tenant.id, asked.view.id)).resolves.toMatchObject({ status: 'expiring' });
    const before = enqueued.length;
    await expect(sweeper().sweep()).resolves.toMatchObject({ refreshes: 1 });
    expect(enqueued.at(-1)).toMatchObject({ plan: 'enterprise' });
    // A second sweep does not refresh twice.
    await expect(sweeper().sweep()).resolves.toMatchObject({ refreshes: 0 });
    await expect(generator.generate(enqueued[before]!.chainProofId)).resolves.toMatchObject({
      kind: 'ready',
      issued: 1,
    });
    const refreshed = await requests.view(tenant.id, asked.view.id);
    expect(refreshed.status).toBe('refreshed');
    expect(new Date(refreshed.expiresAt!).getTime()).toBeGreaterThan(expiresAt);
    expect(refreshed.proof?.encoded).not.toBe(ready.proof?.encoded);
    const entries = await db.tenant.run(tenant.id, (tx) =>
      tx.provenanceEntry.findMany({ orderBy: { sequence: 'asc' } }),
    );
    expect(entries.map((e) => e.action)).toEqual(['ISSUED', 'REFRESHED']);
  });

  it('re-enqueues pending proofs whose job was lost', async () => {
    const tenant = await factory.tenant();
    const tx = chain.submit(2, 'lost job');
    await requests.request(
      tenant.id,
      {
        network: 'development',
        chainId: 2,
        requestKey: tx.requestKey,
        targetChainId: 2,
        kind: 'TX',
        mode: 'on_demand',
      },
      null,
    );
    const id = enqueued.at(-1)!.chainProofId;
    // Rows carry the database's wall-clock update time: sweep "now", then two minutes later.
    clock.set(Date.now());
    await expect(sweeper().sweep()).resolves.toMatchObject({ renudged: 0 });
    clock.advance(120_000);
    const result = await sweeper().sweep();
    expect(result.renudged).toBeGreaterThanOrEqual(1);
    expect(enqueued.at(-1)?.chainProofId).toBeDefined();
    expect(enqueued.some((e) => e.chainProofId === id)).toBe(true);
  });

  it('watches: a precompute request fired when its proof is ready; header updates run waiting proofs at once', async () => {
    const tenant = await factory.tenant();
    const watches = new WatchService({
      repository: new WatchRepository(db),
      proofs: requests,
      clock,
      ttlMs: DAY_MS,
    });
    const tx = chain.submit(7, 'watched');
    const watch = await watches.create(
      tenant.id,
      { network: 'development', chainId: 7, requestKey: tx.requestKey },
      null,
    );
    expect(watch).toMatchObject({
      status: 'active',
      targetChainId: 7,
      kind: 'TXOUT',
      proofStatus: 'waiting_inclusion',
    });
    const chainProofId = enqueued.at(-1)!.chainProofId;
    await generator.generate(chainProofId);

    const header = new HeaderWatch({
      chains: registryOf(chain),
      repository,
      jobs: {
        nudgeGeneration: (id) => {
          nudged.push(id);
          return Promise.resolve(true);
        },
      },
    });
    // A header of another chain unblocks nothing; the next block of chain 7 holds the transaction.
    await expect(header.onHeader('development', 3, chain.currentHeight)).resolves.toBe(0);
    chain.mine(1);
    await expect(header.onHeader('development', 7, chain.currentHeight)).resolves.toBe(1);
    expect(nudged).toEqual([chainProofId]);
    await generator.generate(chainProofId);

    await expect(watches.get(tenant.id, watch.id)).resolves.toMatchObject({
      status: 'fired',
      proofStatus: 'ready',
    });
    await expect(sweeper().sweep()).resolves.toMatchObject({ watchesFired: 1 });
    const other = await factory.tenant();
    await expect(watches.get(other.id, watch.id)).rejects.toBeInstanceOf(ProofServiceError);

    // An unfired watch expires; a cancelled one stays cancelled.
    const never = await watches.create(
      tenant.id,
      { network: 'development', chainId: 1, requestKey: randomBytes(32).toString('base64url') },
      null,
    );
    const cancelled = await watches.create(
      tenant.id,
      { network: 'development', chainId: 1, requestKey: randomBytes(32).toString('base64url') },
      null,
    );
    await expect(watches.cancel(tenant.id, cancelled.id)).resolves.toMatchObject({ status: 'cancelled' });
    clock.advance(2 * DAY_MS);
    await expect(sweeper().sweep()).resolves.toMatchObject({ watchesExpired: 1 });
    await expect(watches.get(tenant.id, never.id)).resolves.toMatchObject({ status: 'expired' });
    await expect(watches.get(tenant.id, cancelled.id)).resolves.toMatchObject({ status: 'cancelled' });
  });
});
