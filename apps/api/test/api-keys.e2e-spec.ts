import { ApiKeyUsageTracker } from '../src/modules/api-keys/api-key-usage.tracker';
import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { createKey, expectProblem, signUp, type Session } from './support/fixtures';

describe('API keys: create, list, revoke, rotate, authenticate', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let owner: Session;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
    owner = await signUp(api, 'keys');
  });
  afterAll(async () => {
    await env?.close();
  });

  function authReasonsFor(requestId: unknown): unknown[] {
    return api.logs
      .lines()
      .filter((line) => line.requestId === requestId && line.code === 'unauthenticated')
      .map((line) => line.reason);
  }

  describe('creation', () => {
    it('shows the secret once, stores only its hash and display start', async () => {
      const created = await api.request('POST', '/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'CI', scopes: ['proofs:read', 'proofs:write'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'CI',
        scopes: ['proofs:read', 'proofs:write'],
        start: created.body.key.slice(0, 'spv_test_'.length + 6),
        key: expect.stringMatching(/^spv_test_[1-9A-HJ-NP-Za-km-z]{43,44}$/),
        environment: 'test',
        createdAt: expect.any(String),
        expiresAt: null,
      });
      const fetched = await api.request('GET', `/v1/api-keys/${created.body.id}`, {
        token: owner.accessToken,
      });
      expect(fetched.body).toMatchObject({
        id: created.body.id,
        status: 'active',
        start: created.body.start,
      });
      expect(fetched.text).not.toContain(created.body.key);
      const listed = await api.request('GET', '/v1/api-keys', { token: owner.accessToken });
      expect(listed.text).not.toContain(created.body.key);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    });

    it('validates scopes and expiry', async () => {
      const badScope = await api.request('POST', '/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'x', scopes: ['proofs:read', 'root'] },
      });
      expectProblem(badScope, 400, 'validation_failed');
      expect(badScope.body.invalidParams[0].name).toBe('body.scopes.1');
      const past = await api.request('POST', '/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'x', scopes: ['verify'], expiresAt: '2001-01-01T00:00:00Z' },
      });
      expectProblem(past, 400, 'validation_failed');
      expect(past.body.invalidParams[0].name).toBe('body.expiresAt');
    });

    it('enforces the plan limit on active keys (free: 5)', async () => {
      const tenant = await signUp(api, 'limit');
      for (let i = 0; i < 5; i++) await createKey(api, tenant, ['verify'], `k${i}`);
      const sixth = await api.request('POST', '/v1/api-keys', {
        token: tenant.accessToken,
        body: { name: 'one too many', scopes: ['verify'] },
      });
      expectProblem(sixth, 409, 'api_key_limit_reached');
    });

    it('paginates newest first with an opaque cursor', async () => {
      const tenant = await signUp(api, 'pages');
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await createKey(api, tenant, ['verify'], `p${i}`)).id);
      const first = await api.request('GET', '/v1/api-keys?limit=2', { token: tenant.accessToken });
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
      const second = await api.request('GET', `/v1/api-keys?limit=2&cursor=${first.body.nextCursor}`, {
        token: tenant.accessToken,
      });
      expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('authenticating with a key', () => {
    it("accepts Authorization: Bearer <key> as the key's tenant", async () => {
      const { id, key } = await createKey(api, owner, ['proofs:read']);
      const me = await api.request('GET', '/v1/me', { token: key });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        kind: 'api_key',
        apiKeyId: id,
        tenantId: owner.tenantId,
        scopes: ['proofs:read'],
      });
      const gql = await api.graphql('{ viewer { kind apiKeyId } tenant { id } }', {}, key);
      expect(gql.body.data).toEqual({
        viewer: { kind: 'api_key', apiKeyId: id },
        tenant: { id: owner.tenantId },
      });
    });

    it('answers unknown, revoked and expired keys with the same 401, logging which', async () => {
      const { id, key } = await createKey(api, owner);
      expect((await api.request('GET', '/v1/me', { token: key })).status).toBe(200);
      const revoke = await api.request('POST', `/v1/api-keys/${id}/revoke`, { token: owner.accessToken });
      expect(revoke.body.status).toBe('revoked');
      const revoked = await api.request('GET', '/v1/me', { token: key });
      expectProblem(revoked, 401, 'unauthenticated');
      expect(authReasonsFor(revoked.headers['x-request-id'])).toEqual(['api_key: revoked']);

      const unknownKey = `spv_test_${'2'.repeat(44)}`;
      const unknown = await api.request('GET', '/v1/me', { token: unknownKey });
      expectProblem(unknown, 401, 'unauthenticated');
      expect(authReasonsFor(unknown.headers['x-request-id'])).toEqual(['api_key: unknown']);
      expect(unknown.body.detail).toBe(revoked.body.detail);

      const soon = await api.request('POST', '/v1/api-keys', {
        token: owner.accessToken,
        body: {
          name: 'short-lived',
          scopes: ['verify'],
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        },
      });
      expect((await api.request('GET', '/v1/me', { token: soon.body.key })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const expired = await api.request('GET', '/v1/me', { token: soon.body.key });
      expectProblem(expired, 401, 'unauthenticated');
      expect(authReasonsFor(expired.headers['x-request-id'])).toEqual(['api_key: expired']);
      const listed = await api.request('GET', `/v1/api-keys/${soon.body.id}`, { token: owner.accessToken });
      expect(listed.body.status).toBe('expired');
    });

    it('revocation is idempotent and reaches a second instance at once', async () => {
      owner = await signUp(api, 'two-instances');
      const other = await env.start();
      const { id, key } = await createKey(api, owner);
      expect((await other.request('GET', '/v1/me', { token: key })).status).toBe(200);
      await api.request('POST', `/v1/api-keys/${id}/revoke`, { token: owner.accessToken });
      // The other instance cached the key as valid; the invalidation message must evict it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expectProblem(await other.request('GET', '/v1/me', { token: key }), 401, 'unauthenticated');
      const again = await api.request('POST', `/v1/api-keys/${id}/revoke`, { token: owner.accessToken });
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('revoked');
    });

    it('enforces scopes: 403 insufficient_scope, and user-only routes refuse keys', async () => {
      const { key: reader } = await createKey(api, owner, ['proofs:read']);
      const { key: auditor } = await createKey(api, owner, ['audit:read']);
      expectProblem(await api.request('GET', '/v1/audit-log', { token: reader }), 403, 'insufficient_scope');
      expect((await api.request('GET', '/v1/audit-log', { token: auditor })).status).toBe(200);
      expectProblem(await api.request('GET', '/v1/api-keys', { token: auditor }), 403, 'forbidden');
      expectProblem(
        await api.request('POST', '/v1/api-keys', {
          token: auditor,
          body: { name: 'escalate', scopes: ['verify'] },
        }),
        403,
        'forbidden',
      );
      const gql = await api.graphql('{ auditLog { items { id } } }', {}, reader);
      expect(gql.body.errors[0].extensions.code).toBe('insufficient_scope');
    });

    it('records lastUsedAt in batches, not per request', async () => {
      const { id, key } = await createKey(api, owner);
      for (let i = 0; i < 3; i++)
        expect((await api.request('GET', '/v1/me', { token: key })).status).toBe(200);
      const before = await api.request('GET', `/v1/api-keys/${id}`, { token: owner.accessToken });
      expect(before.body.lastUsedAt).toBeNull();
      await api.app.get(ApiKeyUsageTracker).flush();
      const after = await api.request('GET', `/v1/api-keys/${id}`, { token: owner.accessToken });
      expect(Date.parse(after.body.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    });
  });

  describe('rotation', () => {
    beforeEach(async () => {
      owner = await signUp(api, 'rotation');
    });

    it('issues a new secret with the same name and scopes and revokes the old one', async () => {
      const { id, key } = await createKey(api, owner, ['verify', 'proofs:read'], 'rotating');
      const rotated = await api.request('POST', `/v1/api-keys/${id}/rotate`, { token: owner.accessToken });
      expect(rotated.status).toBe(201);
      expect(rotated.body).toMatchObject({ name: 'rotating', scopes: ['verify', 'proofs:read'] });
      expect(rotated.body.key).not.toBe(key);
      expectProblem(await api.request('GET', '/v1/me', { token: key }), 401, 'unauthenticated');
      expect((await api.request('GET', '/v1/me', { token: rotated.body.key })).status).toBe(200);
      const replacement = await api.request('GET', `/v1/api-keys/${rotated.body.id}`, {
        token: owner.accessToken,
      });
      expect(replacement.body.rotatedFromId).toBe(id);
      expectProblem(
        await api.request('POST', `/v1/api-keys/${id}/rotate`, { token: owner.accessToken }),
        409,
        'api_key_revoked',
      );
    });

    it('keeps the old key working through a grace period', async () => {
      const { id, key } = await createKey(api, owner, ['verify'], 'graceful');
      const rotated = await api.request('POST', `/v1/api-keys/${id}/rotate`, {
        token: owner.accessToken,
        body: { gracePeriodSeconds: 3600 },
      });
      expect((await api.request('GET', '/v1/me', { token: key })).status).toBe(200);
      expect((await api.request('GET', '/v1/me', { token: rotated.body.key })).status).toBe(200);
      const old = await api.request('GET', `/v1/api-keys/${id}`, { token: owner.accessToken });
      expect(old.body.status).toBe('active');
      expect(Date.parse(old.body.expiresAt)).toBeGreaterThan(Date.now() + 3500_000);
    });

    it('records created, rotated and revoked keys in the audit log with actor and IP', async () => {
      const tenant = await signUp(api, 'keyaudit');
      const { id } = await createKey(api, tenant, ['verify']);
      const rotated = await api.request('POST', `/v1/api-keys/${id}/rotate`, { token: tenant.accessToken });
      await api.request('POST', `/v1/api-keys/${rotated.body.id}/revoke`, { token: tenant.accessToken });
      const log = await api.request('GET', '/v1/audit-log', { token: tenant.accessToken });
      const actions = log.body.items.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(['api_key.revoked', 'api_key.rotated', 'api_key.created', 'tenant.created']);
      for (const entry of log.body.items.slice(0, 3)) {
        expect(entry).toMatchObject({
          actorType: 'user',
          actorId: tenant.userId,
          ip: '127.0.0.1',
          requestId: expect.any(String),
        });
      }
      expect(log.body.items[1]).toMatchObject({ targetId: id, metadata: { replacementId: rotated.body.id } });
    });
  });
});
