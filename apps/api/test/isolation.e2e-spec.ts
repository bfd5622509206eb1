import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { ApiTestEnvironment, type ApiUnderTest, type TestResponse } from './support/api-test-app';
import { addMember, createKey, signUp, uniqueEmail, type Session } from './support/fixtures';

/**
 * Tenant isolation matrix: tenant B's credentials (a user session and an all-scope API key) aimed
 * at tenant A's resources, on every REST operation in the OpenAPI document and every GraphQL root
 * field. Resource routes must answer 404; lists must not contain A's data; and A must be untouched
 * afterwards. A new route or field fails this test until it is added to the matrix.
 */
interface TenantA {
  owner: Session;
  member: Session;
  keyId: string;
  key: string;
  invitationId: string;
  eventId: string;
  submitterKeyId: string;
  batchId: string;
  webhookId: string;
  deliveryId: string;
  proofId: string;
  watchId: string;
}

const ed25519PublicKeyHex = () =>
  Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url').toString(
    'hex',
  );
const ZERO_DIGEST = '00'.repeat(32);
const requestKey = () => randomBytes(32).toString('base64url');

type Probe = (api: ApiUnderTest, b: { token: string }, a: TenantA) => Promise<TestResponse>;

/** How each REST operation is aimed at tenant A. `public` operations involve no tenant resource. */
const REST_MATRIX: Record<string, { kind: 'resource' | 'list' | 'own-tenant' | 'public'; probe?: Probe }> = {
  createWebhook: {
    kind: 'own-tenant',
    probe: (api, b) => api.request('POST', '/v1/webhooks', { ...b, body: { url: 'https://b.example/hook' } }),
  },
  listWebhooks: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/webhooks', b) },
  deleteWebhook: {
    kind: 'resource',
    probe: (api, b, a) => api.request('DELETE', `/v1/webhooks/${a.webhookId}`, b),
  },
  listWebhookDeliveries: {
    kind: 'resource',
    probe: (api, b, a) => api.request('GET', `/v1/webhooks/${a.webhookId}/deliveries`, b),
  },
  replayWebhookDelivery: {
    kind: 'resource',
    probe: (api, b, a) => api.request('POST', `/v1/webhooks/deliveries/${a.deliveryId}/replay`, b),
  },
  getOpenApiDocument: { kind: 'public' },
  signup: { kind: 'public' },
  login: { kind: 'public' },
  refreshSession: { kind: 'public' },
  logout: { kind: 'public' },
  acceptInvitation: { kind: 'public' },
  whoAmI: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/me', b) },
  getTenant: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/tenant', b) },
  updateTenant: {
    kind: 'own-tenant',
    probe: (api, b) => api.request('PATCH', '/v1/tenant', { ...b, body: { name: 'B renamed' } }),
  },
  listMembers: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/tenant/members', b) },
  inviteMember: {
    kind: 'own-tenant',
    probe: (api, b) =>
      api.request('POST', '/v1/tenant/members', {
        ...b,
        body: { email: uniqueEmail('b-invite'), role: 'viewer' },
      }),
  },
  getMember: {
    kind: 'resource',
    probe: (api, b, a) => api.request('GET', `/v1/tenant/members/${a.member.userId}`, b),
  },
  changeMemberRole: {
    kind: 'resource',
    probe: (api, b, a) =>
      api.request('PATCH', `/v1/tenant/members/${a.member.userId}`, { ...b, body: { role: 'viewer' } }),
  },
  removeMember: {
    kind: 'resource',
    probe: (api, b, a) => api.request('DELETE', `/v1/tenant/members/${a.member.userId}`, b),
  },
  listInvitations: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/tenant/invitations', b) },
  revokeInvitation: {
    kind: 'resource',
    probe: (api, b, a) => api.request('DELETE', `/v1/tenant/invitations/${a.invitationId}`, b),
  },
  listApiKeys: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/api-keys', b) },
  createApiKey: {
    kind: 'own-tenant',
    probe: (api, b) => api.request('POST', '/v1/api-keys', { ...b, body: { name: 'b', scopes: ['verify'] } }),
  },
  getApiKey: { kind: 'resource', probe: (api, b, a) => api.request('GET', `/v1/api-keys/${a.keyId}`, b) },
  revokeApiKey: {
    kind: 'resource',
    probe: (api, b, a) => api.request('POST', `/v1/api-keys/${a.keyId}/revoke`, b),
  },
  rotateApiKey: {
    kind: 'resource',
    probe: (api, b, a) => api.request('POST', `/v1/api-keys/${a.keyId}/rotate`, { ...b, body: {} }),
  },
  listAuditLog: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/audit-log?limit=100', b) },
  submitEvents: {
    kind: 'own-tenant',
    probe: (api, b) =>
      api.request('POST', '/v1/events', { ...b, body: { events: [{ digest: ZERO_DIGEST }] } }),
  },
  getEvent: { kind: 'resource', probe: (api, b, a) => api.request('GET', `/v1/events/${a.eventId}`, b) },
  getEventProof: {
    kind: 'resource',
    probe: (api, b, a) => api.request('GET', `/v1/events/${a.eventId}/proof`, b),
  },
  registerSubmitterKey: {
    kind: 'own-tenant',
    probe: (api, b) =>
      api.request('POST', '/v1/submitter-keys', {
        ...b,
        body: { name: 'b', publicKey: ed25519PublicKeyHex() },
      }),
  },
  listSubmitterKeys: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/submitter-keys', b) },
  revokeSubmitterKey: {
    kind: 'resource',
    probe: (api, b, a) => api.request('POST', `/v1/submitter-keys/${a.submitterKeyId}/revoke`, b),
  },
  listBatches: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/batches?limit=100', b) },
  getBatch: { kind: 'resource', probe: (api, b, a) => api.request('GET', `/v1/batches/${a.batchId}`, b) },
  verifyProof: {
    kind: 'own-tenant',
    probe: (api, b) => api.request('POST', '/v1/proofs/verify', { ...b, body: { proof: 'not a proof' } }),
  },
  requestProof: {
    kind: 'own-tenant',
    probe: (api, b) =>
      api.request('POST', '/v1/proofs', {
        ...b,
        body: { chainId: 0, requestKey: requestKey(), targetChainId: 1 },
      }),
  },
  getProof: { kind: 'resource', probe: (api, b, a) => api.request('GET', `/v1/proofs/${a.proofId}`, b) },
  getProofBundle: {
    kind: 'resource',
    probe: (api, b, a) => api.request('GET', `/v1/proofs/${a.proofId}/bundle`, b),
  },
  getProofProvenance: {
    kind: 'resource',
    probe: (api, b, a) => api.request('GET', `/v1/provenance/${a.proofId}`, b),
  },
  listProvenanceCheckpoints: {
    kind: 'list',
    probe: (api, b) => api.request('GET', '/v1/provenance/checkpoints', b),
  },
  getProvenanceConsistency: {
    kind: 'resource',
    probe: (api, b) => api.request('GET', '/v1/provenance/consistency?from=1&to=2', b),
  },
  getRetentionPolicy: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/tenant/retention', b) },
  updateRetentionPolicy: {
    kind: 'own-tenant',
    probe: (api, b) => api.request('PUT', '/v1/tenant/retention', { ...b, body: { archiveYears: 3 } }),
  },
  createWatch: {
    kind: 'own-tenant',
    probe: (api, b) =>
      api.request('POST', '/v1/watches', { ...b, body: { chainId: 0, requestKey: requestKey() } }),
  },
  listWatches: { kind: 'list', probe: (api, b) => api.request('GET', '/v1/watches', b) },
  getWatch: { kind: 'resource', probe: (api, b, a) => api.request('GET', `/v1/watches/${a.watchId}`, b) },
  cancelWatch: {
    kind: 'resource',
    probe: (api, b, a) => api.request('DELETE', `/v1/watches/${a.watchId}`, b),
  },
};

const GRAPHQL_MATRIX: Record<
  string,
  { kind: 'resource' | 'list' | 'own-tenant'; query: (a: TenantA) => string }
> = {
  viewer: { kind: 'list', query: () => '{ viewer { tenantId userId apiKeyId } }' },
  tenant: { kind: 'list', query: () => '{ tenant { id name slug } }' },
  members: { kind: 'list', query: () => '{ members { userId email } }' },
  member: { kind: 'resource', query: (a) => `{ member(userId: "${a.member.userId}") { userId } }` },
  invitations: { kind: 'list', query: () => '{ invitations { id email } }' },
  apiKeys: { kind: 'list', query: () => '{ apiKeys(first: 100) { items { id name start } } }' },
  apiKey: { kind: 'resource', query: (a) => `{ apiKey(id: "${a.keyId}") { id } }` },
  auditLog: {
    kind: 'list',
    query: () => '{ auditLog(first: 100) { items { id actorId targetId metadataJson } } }',
  },
  updateTenant: { kind: 'own-tenant', query: () => 'mutation { updateTenant(name: "B again") { id } }' },
  inviteMember: {
    kind: 'own-tenant',
    query: () => `mutation { inviteMember(email: "${uniqueEmail('gql')}", role: "viewer") { id } }`,
  },
  changeMemberRole: {
    kind: 'resource',
    query: (a) => `mutation { changeMemberRole(userId: "${a.member.userId}", role: "viewer") { userId } }`,
  },
  removeMember: { kind: 'resource', query: (a) => `mutation { removeMember(userId: "${a.member.userId}") }` },
  revokeInvitation: {
    kind: 'resource',
    query: (a) => `mutation { revokeInvitation(id: "${a.invitationId}") { id } }`,
  },
  createApiKey: {
    kind: 'own-tenant',
    query: () => 'mutation { createApiKey(input: { name: "g", scopes: ["verify"] }) { id } }',
  },
  revokeApiKey: { kind: 'resource', query: (a) => `mutation { revokeApiKey(id: "${a.keyId}") { id } }` },
  rotateApiKey: { kind: 'resource', query: (a) => `mutation { rotateApiKey(id: "${a.keyId}") { id } }` },
  event: { kind: 'resource', query: (a) => `{ event(id: "${a.eventId}") { id namespace } }` },
  eventProof: { kind: 'resource', query: (a) => `{ eventProof(id: "${a.eventId}") }` },
  submitEvents: {
    kind: 'own-tenant',
    query: () => `mutation { submitEvents(events: [{ digest: "${ZERO_DIGEST}" }]) { id } }`,
  },
  batch: { kind: 'resource', query: (a) => `{ batch(id: "${a.batchId}") { id namespace } }` },
  batches: { kind: 'list', query: () => '{ batches(first: 100) { items { id namespace } } }' },
  verifyProof: { kind: 'own-tenant', query: () => '{ verifyProof(proof: "not a proof") { valid reason } }' },
  requestProof: {
    kind: 'own-tenant',
    query: () =>
      `mutation { requestProof(input: { chainId: 0, requestKey: "${requestKey()}", targetChainId: 0 }) { id status } }`,
  },
  proof: { kind: 'resource', query: (a) => `{ proof(id: "${a.proofId}") { id status } }` },
  proofBundle: { kind: 'resource', query: (a) => `{ proofBundle(id: "${a.proofId}") }` },
  proofProvenance: {
    kind: 'resource',
    query: (a) => `{ proofProvenance(proofId: "${a.proofId}") { proofId } }`,
  },
  provenanceCheckpoints: { kind: 'list', query: () => '{ provenanceCheckpoints { treeSize rootHash } }' },
  retentionPolicy: { kind: 'list', query: () => '{ retentionPolicy { hotTtlDays archiveYears legalHold } }' },
  updateRetentionPolicy: {
    kind: 'own-tenant',
    query: () => 'mutation { updateRetentionPolicy(input: { archiveYears: 4 }) { archiveYears } }',
  },
  createWatch: {
    kind: 'own-tenant',
    query: () =>
      `mutation { createWatch(input: { chainId: 0, requestKey: "${requestKey()}" }) { id status } }`,
  },
  watch: { kind: 'resource', query: (a) => `{ watch(id: "${a.watchId}") { id } }` },
  watches: { kind: 'list', query: () => '{ watches { id requestKey } }' },
  cancelWatch: { kind: 'resource', query: (a) => `mutation { cancelWatch(id: "${a.watchId}") { id } }` },
};

describe('tenant isolation matrix', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let a: TenantA;
  let b: Session;
  let bKey: string;
  let aSecrets: string[];

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    // The matrix sends more requests as one tenant than the free plan's burst: raise it in this database.
    const plans = new pg.Client({ connectionString: env.database.url });
    await plans.connect();
    await plans.query(`UPDATE plans SET burst = 100000, requests_per_minute = 100000 WHERE code = 'free'`);
    await plans.end();
    api = await env.start();
    const owner = await signUp(api, 'tenant-a', 'Tenant A');
    const member = await addMember(api, owner, 'developer', 'a-member');
    const key = await createKey(api, owner, ['proofs:read', 'audit:read'], 'a-key');
    const invitation = await api.request('POST', '/v1/tenant/members', {
      token: owner.accessToken,
      body: { email: uniqueEmail('a-invitee'), role: 'viewer' },
    });
    const event = await api.request('POST', '/v1/events', {
      token: owner.accessToken,
      body: { events: [{ digest: 'ab'.repeat(32), namespace: 'a-namespace' }] },
    });
    const submitterKey = await api.request('POST', '/v1/submitter-keys', {
      token: owner.accessToken,
      body: { name: 'a-submitter', publicKey: ed25519PublicKeyHex() },
    });
    // Batches are written by the worker only: seed one for A directly.
    const batchId = randomUUID();
    const db = new pg.Client({ connectionString: env.database.url });
    await db.connect();
    await db.query(
      `INSERT INTO batches (id, tenant_id, namespace, network, chain_id, updated_at) VALUES ($1, $2, 'a-namespace', 'development', 0, now())`,
      [batchId, owner.tenantId],
    );
    const webhook = await api.request('POST', '/v1/webhooks', {
      token: owner.accessToken,
      body: { url: 'https://a.example/hook' },
    });
    const deliveryId = randomUUID();
    await db.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_type, dedup_key, payload) VALUES ($1, $2, $3, 'batch.confirmed', 'a-dedup', '{}')`,
      [deliveryId, owner.tenantId, webhook.body.id],
    );
    await db.end();
    const proof = await api.request('POST', '/v1/proofs', {
      token: owner.accessToken,
      body: { chainId: 0, requestKey: requestKey(), targetChainId: 1 },
    });
    const watch = await api.request('POST', '/v1/watches', {
      token: owner.accessToken,
      body: { chainId: 2, requestKey: requestKey() },
    });
    a = {
      owner,
      member,
      keyId: key.id,
      key: key.key,
      invitationId: invitation.body.id,
      eventId: event.body.events[0].id,
      submitterKeyId: submitterKey.body.id,
      batchId,
      webhookId: webhook.body.id,
      deliveryId,
      proofId: proof.body.id,
      watchId: watch.body.id,
    };
    aSecrets = [
      owner.tenantId,
      owner.userId,
      owner.email,
      member.userId,
      member.email,
      key.id,
      invitation.body.id,
      'Tenant A',
      a.eventId,
      a.submitterKeyId,
      batchId,
      'a-namespace',
      a.proofId,
      a.webhookId,
      a.deliveryId,
      'https://a.example/hook',
      a.watchId,
    ];
    b = await signUp(api, 'tenant-b', 'Tenant B');
    bKey = (
      await api.request('POST', '/v1/api-keys', {
        token: b.accessToken,
        body: {
          name: 'b-all',
          scopes: [
            'proofs:read',
            'proofs:write',
            'events:write',
            'batches:read',
            'batches:write',
            'verify',
            'audit:read',
            'usage:read',
          ],
        },
      })
    ).body.key;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('covers every REST operation in the OpenAPI document', async () => {
    const document = (await api.request('GET', '/v1/openapi.json')).body;
    const operationIds = Object.values(
      document.paths as Record<string, Record<string, { operationId: string }>>,
    )
      .flatMap((operations) => Object.values(operations))
      .map((operation) => operation.operationId)
      .sort();
    expect(operationIds).toEqual(Object.keys(REST_MATRIX).sort());
  });

  it('covers every GraphQL root field', async () => {
    const introspection = await api.graphql(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
      {},
      b.accessToken,
    );
    const schema = introspection.body.data.__schema;
    const fields = [...schema.queryType.fields, ...schema.mutationType.fields]
      .map((field: { name: string }) => field.name)
      .sort();
    expect(fields).toEqual(Object.keys(GRAPHQL_MATRIX).sort());
  });

  describe.each([
    ['B user session', () => b.accessToken],
    ['B API key', () => bKey],
  ])('REST with %s', (_label, token) => {
    const probes = Object.entries(REST_MATRIX).filter(([, entry]) => entry.kind !== 'public');
    it.each(probes)('%s', async (_operationId, entry) => {
      const response = await entry.probe!(api, { token: token() }, a);
      expect(response.status).not.toBe(429);
      if (entry.kind === 'resource') {
        // A key may be refused earlier (403: user-only route); it must never succeed or reveal.
        expect([403, 404]).toContain(response.status);
        if (token() === b.accessToken) expect(response.status).toBe(404);
      } else if (token() === b.accessToken) {
        // B's owner may do all of these in B's own tenant.
        expect(response.status).toBeLessThan(300);
      } else {
        expect(response.status).toBeLessThan(500);
      }
      for (const secret of aSecrets) expect(response.text).not.toContain(secret);
    });
  });

  describe.each([
    ['B user session', () => b.accessToken],
    ['B API key', () => bKey],
  ])('GraphQL with %s', (_label, token) => {
    it.each(Object.entries(GRAPHQL_MATRIX))('%s', async (_field, entry) => {
      const response = await api.graphql(entry.query(a), {}, token());
      expect(response.status).toBeLessThan(500);
      if (entry.kind === 'resource') {
        const code = response.body.errors?.[0]?.extensions?.code;
        if (token() === b.accessToken) expect(code).toMatch(/not_found$/);
        else
          expect([
            'forbidden',
            'member_not_found',
            'api_key_not_found',
            'invitation_not_found',
            'event_not_found',
            'batch_not_found',
            'proof_not_found',
            'watch_not_found',
            'provenance_not_found',
          ]).toContain(code);
      }
      for (const secret of aSecrets) expect(response.text).not.toContain(secret);
    });
  });

  it('left tenant A untouched', async () => {
    const token = { token: a.owner.accessToken };
    expect((await api.request('GET', '/v1/tenant', token)).body.name).toBe('Tenant A');
    expect((await api.request('GET', `/v1/api-keys/${a.keyId}`, token)).body.status).toBe('active');
    expect((await api.request('GET', '/v1/me', { token: a.key })).status).toBe(200);
    expect((await api.request('GET', `/v1/tenant/members/${a.member.userId}`, token)).body.role).toBe(
      'developer',
    );
    const invitations = (await api.request('GET', '/v1/tenant/invitations', token)).body.items;
    expect(invitations.find((invitation: { id: string }) => invitation.id === a.invitationId).status).toBe(
      'pending',
    );
    expect((await api.request('GET', `/v1/events/${a.eventId}`, token)).body.status).toBe('received');
    expect((await api.request('GET', `/v1/batches/${a.batchId}`, token)).body.status).toBe('open');
    const submitterKeys = (await api.request('GET', '/v1/submitter-keys', token)).body.items;
    expect(submitterKeys.find((entry: { id: string }) => entry.id === a.submitterKeyId).status).toBe(
      'active',
    );
    const webhooks = (await api.request('GET', '/v1/webhooks', token)).body.items;
    expect(webhooks.map((hook: { id: string }) => hook.id)).toContain(a.webhookId);
    const log = (await api.request('GET', '/v1/audit-log?limit=100', token)).body.items;
    expect(log.map((entry: { actorId: string }) => entry.actorId)).not.toContain(b.userId);
  });
});
