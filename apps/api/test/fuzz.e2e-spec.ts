import fc from 'fast-check';
import pg from 'pg';
import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { createKey, signUp, type Session } from './support/fixtures';

/**
 * Property: nothing a client sends yields a 5xx, and every error is a problem document. Runs over
 * every operation of the OpenAPI document (so new routes are fuzzed automatically) and GraphQL.
 */
interface Operation {
  readonly method: string;
  readonly path: string;
}

const hugeString = fc.integer({ min: 70_000, max: 90_000 }).map((length) => 'x'.repeat(length));
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '💥'.repeat(50),
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    'null',
  ),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
const idLike = fc.oneof(
  fc.uuid(),
  nastyString,
  fc.integer().map(String),
  fc.constant('00000000-0000-0000-0000-000000000000'),
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'tenantName',
      'name',
      'scopes',
      'expiresAt',
      'role',
      'settings',
      'refreshToken',
      'token',
      'gracePeriodSeconds',
      'tenantId',
      '__proto__',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.record({
    email: nastyString,
    password: nastyString,
    tenantName: nastyString,
    name: nastyString,
    scopes: fc.array(nastyString, { maxLength: 5 }),
    role: nastyString,
    expiresAt: nastyString,
  }),
);
const body = fc.oneof(
  jsonValue.map((value) => ({ raw: JSON.stringify(value) ?? 'null', contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/json' })),
  fc
    .constantFrom(
      '{',
      '{"a":',
      '[1,2',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '\uFEFF{}',
      'null',
      'true',
      '1e999',
    )
    .map((raw) => ({ raw, contentType: 'application/json' })),
  hugeString.map((text) => ({
    raw: JSON.stringify({ name: text, email: text, password: text }),
    contentType: 'application/json',
  })),
  nastyString.map((raw) => ({ raw, contentType: 'text/plain' })),
  fc.constant(undefined),
);
const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'action', 'x', '__proto__'), nastyString, {
  maxKeys: 3,
});

describe('fuzz: no 5xx from any input', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let operations: Operation[];
  let owner: Session;
  let key: string;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
    owner = await signUp(api, 'fuzz');
    key = (await createKey(api, owner, ['proofs:read', 'audit:read'])).key;
    // Enterprise limits, so the fuzzer explores handlers rather than the 429 path.
    const client = new pg.Client({ connectionString: env.database.url });
    await client.connect();
    await client.query(`UPDATE tenants SET plan_code = 'enterprise' WHERE id = $1`, [owner.tenantId]);
    await client.end();
    const document = (await api.request('GET', '/v1/openapi.json')).body;
    operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(15);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('REST: every operation, malformed JSON, wrong types, huge and unicode strings, invalid ids', async () => {
    const tokens = fc.constantFrom<string | undefined>(
      undefined,
      'garbage',
      `spv_test_${'1'.repeat(44)}`,
      'owner',
      'key',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000 }),
        idLike,
        query,
        body,
        tokens,
        async (index, id, params, payload, tokenChoice) => {
          const operation = operations[index % operations.length]!;
          const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          const search = new URLSearchParams(params).toString();
          const token =
            tokenChoice === 'owner' ? owner.accessToken : tokenChoice === 'key' ? key : tokenChoice;
          const response = await api.request(operation.method, search ? `${path}?${search}` : path, {
            ...(token ? { token } : {}),
            ...(payload ? { rawBody: payload.raw, contentType: payload.contentType } : {}),
          });
          if (response.status >= 500) {
            throw new Error(
              `${operation.method} ${path} → ${response.status} ${response.text.slice(0, 300)}`,
            );
          }
          if (response.status >= 400) {
            expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
            expect(response.body).toMatchObject({
              code: expect.any(String),
              status: response.status,
              requestId: expect.any(String),
            });
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('GraphQL: random documents and variables', async () => {
    const documents = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        'query($id: ID!) { apiKey(id: $id) { id } }',
        'query($n: Int) { apiKeys(first: $n) { items { id } } }',
        'query($a: String) { auditLog(after: $a) { nextCursor } }',
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { id } }',
        'mutation($u: ID!, $r: String!) { changeMemberRole(userId: $u, role: $r) { role } }',
        'mutation($e: String!, $r: String!) { inviteMember(email: $e, role: $r) { id } }',
        'mutation($n: String!) { updateTenant(name: $n) { name } }',
        '{ __typename }',
      ),
    );
    const variables = fc.record({
      id: idLike,
      n: fc.oneof(fc.integer(), nastyString),
      a: nastyString,
      u: idLike,
      r: nastyString,
      e: nastyString,
      i: jsonValue,
    });
    await fc.assert(
      fc.asyncProperty(documents, variables, fc.boolean(), async (document, vars, authenticated) => {
        const response = await api.graphql(document, vars, authenticated ? owner.accessToken : undefined);
        if (response.status >= 500)
          throw new Error(`graphql → ${response.status} ${response.text.slice(0, 300)}`);
        for (const error of response.body?.errors ?? []) {
          expect(error.extensions.code).not.toBe('internal_error');
        }
      }),
      { numRuns: 300 },
    );
  });
});
