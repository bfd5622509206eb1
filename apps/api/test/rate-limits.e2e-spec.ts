import pg from 'pg';
import { ApiTestEnvironment, type ApiUnderTest, type TestResponse } from './support/api-test-app';
import { createKey, expectProblem, signUp } from './support/fixtures';

async function sql(env: ApiTestEnvironment, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: env.database.url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('rate limits shared by two API instances through Redis', () => {
  let env: ApiTestEnvironment;
  let first: ApiUnderTest;
  let second: ApiUnderTest;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    // Pro keeps its tenant budget (1200) but gets a small per-key budget, so the two limits differ.
    await sql(
      env,
      `UPDATE plans SET features = features || '{"apiKeyBurst": 10, "apiKeyRequestsPerMinute": 1}' WHERE code = 'pro'`,
    );
    const limits = { anonymousRateLimit: { requestsPerMinute: 1, burst: 20 } };
    first = await env.start(limits);
    second = await env.start(limits);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('per tenant: every key of a free tenant draws on one budget of 120, across instances', async () => {
    const owner = await signUp(first, 'free-tenant');
    const keyA = (await createKey(first, owner, ['proofs:read'], 'a')).key;
    const keyB = (await createKey(first, owner, ['proofs:read'], 'b')).key;
    const other = await signUp(first, 'neighbour');
    const otherKey = (await createKey(first, other, ['proofs:read'])).key;

    // Signing up and creating keys spent 2 of the owner's tokens already (the key creations).
    let allowed = 2;
    let lastRemaining = Number.POSITIVE_INFINITY;
    let refused: TestResponse | undefined;
    for (let i = 0; i < 140; i++) {
      const api = i % 2 === 0 ? first : second;
      const response = await api.request('GET', '/v1/me', { token: i % 3 === 0 ? keyA : keyB });
      if (response.status === 429) {
        refused = response;
        break;
      }
      expect(response.status).toBe(200);
      allowed++;
      expect(response.headers['ratelimit-limit']).toBe('120');
      const remaining = Number(response.headers['ratelimit-remaining']);
      expect(remaining).toBeLessThan(lastRemaining + 2); // at most a refilled token in between
      lastRemaining = remaining;
    }
    // 60/min refill can add a token or two while the loop runs.
    expect(allowed).toBeGreaterThanOrEqual(120);
    expect(allowed).toBeLessThanOrEqual(124);
    if (!refused) throw new Error('140 requests were never refused');
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    const gql = await second.graphql('{ viewer { kind } }', {}, keyA);
    expect(gql.body.errors[0].extensions.code).toBe('rate_limited');
    // Another tenant is unaffected.
    expect((await second.request('GET', '/v1/me', { token: otherKey })).status).toBe(200);
  });

  it('per key: a pro key stops at its own budget of 10 while the tenant continues', async () => {
    const owner = await signUp(first, 'pro-tenant');
    await sql(env, `UPDATE tenants SET plan_code = 'pro' WHERE id = $1`, [owner.tenantId]);
    const limited = (await createKey(first, owner, ['proofs:read'], 'limited')).key;
    const spare = (await createKey(first, owner, ['proofs:read'], 'spare')).key;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await (i % 2 ? first : second).request('GET', '/v1/me', { token: limited })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    const spareResponse = await first.request('GET', '/v1/me', { token: spare });
    expect(spareResponse.status).toBe(200);
    expect(spareResponse.headers['ratelimit-limit']).toBe('10');
  });

  it('is atomic: 60 concurrent requests on two instances admit exactly the burst of 20 (per client IP)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? first : second).request('POST', '/v1/auth/logout', {
          body: { refreshToken: `spv_rt_${i}` },
          remoteAddress: '198.51.100.7',
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    const elsewhere = await first.request('POST', '/v1/auth/logout', {
      body: { refreshToken: 'spv_rt_x' },
      remoteAddress: '198.51.100.8',
    });
    expect(elsewhere.status).toBe(204);
  });

  it('exempts health, metrics and docs', async () => {
    for (let i = 0; i < 30; i++) expect((await first.request('GET', '/healthz')).status).toBe(200);
    expect((await first.request('GET', '/v1/openapi.json')).status).toBe(200);
  });
});
