import { QUICK_START_EMAIL, seedQuickStart, type QuickStartState } from './quick-start.mjs';

// A stand-in for the API's auth and API-key endpoints, with the status codes the API documents.
function fakeApi() {
  const users = new Map<string, { password: string; tenantId: string }>();
  const keys = new Map<string, string>(); // key → tenantId
  let sequence = 0;
  let keySequence = 0;
  const calls: string[] = [];
  const session = (email: string) => {
    const user = users.get(email)!;
    return {
      accessToken: `token-${user.tenantId}`,
      refreshToken: 'r',
      expiresIn: 900,
      user: { id: 'u', email },
      tenant: { id: user.tenantId, name: 'Quick start' },
    };
  };
  const fetchImpl = ((url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const auth = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
    calls.push(`${init.method} ${path}`);
    const reply = (status: number, json?: unknown) =>
      Promise.resolve(new Response(json === undefined ? null : JSON.stringify(json), { status }));
    if (path === '/v1/auth/signup') {
      if (users.has(body.email)) return reply(409, { code: 'email_taken' });
      users.set(body.email, {
        password: body.password,
        tenantId: `00000000-0000-7000-8000-00000000000${++sequence}`,
      });
      return reply(201, session(body.email));
    }
    if (path === '/v1/auth/login') {
      const user = users.get(body.email);
      return user && user.password === body.password
        ? reply(200, session(body.email))
        : reply(401, { code: 'invalid_credentials' });
    }
    if (path === '/v1/api-keys') {
      const tenantId = auth?.replace('token-', '');
      if (!tenantId) return reply(401);
      const key = `spv_test_${tenantId}_${++keySequence}`;
      keys.set(key, tenantId);
      return reply(201, { key });
    }
    if (path === '/v1/me') {
      const tenantId = auth ? keys.get(auth) : undefined;
      return tenantId ? reply(200, { tenantId }) : reply(401);
    }
    return reply(404);
  }) as typeof fetch;
  return { fetchImpl, users, keys, calls };
}

function harness(api: ReturnType<typeof fakeApi>) {
  let saved: QuickStartState | null = null;
  let passwords = 0;
  const run = () =>
    seedQuickStart({
      apiUrl: 'http://api.test',
      state: saved,
      fetchImpl: api.fetchImpl,
      saveState: (state) => {
        saved = state;
        return Promise.resolve();
      },
      newPassword: () => `password-number-${++passwords}`,
      newSuffix: () => 'abc123',
    });
  return { run, saved: () => saved, setSaved: (state: QuickStartState | null) => (saved = state) };
}

describe('seedQuickStart', () => {
  it('signs up and creates a key on the first run', async () => {
    const api = fakeApi();
    const { run, saved } = harness(api);
    const result = await run();
    expect(result).toMatchObject({ email: QUICK_START_EMAIL, signedUp: true, keyCreated: true });
    expect(api.keys.get(result.apiKey)).toBe(result.tenantId);
    expect(saved()).toEqual({
      email: result.email,
      password: result.password,
      tenantId: result.tenantId,
      apiKey: result.apiKey,
    });
  });

  it('reuses the saved login and key on the next runs', async () => {
    const api = fakeApi();
    const { run } = harness(api);
    const first = await run();
    api.calls.length = 0;
    const second = await run();
    expect(second).toMatchObject({
      email: first.email,
      apiKey: first.apiKey,
      signedUp: false,
      keyCreated: false,
    });
    expect(api.calls).toEqual(['POST /v1/auth/login', 'GET /v1/me']);
    expect(api.keys.size).toBe(1);
  });

  it('issues a new key when the saved one stopped working', async () => {
    const api = fakeApi();
    const { run } = harness(api);
    const first = await run();
    api.keys.delete(first.apiKey);
    const second = await run();
    expect(second.keyCreated).toBe(true);
    expect(second.apiKey).not.toBe(first.apiKey);
  });

  it('signs up again after the database was reset', async () => {
    const api = fakeApi();
    const { run } = harness(api);
    const first = await run();
    api.users.clear();
    api.keys.clear();
    const second = await run();
    expect(second).toMatchObject({ email: first.email, signedUp: true, keyCreated: true });
    expect(second.tenantId).not.toBe(first.tenantId);
  });

  it('takes another address when the default one belongs to someone else', async () => {
    const api = fakeApi();
    api.users.set(QUICK_START_EMAIL, { password: 'not ours', tenantId: 'other' });
    const { run } = harness(api);
    const result = await run();
    expect(result.email).toBe('admin+abc123@example.com');
  });

  it('reports an API failure with its status and problem code', async () => {
    const failing = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ code: 'internal' }), { status: 500 }),
      )) as unknown as typeof fetch;
    await expect(
      seedQuickStart({
        apiUrl: 'http://api.test',
        state: null,
        fetchImpl: failing,
        saveState: () => Promise.resolve(),
        newPassword: () => 'p'.repeat(16),
        newSuffix: () => 'x',
      }),
    ).rejects.toThrow('POST /v1/auth/signup answered 500 (internal)');
  });
});
