import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { createKey, expectProblem, signUp, type Session } from './support/fixtures';

const VECTORS = join(__dirname, '../../../../shared/vectors');

describe('batches and proof verification API', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let raw: pg.Client;
  let owner: Session;
  let reader: string;
  let verifier: string;
  const batchIds: string[] = [];

  const insertBatch = async (tenantId: string, overrides: Record<string, unknown>) => {
    const id = randomUUID();
    const row: Record<string, unknown> = {
      namespace: 'orders',
      status: 'sealed',
      chain_id: 3,
      created_at: new Date(),
      root: randomBytes(32),
      leaf_count: 5,
      ...overrides,
    };
    await raw.query(
      `INSERT INTO batches (id, tenant_id, namespace, network, chain_id, status, root, leaf_count, created_at, updated_at,
                            request_key, block_hash, block_height)
       VALUES ($1, $2, $3, 'development', $4, $5, $6, $7, $8, now(), $9, $10, $11)`,
      [
        id,
        tenantId,
        row.namespace,
        row.chain_id,
        row.status,
        row.root,
        row.leaf_count,
        row.created_at,
        row['request_key'] ?? null,
        row['block_hash'] ?? null,
        row['block_height'] ?? null,
      ],
    );
    return id;
  };

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
    raw = new pg.Client({ connectionString: env.database.url });
    await raw.connect();
    owner = await signUp(api, 'batches-owner');
    reader = (await createKey(api, owner, ['batches:read'], 'reader')).key;
    verifier = (await createKey(api, owner, ['verify'], 'verifier')).key;
    const base = Date.parse('2026-11-20T00:00:00.000Z');
    for (let i = 0; i < 7; i++) {
      batchIds.push(
        await insertBatch(owner.tenantId, {
          namespace: i % 2 ? 'orders' : 'invoices',
          status: i < 5 ? 'confirmed' : 'submitted',
          created_at: new Date(base + i * 60_000),
          request_key: `rk-${i}`,
          block_hash: `bh-${i}`,
          block_height: 1000 + i,
        }),
      );
    }
  });

  afterAll(async () => {
    await raw?.end();
    await env?.close();
  });

  it('shows one batch: root, size, chain, anchoring transaction and block', async () => {
    const root = randomBytes(32);
    const id = await insertBatch(owner.tenantId, {
      root,
      status: 'confirmed',
      request_key: 'rk',
      block_hash: 'bh',
      block_height: 42,
    });
    const response = await api.request('GET', `/v1/batches/${id}`, { token: reader });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id,
      status: 'confirmed',
      root: root.toString('base64url'),
      leafCount: 5,
      network: 'development',
      chainId: 3,
      requestKey: 'rk',
      blockHash: 'bh',
      height: 42,
    });
    const other = await signUp(api, 'batches-other');
    const otherKey = (await createKey(api, other, ['batches:read'])).key;
    expectProblem(await api.request('GET', `/v1/batches/${id}`, { token: otherKey }), 404, 'batch_not_found');
  });

  it('lists newest first with cursor pagination and filters by namespace, status and time', async () => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/batches?limit=3&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.request('GET', query, { token: reader });
      expect(page.status).toBe(200);
      pages.push(page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...batchIds].reverse());

    const orders = await api.request(
      'GET',
      '/v1/batches?namespace=orders&status=confirmed&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z',
      {
        token: reader,
      },
    );
    expect(orders.body.items.map((item: { id: string }) => item.id)).toEqual([batchIds[3], batchIds[1]]);
    const window = await api.request('GET', '/v1/batches?from=2026-11-20T00:02:00Z&to=2026-11-20T00:04:00Z', {
      token: reader,
    });
    expect(window.body.items.map((item: { id: string }) => item.id)).toEqual([batchIds[3], batchIds[2]]);
    expectProblem(
      await api.request('GET', '/v1/batches?status=lost', { token: reader }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.request('GET', '/v1/batches?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z', {
        token: reader,
      }),
      400,
      'validation_failed',
    );
    const gql = await api.graphql(
      '{ batches(first: 2, namespace: "invoices") { items { id status } nextCursor } }',
      {},
      reader,
    );
    expect(gql.body.data.batches.items).toHaveLength(2);
  });

  describe('POST /v1/proofs/verify', () => {
    const realSpv = readFileSync(join(VECTORS, 'spv_response_mainnet01_c0_to_c1_bKT10k.txt'), 'utf8').trim();

    it("verifies chainweb-node's /pact/spv answer and lists the checks that passed", async () => {
      const response = await api.request('POST', '/v1/proofs/verify', {
        token: verifier,
        body: { proof: realSpv },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        valid: true,
        kind: 'spv',
        form: 'pact-spv-response',
        chain: 1,
        checksPassed: ['decoded', 'spv'],
        reason: null,
      });
      expect(response.body.root).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const pinned = await api.request('POST', '/v1/proofs/verify', {
        token: verifier,
        body: { proof: realSpv, expectedChain: 1, expectedRoot: response.body.root },
      });
      expect(pinned.body).toMatchObject({
        valid: true,
        checksPassed: ['decoded', 'expected_chain', 'expected_root', 'spv'],
      });
    });

    it('answers an invalid proof with 200 valid:false and the reason', async () => {
      const wrongChain = await api.request('POST', '/v1/proofs/verify', {
        token: verifier,
        body: { proof: realSpv, expectedChain: 4 },
      });
      expect(wrongChain.body).toMatchObject({
        valid: false,
        kind: 'spv',
        reason: 'wrong_chain',
        checksPassed: ['decoded'],
      });
      const garbage = await api.request('POST', '/v1/proofs/verify', {
        token: verifier,
        body: { proof: 'hello there' },
      });
      expect(garbage.body).toMatchObject({ valid: false, kind: null, checksPassed: [] });
      expect(garbage.body.reason).toEqual(expect.any(String));
      const gql = await api.graphql(
        `{ verifyProof(proof: ${JSON.stringify(realSpv)}) { valid kind checksPassed } }`,
        {},
        verifier,
      );
      expect(gql.body.data.verifyProof).toEqual({
        valid: true,
        kind: 'spv',
        checksPassed: ['decoded', 'spv'],
      });
      expectProblem(
        await api.request('POST', '/v1/proofs/verify', { token: verifier, body: {} }),
        400,
        'validation_failed',
      );
      expectProblem(
        await api.request('POST', '/v1/proofs/verify', { token: reader, body: { proof: realSpv } }),
        403,
        'insufficient_scope',
      );
    });
  });
});
