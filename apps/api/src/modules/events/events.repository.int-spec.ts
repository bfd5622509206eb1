import { randomBytes, randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { EventsRepository, type NewEventRow } from './events.repository';
import { UuidV7Generator } from './uuid-v7.generator';

describe('EventsRepository against PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  let repository: EventsRepository;
  let tenantA: string;
  let tenantB: string;
  const ids = new UuidV7Generator();

  const row = (overrides: Partial<NewEventRow> = {}): NewEventRow => ({
    id: ids.next(),
    namespace: 'default',
    routingKey: null,
    idempotencyKey: null,
    digest: randomBytes(32),
    metadataJson: '{}',
    signature: null,
    ...overrides,
  });
  const count = (tenantId: string) => db.tenant.run(tenantId, (tx) => tx.event.count());

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 6 });
    repository = new EventsRepository(db);
    const factory = new TestDataFactory(db);
    tenantA = (await factory.tenant()).id;
    tenantB = (await factory.tenant({ settings: { eventDigestAlgorithm: 'sha512' } })).id;
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('stores a batch of events in request order with one statement', async () => {
    const rows = Array.from({ length: 500 }, (_, i) =>
      row({ namespace: i % 2 ? 'odd' : 'even', routingKey: `r${i}`, metadataJson: `{"i":${i}}` }),
    );
    const outcome = await repository.insertEvents(tenantA, 'sha256', rows, { timeoutMs: 10_000 });
    expect(outcome).toMatchObject({ kind: 'stored', insertedCount: 500 });
    const stored = await db.tenant.run(tenantA, (tx) =>
      tx.event.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { id: 'asc' } }),
    );
    expect(stored.map((event) => event.id)).toEqual(rows.map((r) => r.id));
    expect(stored[7]).toMatchObject({
      namespace: 'odd',
      routingKey: 'r7',
      metadata: { i: 7 },
      status: 'RECEIVED',
      digestAlgorithm: 'sha256',
    });
    expect(Buffer.from(stored[7]!.digest)).toEqual(rows[7]!.digest);
  });

  it('stores each event once when the same request runs three times concurrently', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `order-${randomUUID()}-${i}`);
    const digests = keys.map(() => randomBytes(32));
    const attempt = () =>
      repository.insertEvents(
        tenantA,
        'sha256',
        keys.map((key, i) => row({ idempotencyKey: key, digest: digests[i]! })),
        { timeoutMs: 10_000 },
      );
    const before = await count(tenantA);
    const outcomes = await Promise.all([attempt(), attempt(), attempt()]);
    expect(await count(tenantA)).toBe(before + 50);
    const idLists = outcomes.map((outcome) =>
      outcome.kind === 'stored' ? outcome.events.map((event) => event.id) : [],
    );
    expect(idLists[1]).toEqual(idLists[0]);
    expect(idLists[2]).toEqual(idLists[0]);
    expect(
      outcomes.map((outcome) => (outcome.kind === 'stored' ? outcome.insertedCount : -1)).sort(),
    ).toEqual([0, 0, 50]);
  });

  it('answers a repeated key inside one request with the same event', async () => {
    const key = `dup-${randomUUID()}`;
    const digest = randomBytes(32);
    const outcome = await repository.insertEvents(
      tenantA,
      'sha256',
      [row({ idempotencyKey: key, digest }), row({ idempotencyKey: key, digest })],
      {
        timeoutMs: 10_000,
      },
    );
    expect(outcome.kind).toBe('stored');
    if (outcome.kind === 'stored') expect(outcome.events[1]!.id).toBe(outcome.events[0]!.id);
  });

  it('rolls the whole request back when a key names another digest', async () => {
    const key = `conflict-${randomUUID()}`;
    await repository.insertEvents(tenantA, 'sha256', [row({ idempotencyKey: key })], { timeoutMs: 10_000 });
    const before = await count(tenantA);
    const outcome = await repository.insertEvents(tenantA, 'sha256', [row(), row({ idempotencyKey: key })], {
      timeoutMs: 10_000,
    });
    expect(outcome).toEqual({ kind: 'idempotency_conflict', positions: [1] });
    expect(await count(tenantA)).toBe(before);
  });

  it('records nonces once: a replay rolls the request back', async () => {
    const key = await db.tenant.run(tenantA, (tx) =>
      tx.submitterKey.create({
        data: { tenantId: tenantA, name: 'k', publicKey: new Uint8Array(randomBytes(32)) },
      }),
    );
    const signature = (nonce: string) => ({
      keyId: key.id,
      value: randomBytes(64),
      nonce,
      signedAt: new Date(),
      nonceExpiresAt: new Date(Date.now() + 300_000),
    });
    const first = await repository.insertEvents(
      tenantA,
      'sha256',
      [row({ signature: signature('nonce-aaaa') })],
      { timeoutMs: 10_000 },
    );
    expect(first.kind).toBe('stored');
    const before = await count(tenantA);
    const replay = await repository.insertEvents(
      tenantA,
      'sha256',
      [row({ signature: signature('nonce-bbbb') }), row({ signature: signature('nonce-aaaa') })],
      { timeoutMs: 10_000 },
    );
    expect(replay).toEqual({ kind: 'nonce_replayed', positions: [1] });
    expect(await count(tenantA)).toBe(before);
    const touched = await db.tenant.run(tenantA, (tx) =>
      tx.submitterKey.findUnique({ where: { id: key.id } }),
    );
    expect(touched?.lastUsedAt).not.toBeNull();
  });

  it("keeps tenants apart: the same idempotency key is independent per tenant, and B cannot read A's event", async () => {
    const key = `shared-${randomUUID()}`;
    const a = await repository.insertEvents(tenantA, 'sha256', [row({ idempotencyKey: key })], {
      timeoutMs: 10_000,
    });
    const b = await repository.insertEvents(
      tenantB,
      'sha512',
      [row({ idempotencyKey: key, digest: randomBytes(64) })],
      { timeoutMs: 10_000 },
    );
    expect(a.kind === 'stored' && b.kind === 'stored' && a.events[0]!.id !== b.events[0]!.id).toBe(true);
    const aId = a.kind === 'stored' ? a.events[0]!.id : '';
    await expect(repository.find(tenantB, aId)).resolves.toBeNull();
    await expect(repository.find(tenantA, aId)).resolves.toMatchObject({
      id: aId,
      status: 'RECEIVED',
      batch: null,
    });
    await expect(repository.digestAlgorithmSetting(tenantB)).resolves.toBe('sha512');
    await expect(repository.digestAlgorithmSetting(tenantA)).resolves.toBeNull();
  });

  it('reads the newest ready proof bytes of an event', async () => {
    const stored = await repository.insertEvents(tenantA, 'sha256', [row()], { timeoutMs: 10_000 });
    const eventId = stored.kind === 'stored' ? stored.events[0]!.id : '';
    await expect(repository.latestProofBytes(tenantA, eventId)).resolves.toBeNull();
    await db.tenant.run(tenantA, async (tx) => {
      const batch = await tx.batch.create({
        data: {
          tenantId: tenantA,
          namespace: 'default',
          network: 'development',
          chainId: 0,
          status: 'CONFIRMED',
        },
      });
      for (const [i, content] of [Buffer.from('old'), Buffer.from('new')].entries()) {
        const key = `tenants/${tenantA}/event-proofs/${eventId}-${i}.bin`;
        await tx.proofBlob.create({
          data: { tenantId: tenantA, key, content: new Uint8Array(content), byteSize: content.length },
        });
        await tx.eventProof.create({
          data: {
            tenantId: tenantA,
            eventId,
            batchId: batch.id,
            status: 'READY',
            s3Key: key,
            createdAt: new Date(Date.now() + i * 1000),
          },
        });
      }
    });
    await expect(repository.latestProofBytes(tenantA, eventId)).resolves.toEqual(Buffer.from('new'));
    await expect(repository.latestProofBytes(tenantB, eventId)).resolves.toBeNull();
  });
});
