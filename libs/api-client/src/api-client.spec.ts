import { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { API_KEY_SCOPES, MEMBER_ROLES } from './api-vocabulary';
import type { AuthSession } from './generated/openapi-types';
import { MemorySessionStore, type Session, type SessionStore } from './session';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (call: Call) => Response | Promise<Response>;

/** A fetch that records every call and answers from a queue of responders, in order. */
function scriptedFetch(...responders: Responder[]) {
  const calls: Call[] = [];
  const fetchImpl = jest.fn(async (input: string, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: input,
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const responder = responders.shift();
    if (!responder) throw new Error(`unexpected call ${call.method} ${call.url}`);
    return responder(call);
  });
  return { fetch: fetchImpl as unknown as typeof fetch, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
const problem = (
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  json(
    status,
    {
      type: `https://spv.cloud/problems/${code}`,
      title: code,
      status,
      detail: `detail of ${code}`,
      code,
      requestId: 'req-1',
      ...extra,
    },
    { 'content-type': 'application/problem+json', 'x-request-id': 'req-1', ...headers },
  );

const USER = { id: '11111111-1111-4111-8111-111111111111', email: 'ada@example.com' };
const TENANT = { id: '22222222-2222-4222-8222-222222222222', name: 'Acme' };
function auth(n: number, expiresIn = 900): AuthSession {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn, user: USER, tenant: TENANT };
}
function session(n: number, accessTokenExpiresAt: number): Session {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    accessTokenExpiresAt,
    user: USER,
    tenant: TENANT,
  };
}

const NOW = 1_800_000_000_000;
const now = () => NOW;

describe('ApiClient requests', () => {
  it('fills path parameters, encodes the query and sends JSON with the access token', async () => {
    const { fetch, calls } = scriptedFetch(
      json(201, { id: 'new' }),
      json(200, { items: [], nextCursor: null }),
    );
    const client = new ApiClient({
      baseUrl: 'https://api.example.test/',
      fetch,
      now,
      sessionStore: new MemorySessionStore(session(1, NOW + 600_000)),
    });

    await client.rotateApiKey('a/b c', 3600);
    await client.listAuditLog({ limit: 25, cursor: 'x+y', action: undefined });

    expect(calls[0]).toEqual({
      method: 'POST',
      url: 'https://api.example.test/v1/api-keys/a%2Fb%20c/rotate',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: 'Bearer access-1',
      },
      body: { gracePeriodSeconds: 3600 },
    });
    expect(calls[1]!.url).toBe('https://api.example.test/v1/audit-log?limit=25&cursor=x%2By');
    expect(calls[1]!.headers).not.toHaveProperty('content-type');
  });

  it('sends no credentials to public operations', async () => {
    const { fetch, calls } = scriptedFetch(json(200, auth(1)));
    const client = new ApiClient({
      fetch,
      now,
      sessionStore: new MemorySessionStore(session(9, NOW + 600_000)),
    });
    await client.login({ email: USER.email, password: 'pw' });
    expect(calls[0]!.url).toBe('/v1/auth/login');
    expect(calls[0]!.headers).not.toHaveProperty('authorization');
  });

  it('turns a problem document into an ApiError with its fields and Retry-After', async () => {
    const { fetch } = scriptedFetch(
      problem(400, 'validation_failed', {
        invalidParams: [{ name: 'body.name', reason: 'must not be empty' }],
      }),
      problem(429, 'rate_limited', {}, { 'retry-after': '7' }),
    );
    const client = new ApiClient({ fetch, now, apiKey: 'spv_test_abc' });

    const invalid = await client
      .createApiKey({ name: '', scopes: ['verify'] })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ApiError);
    expect(invalid).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'detail of validation_failed',
      requestId: 'req-1',
      invalidParams: [{ name: 'body.name', reason: 'must not be empty' }],
      retryAfterSeconds: undefined,
    });
    await expect(client.whoAmI()).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryAfterSeconds: 7,
    });
  });

  it('reports network failures, non-JSON and non-problem answers with its own codes', async () => {
    const { fetch } = scriptedFetch(
      () => Promise.reject(new TypeError('fetch failed')),
      () => new Response('<html>bad gateway</html>', { status: 502 }),
      json(500, { message: 'no problem document' }),
    );
    const client = new ApiClient({ fetch, now, apiKey: 'spv_test_abc' });
    await expect(client.getTenant()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    await expect(client.getTenant()).rejects.toMatchObject({ status: 502, code: 'unexpected_response' });
    await expect(client.getTenant()).rejects.toMatchObject({ status: 500, code: 'unexpected_response' });
  });

  it('answers undefined for 204 and authenticates API-key clients with the key, never refreshing', async () => {
    const { fetch, calls } = scriptedFetch(
      () => new Response(null, { status: 204 }),
      problem(401, 'unauthenticated'),
    );
    const client = new ApiClient({ fetch, now, apiKey: 'spv_test_abc' });
    await expect(client.removeMember(USER.id)).resolves.toBeUndefined();
    await expect(client.whoAmI()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer spv_test_abc',
      'Bearer spv_test_abc',
    ]);
    expect(client.session).toBeNull();
  });

  it('refuses a protected call without a session, without calling the API', async () => {
    const { fetch, calls } = scriptedFetch();
    const client = new ApiClient({ fetch, now });
    await expect(client.listMembers()).rejects.toMatchObject({ status: 401, code: 'not_signed_in' });
    expect(calls).toHaveLength(0);
  });

  it('requires every path parameter', async () => {
    const { fetch } = scriptedFetch();
    const client = new ApiClient({ fetch, now, apiKey: 'k' });
    await expect(client.revokeApiKey('')).rejects.toThrow('path parameter id is required');
  });
});

describe('ApiClient sessions', () => {
  it('keeps the session it signs up with and tells listeners', async () => {
    const { fetch } = scriptedFetch(json(201, auth(1, 300)));
    const store = new MemorySessionStore();
    const client = new ApiClient({ fetch, now, sessionStore: store });
    const seen: (Session | null)[] = [];
    client.onSessionChange((next) => seen.push(next));

    const opened = await client.signup({
      email: USER.email,
      password: 'correct horse battery',
      tenantName: 'Acme',
    });

    expect(opened).toEqual(session(1, NOW + 300_000));
    expect(store.load()).toEqual(opened);
    expect(seen).toEqual([opened]);
  });

  it('refreshes shortly before the access token expires and stores the rotated pair', async () => {
    const { fetch, calls } = scriptedFetch(json(200, auth(2)), json(200, { id: TENANT.id }));
    const store = new MemorySessionStore(session(1, NOW + 10_000)); // inside the 30 s margin
    const client = new ApiClient({ fetch, now, sessionStore: store });

    await client.getTenant();

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST /v1/auth/refresh',
      'GET /v1/tenant',
    ]);
    expect(calls[0]!.body).toEqual({ refreshToken: 'refresh-1' });
    expect(calls[1]!.headers.authorization).toBe('Bearer access-2');
    expect(store.load()).toEqual(session(2, NOW + 900_000));
  });

  it('renews once after a 401 and retries; concurrent 401s share one refresh', async () => {
    const { fetch, calls } = scriptedFetch(
      problem(401, 'unauthenticated'),
      problem(401, 'unauthenticated'),
      json(200, auth(2)),
      json(200, { items: [] }),
      json(200, { items: [] }),
    );
    const store = new MemorySessionStore(session(1, NOW + 600_000));
    const client = new ApiClient({ fetch, now, sessionStore: store });

    const [members, invitations] = await Promise.all([client.listMembers(), client.listInvitations()]);

    expect(members).toEqual({ items: [] });
    expect(invitations).toEqual({ items: [] });
    expect(calls.filter((call) => call.url === '/v1/auth/refresh')).toHaveLength(1);
    expect(calls.slice(3).map((call) => call.headers.authorization)).toEqual([
      'Bearer access-2',
      'Bearer access-2',
    ]);
  });

  it('ends the session when the refresh token is rejected', async () => {
    const { fetch } = scriptedFetch(problem(401, 'unauthenticated'), problem(401, 'refresh_token_reused'));
    const store = new MemorySessionStore(session(1, NOW + 600_000));
    const client = new ApiClient({ fetch, now, sessionStore: store });
    const seen: (Session | null)[] = [];
    client.onSessionChange((next) => seen.push(next));

    await expect(client.whoAmI()).rejects.toMatchObject({ status: 401, code: 'not_signed_in' });
    expect(store.load()).toBeNull();
    expect(seen).toEqual([null]);
  });

  it('keeps the session when the refresh fails for a network reason', async () => {
    const { fetch } = scriptedFetch(() => Promise.reject(new TypeError('offline')));
    const store = new MemorySessionStore(session(1, NOW - 1));
    const client = new ApiClient({ fetch, now, sessionStore: store });
    await expect(client.whoAmI()).rejects.toMatchObject({ code: 'network_error' });
    expect(store.load()).toEqual(session(1, NOW - 1));
  });

  it('uses a session another holder of the store refreshed instead of spending a used token', async () => {
    const { fetch, calls } = scriptedFetch(problem(401, 'unauthenticated'), json(200, { kind: 'user' }));
    const stale = session(1, NOW + 600_000);
    let stored: Session | null = stale;
    let locked = 0;
    const store: SessionStore = {
      load: () => stored,
      save: (next) => (stored = next),
      exclusive: <T>(task: () => Promise<T>) => {
        locked++;
        stored = session(2, NOW + 900_000); // another tab refreshed while this one waited for the lock
        return task();
      },
    };
    const client = new ApiClient({ fetch, now, sessionStore: store });

    await client.whoAmI();

    expect(locked).toBe(1);
    expect(calls.map((call) => `${call.url} ${call.headers.authorization}`)).toEqual([
      '/v1/me Bearer access-1',
      '/v1/me Bearer access-2',
    ]);
  });

  it('logs out on the server with the refresh token and forgets the session even if that fails', async () => {
    const { fetch, calls } = scriptedFetch(
      () => new Response(null, { status: 204 }),
      () => Promise.reject(new TypeError('offline')),
    );
    const store = new MemorySessionStore(session(1, NOW + 600_000));
    const client = new ApiClient({ fetch, now, sessionStore: store });

    await client.logout();
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/v1/auth/logout',
      body: { refreshToken: 'refresh-1' },
    });
    expect(store.load()).toBeNull();

    store.save(session(2, NOW + 600_000));
    await expect(client.logout()).resolves.toBeUndefined();
    expect(store.load()).toBeNull();
  });
});

describe('API vocabulary', () => {
  it('lists every scope and role of the document once', () => {
    expect(new Set(API_KEY_SCOPES).size).toBe(API_KEY_SCOPES.length);
    expect(MEMBER_ROLES).toEqual(['owner', 'admin', 'developer', 'finance', 'viewer']);
  });
});
