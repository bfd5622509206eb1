import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { expectProblem, signUp, type Session } from './support/fixtures';

describe('one error shape (REST problem+json, GraphQL extensions.code)', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let owner: Session;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start({ bodyLimitBytes: 4096, logLevel: 'debug' });
    owner = await signUp(api, 'errors');
  });
  afterAll(async () => {
    await env?.close();
  });

  describe('request bodies', () => {
    it('answers malformed JSON with 400 malformed_json', async () => {
      const response = await api.request('POST', '/v1/auth/login', { rawBody: '{"email":' });
      expectProblem(response, 400, 'malformed_json');
    });

    it('answers an empty JSON body with 400 malformed_json', async () => {
      const response = await api.request('POST', '/v1/auth/login', { rawBody: '' });
      expectProblem(response, 400, 'malformed_json');
    });

    it('refuses prototype-poisoning JSON as malformed', async () => {
      const response = await api.request('POST', '/v1/auth/login', {
        rawBody: '{"email":"a@b.co","password":"x","__proto__":{"admin":true}}',
      });
      expect(response.status).toBe(400);
      expect(['malformed_json', 'validation_failed']).toContain(response.body.code);
    });

    it('answers a non-JSON body with 415 unsupported_media_type', async () => {
      const response = await api.request('POST', '/v1/auth/login', {
        rawBody: 'email=a',
        contentType: 'text/plain',
      });
      expectProblem(response, 415, 'unsupported_media_type');
    });

    it('answers a body over the limit with 413 payload_too_large', async () => {
      const response = await api.request('POST', '/v1/auth/login', {
        body: { email: 'a@b.co', password: 'x'.repeat(10_000) },
      });
      expectProblem(response, 413, 'payload_too_large');
      expect(response.body.detail).toContain('4096');
    });

    it('names every invalid field', async () => {
      const response = await api.request('POST', '/v1/auth/signup', {
        body: { email: 'not-an-email', password: 'short', tenantName: '', extra: 1 },
      });
      expectProblem(response, 400, 'validation_failed');
      const names = response.body.invalidParams.map((param: { name: string }) => param.name);
      expect(names).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.tenantName']));
      expect(JSON.stringify(response.body.invalidParams)).toContain('extra');
    });

    it('names invalid path and query parameters', async () => {
      const path = await api.request('GET', '/v1/api-keys/not-a-uuid', { token: owner.accessToken });
      expectProblem(path, 400, 'validation_failed');
      expect(path.body.invalidParams[0].name).toBe('path.id');
      const query = await api.request('GET', '/v1/api-keys?limit=1000', { token: owner.accessToken });
      expectProblem(query, 400, 'validation_failed');
      expect(query.body.invalidParams[0].name).toBe('query.limit');
      const cursor = await api.request('GET', '/v1/api-keys?cursor=bogus', { token: owner.accessToken });
      expectProblem(cursor, 400, 'validation_failed');
      expect(cursor.body.invalidParams[0].name).toBe('query.cursor');
    });
  });

  describe('routing and credentials', () => {
    it('answers unknown routes with 404 not_found', async () => {
      expectProblem(await api.request('GET', '/v1/nope'), 404, 'not_found');
      expectProblem(await api.request('DELETE', '/v1/tenant/nothing/here'), 404, 'not_found');
    });

    it('answers missing, malformed and forged credentials with 401 unauthenticated', async () => {
      expectProblem(await api.request('GET', '/v1/me'), 401, 'unauthenticated');
      expectProblem(
        await api.request('GET', '/v1/me', { headers: { authorization: 'Basic abc' } }),
        401,
        'unauthenticated',
      );
      expectProblem(
        await api.request('GET', '/v1/me', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }),
        401,
        'unauthenticated',
      );
      const [header, payload] = owner.accessToken.split('.');
      const tampered = `${header}.${payload}.${'A'.repeat(43)}`;
      expectProblem(await api.request('GET', '/v1/me', { token: tampered }), 401, 'unauthenticated');
    });

    it('echoes the request id in header and body, and keeps a sane caller-supplied one', async () => {
      const generated = await api.request('GET', '/v1/me');
      expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
      const supplied = await api.request('GET', '/v1/me', {
        headers: { 'x-request-id': 'trace-0123456789' },
      });
      expect(supplied.body.requestId).toBe('trace-0123456789');
      const hostile = await api.request('GET', '/v1/me', {
        headers: { 'x-request-id': 'bad id\u0000<script>' },
      });
      expect(hostile.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('GraphQL', () => {
    it('puts the same codes in extensions.code', async () => {
      const unauthenticated = await api.graphql('{ tenant { id } }');
      expect(unauthenticated.body.errors[0].extensions.code).toBe('unauthenticated');
      expect(unauthenticated.body.errors[0].extensions.requestId).toBe(
        unauthenticated.headers['x-request-id'],
      );

      const syntax = await api.graphql('{ tenant { id ', {}, owner.accessToken);
      expect(syntax.body.errors[0].extensions.code).toBe('malformed_graphql');

      const unknownField = await api.graphql('{ tenant { nope } }', {}, owner.accessToken);
      expect(unknownField.body.errors[0].extensions.code).toBe('validation_failed');

      const invalidArg = await api.graphql('{ apiKey(id: "not-a-uuid") { id } }', {}, owner.accessToken);
      expect(invalidArg.body.errors[0].extensions.code).toBe('validation_failed');
      expect(invalidArg.body.errors[0].extensions.invalidParams[0].name).toBe('args.id');

      const wrongVariableType = await api.graphql(
        'query($n: Int) { apiKeys(first: $n) { nextCursor } }',
        { n: 'x' },
        owner.accessToken,
      );
      expect(wrongVariableType.body.errors[0].extensions.code).toBe('validation_failed');
    });

    it('never leaks stack traces or internal messages', async () => {
      const response = await api.graphql(
        '{ apiKey(id: "00000000-0000-4000-8000-000000000000") { id } }',
        {},
        owner.accessToken,
      );
      expect(response.body.errors[0].extensions.code).toBe('api_key_not_found');
      expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|at .*\.ts:/);
    });
  });

  describe('logs', () => {
    it('writes requestId and tenantId on every line of an authenticated request', async () => {
      const response = await api.request('GET', '/v1/tenant', { token: owner.accessToken });
      expect(response.status).toBe(200);
      const lines = api.logs.lines().filter((line) => line.requestId === response.headers['x-request-id']);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.tenantId).toBe(owner.tenantId);
      const completed = lines.find((line) => line.msg === 'request completed');
      expect(completed).toMatchObject({ route: '/v1/tenant', status: 200, method: 'GET' });
      for (const line of api.logs.lines()) {
        expect(line).toHaveProperty('requestId');
        expect(line).toHaveProperty('tenantId');
      }
    });

    it('logs failed requests at info and successful ones at debug', async () => {
      const failed = await api.request('GET', '/v1/me');
      const completed = api.logs
        .lines()
        .find(
          (line) => line.requestId === failed.headers['x-request-id'] && line.msg === 'request completed',
        );
      expect(completed).toMatchObject({ level: 'info', status: 401, route: '/v1/me' });
      const ok = await api.request('GET', '/healthz');
      const okLine = api.logs
        .lines()
        .find((line) => line.requestId === ok.headers['x-request-id'] && line.msg === 'request completed');
      expect(okLine).toMatchObject({ level: 'debug', status: 200 });
    });

    it('never logs secrets', () => {
      const text = JSON.stringify(api.logs.lines());
      expect(text).not.toContain(owner.accessToken);
      expect(text).not.toContain(owner.refreshToken);
    });
  });
});
