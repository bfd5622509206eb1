import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { verifySpvProof } from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import {
  ManualClock,
  ProofCache,
  ProofGenerator,
  ProofRepository,
  S3ProofStore,
  type ChainAccessRegistry,
} from '@spv-cloud/proof-service';
import { startS3Server, type S3Server } from '@spv-cloud/testing';
import { Redis } from 'ioredis';
import { MemoryChainweb } from '@spv-cloud/testing';
import { ApiTestEnvironment, TEST_REDIS_URL, type ApiUnderTest } from './support/api-test-app';
import { addMember, createKey, expectProblem, signUp, type Session } from './support/fixtures';

/**
 * The proof service over HTTP and GraphQL: the API process under test, real PostgreSQL, Redis and
 * s3rver; the worker's generation is run in-process against an in-memory chainweb (the devnet e2e
 * covers generation from a node).
 */
describe('proofs, watches, retention and provenance over HTTP', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let server: S3Server;
  let s3Directory: string;
  let db: Database;
  let redis: Redis;
  let client: S3Client;
  let generator: ProofGenerator;
  let repository: ProofRepository;
  let chain: MemoryChainweb;
  let owner: Session;
  let writer: { key: string };
  let reader: { key: string };
  let other: Session;
  let otherKey: { key: string };

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    s3Directory = await mkdtemp(join(tmpdir(), 'spv-api-proofs-'));
    server = await startS3Server({ bucket: 'spv-proofs', directory: s3Directory });
    api = await env.start({
      s3: {
        endpoint: server.endpoint,
        region: server.region,
        bucket: server.bucket,
        credentials: { ...server.credentials },
        forcePathStyle: true,
      },
    });
    db = createDatabase(env.database.url, { poolSize: 4 });
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: env.redisKeyPrefix });
    client = new S3Client({ ...server.clientConfig, maxAttempts: 1 });
    chain = new MemoryChainweb({ height: 2 });
    const registry: ChainAccessRegistry = { names: () => ['development'], get: () => chain };
    repository = new ProofRepository(db);
    generator = new ProofGenerator({
      repository,
      chains: registry,
      store: new S3ProofStore({ client, bucket: server.bucket }),
      cache: new ProofCache(redis, { ttlSeconds: 600 }),
      clock: new ManualClock(Date.now()),
      service: { version: '9.9.9', buildHash: 'e2e' },
      onCrossCheckMismatch: () => undefined,
    });
    owner = await signUp(api, 'proof-owner');
    writer = await createKey(api, owner, ['proofs:read', 'proofs:write']);
    reader = await createKey(api, owner, ['proofs:read']);
    other = await signUp(api, 'proof-other');
    otherKey = await createKey(api, other, ['proofs:read', 'proofs:write']);
  });

  afterAll(async () => {
    client?.destroy();
    redis?.disconnect();
    await db?.close();
    await env?.close();
    await server?.stop();
    if (s3Directory) await rm(s3Directory, { recursive: true, force: true });
  });

  async function pendingChainProofId(requestKey: string): Promise<string> {
    const row = await db.system.runAcrossTenants('test.read', (tx) =>
      tx.chainProof.findFirst({ where: { requestKey }, orderBy: { createdAt: 'desc' } }),
    );
    return row!.id;
  }

  describe('a proof asked for before its transaction exists', () => {
    let proofId: string;
    let requestKey: string;
    const target = 3;

    it('answers 202 waiting_inclusion with a Location, then ready with a proof that verifies', async () => {
      const tx = chain.submit(0, 'e2e cross-chain');
      requestKey = tx.requestKey;
      const accepted = await api.request('POST', '/v1/proofs', {
        token: writer.key,
        body: { chainId: 0, requestKey, targetChainId: target },
      });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ id: expect.any(String), status: 'waiting_inclusion', eta: null });
      expect(accepted.headers.location).toBe(`/v1/proofs/${accepted.body.id}`);
      proofId = accepted.body.id;

      const chainProofId = await pendingChainProofId(requestKey);
      await generator.generate(chainProofId);
      chain.mine(1);
      await generator.generate(chainProofId);
      const young = await api.request('GET', `/v1/proofs/${proofId}`, { token: reader.key });
      expect(young.status).toBe(200);
      expect(young.body).toMatchObject({ status: 'waiting_reachability', eta: expect.any(String) });
      expect(young.body.proof).toBeUndefined();

      chain.mine(3);
      await generator.generate(chainProofId);
      const ready = await api.request('GET', `/v1/proofs/${proofId}`, { token: reader.key });
      expect(ready.body).toMatchObject({
        status: 'ready',
        kind: 'TXOUT',
        chainId: 0,
        targetChainId: target,
        network: 'development',
      });
      expect(
        verifySpvProof(ready.body.proof.encoded, { expectedChain: target, expectedKind: 'TXOUT' }),
      ).toMatchObject({ valid: true });
    });

    it('serves the evidence bundle with the provenance entry', async () => {
      const response = await api.request('GET', `/v1/proofs/${proofId}/bundle`, { token: reader.key });
      expect(response.status).toBe(200);
      expect(response.body.bundle).toMatchObject({
        format: 'spv-cloud/evidence-bundle@1',
        requestKey,
        kind: 'TXOUT',
      });
      expect(response.body.provenance.entries).toEqual([
        expect.objectContaining({
          action: 'issued',
          proofHash: response.body.bundleHash,
          buildHash: 'e2e',
          serviceVersion: '9.9.9',
        }),
      ]);
      const provenance = await api.request('GET', `/v1/provenance/${proofId}`, { token: reader.key });
      expect(provenance.status).toBe(200);
      expect(provenance.body).toMatchObject({ proofId, checkpoint: null, inclusion: [] });
    });

    it('serves another tenant the same proof at once (200, cached), and never another tenant’s proof', async () => {
      const cached = await api.request('POST', '/v1/proofs', {
        token: otherKey.key,
        body: { network: 'development', chainId: 0, requestKey, targetChainId: target, kind: 'TXOUT' },
      });
      expect(cached.status).toBe(200);
      expect(cached.body).toMatchObject({ status: 'ready', proof: { encoded: expect.any(String) } });
      expectProblem(
        await api.request('GET', `/v1/proofs/${proofId}`, { token: otherKey.key }),
        404,
        'proof_not_found',
      );
      expectProblem(
        await api.request('GET', `/v1/proofs/${proofId}/bundle`, { token: otherKey.key }),
        404,
        'proof_not_found',
      );
      expectProblem(
        await api.request('GET', `/v1/provenance/${proofId}`, { token: otherKey.key }),
        404,
        'provenance_not_found',
      );
    });

    it('answers the same through GraphQL', async () => {
      const query = await api.graphql(
        'query($id: ID!) { proof(id: $id) { id status kind proof { encoded bundleHash } } }',
        { id: proofId },
        reader.key,
      );
      expect(query.body.data.proof).toMatchObject({ id: proofId, status: 'ready', kind: 'TXOUT' });
      const tx = chain.submit(5, 'graphql');
      const mutation = await api.graphql(
        'mutation($input: ProofRequestInput!) { requestProof(input: $input) { id status } }',
        { input: { chainId: 5, requestKey: tx.requestKey, targetChainId: 5, kind: 'TX' } },
        writer.key,
      );
      expect(mutation.body.data.requestProof).toMatchObject({ status: 'waiting_inclusion' });
      const missing = await api.graphql(
        'query($id: ID!) { proof(id: $id) { id } }',
        { id: proofId },
        otherKey.key,
      );
      expect(missing.body.errors[0].extensions.code).toBe('proof_not_found');
    });
  });

  describe('validation and access', () => {
    it('refuses malformed requests and unknown chains, and keys without the write scope', async () => {
      expectProblem(
        await api.request('POST', '/v1/proofs', {
          token: writer.key,
          body: { chainId: 0, requestKey: 'short', targetChainId: 0 },
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await api.request('POST', '/v1/proofs', {
          token: writer.key,
          body: { chainId: 0, requestKey: 'A'.repeat(43), targetChainId: 25 },
        }),
        422,
        'unknown_chain',
      );
      expectProblem(
        await api.request('POST', '/v1/proofs', {
          token: writer.key,
          body: { network: 'mainnet01', chainId: 0, requestKey: 'A'.repeat(43), targetChainId: 0 },
        }),
        422,
        'unknown_network',
      );
      expectProblem(
        await api.request('POST', '/v1/proofs', {
          token: reader.key,
          body: { chainId: 0, requestKey: 'A'.repeat(43), targetChainId: 0 },
        }),
        403,
        'insufficient_scope',
      );
      expectProblem(
        await api.request('GET', '/v1/proofs/not-a-uuid', { token: reader.key }),
        400,
        'validation_failed',
      );
    });
  });

  describe('watches', () => {
    it('precomputes a watched transaction’s proof; watches can be read, listed and cancelled', async () => {
      const tx = chain.submit(2, 'watched');
      const created = await api.request('POST', '/v1/watches', {
        token: writer.key,
        body: { chainId: 2, requestKey: tx.requestKey },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'active',
        targetChainId: 2,
        kind: 'TXOUT',
        proofStatus: 'waiting_inclusion',
      });
      chain.mine(1);
      await generator.generate(await pendingChainProofId(tx.requestKey));
      const fired = await api.request('GET', `/v1/watches/${created.body.id}`, { token: reader.key });
      expect(fired.body).toMatchObject({ status: 'fired', proofStatus: 'ready' });
      const proof = await api.request('GET', `/v1/proofs/${created.body.proofId}`, { token: reader.key });
      expect(proof.body).toMatchObject({ status: 'ready', mode: 'precompute' });
      const list = await api.request('GET', '/v1/watches', { token: reader.key });
      expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);

      const second = await api.request('POST', '/v1/watches', {
        token: writer.key,
        body: { chainId: 4, requestKey: 'A'.repeat(43) },
      });
      const cancelled = await api.request('DELETE', `/v1/watches/${second.body.id}`, { token: writer.key });
      expect(cancelled.body.status).toBe('cancelled');
      expectProblem(
        await api.request('GET', `/v1/watches/${second.body.id}`, { token: otherKey.key }),
        404,
        'watch_not_found',
      );
    });
  });

  describe('retention policy', () => {
    it('is read by anyone in the tenant, changed by admins only, validated and audited', async () => {
      const read = await api.request('GET', '/v1/tenant/retention', { token: reader.key });
      expect(read.body).toMatchObject({
        hotTtlDays: 90,
        archiveYears: 7,
        legalHold: false,
        deleteAfterDays: 90 + 7 * 365,
      });

      const admin = await addMember(api, owner, 'admin');
      const developer = await addMember(api, owner, 'developer');
      const updated = await api.request('PUT', '/v1/tenant/retention', {
        token: admin.accessToken,
        body: { hotTtlDays: 30, archiveYears: 2, legalHold: true, legalHoldReason: 'litigation 2026-17' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        hotTtlDays: 30,
        archiveYears: 2,
        legalHold: true,
        legalHoldReason: 'litigation 2026-17',
        deleteAfterDays: null,
      });
      expect(updated.body.legalHoldSetAt).toEqual(expect.any(String));

      expectProblem(
        await api.request('PUT', '/v1/tenant/retention', {
          token: developer.accessToken,
          body: { archiveYears: 1 },
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await api.request('PUT', '/v1/tenant/retention', { token: writer.key, body: { archiveYears: 1 } }),
        403,
        'forbidden',
      );
      expectProblem(
        await api.request('PUT', '/v1/tenant/retention', {
          token: admin.accessToken,
          body: { hotTtlDays: 5 },
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await api.request('PUT', '/v1/tenant/retention', {
          token: admin.accessToken,
          body: { legalHold: true },
        }),
        400,
        'validation_failed',
      );

      const released = await api.request('PUT', '/v1/tenant/retention', {
        token: owner.accessToken,
        body: { legalHold: false },
      });
      expect(released.body).toMatchObject({ legalHold: false, legalHoldReason: null, legalHoldSetAt: null });

      const audit = await api.request('GET', '/v1/audit-log?action=tenant.retention_updated', {
        token: owner.accessToken,
      });
      expect(audit.body.items).toHaveLength(2);
      expect(audit.body.items[1]).toMatchObject({
        actorId: admin.userId,
        metadata: { legalHold: true, hotTtlDays: 30 },
      });

      const graphql = await api.graphql(
        '{ retentionPolicy { hotTtlDays archiveYears legalHold hotTtlDayChoices } }',
        {},
        reader.key,
      );
      expect(graphql.body.data.retentionPolicy).toEqual({
        hotTtlDays: 30,
        archiveYears: 2,
        legalHold: false,
        hotTtlDayChoices: [1, 7, 30, 90, 180, 365],
      });
    });
  });

  describe('provenance checkpoints', () => {
    it('lists checkpoints and refuses consistency between sizes that are not checkpoints', async () => {
      const list = await api.request('GET', '/v1/provenance/checkpoints', { token: reader.key });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [] });
      expectProblem(
        await api.request('GET', '/v1/provenance/consistency?from=1&to=2', { token: reader.key }),
        404,
        'provenance_not_found',
      );
      expectProblem(
        await api.request('GET', '/v1/provenance/consistency?from=0&to=2', { token: reader.key }),
        400,
        'validation_failed',
      );
    });
  });
});
