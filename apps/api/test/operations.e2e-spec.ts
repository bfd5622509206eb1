import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { signUp } from './support/fixtures';

/** A stand-in chainweb-node answering `/info` like the real one (only what /readyz reads). */
function startChainNode(nodeVersion: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/info') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ nodeVersion, nodeApiVersion: '0.0', nodeChains: ['0', '1'], nodeNumberOfChains: 2 }),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('operations: health, readiness, metrics, OpenAPI, docs', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let s3: S3rver;
  let s3Dir: string;
  let s3Url: string;
  let chain: { server: Server; url: string };

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'spv-api-s3-'));
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'spv-proofs', configs: [] }],
    });
    const address = await s3.run();
    s3Url = `http://127.0.0.1:${address.port}`;
    chain = await startChainNode('development');
    env = await ApiTestEnvironment.create();
    api = await env.start({
      s3: {
        endpoint: s3Url,
        region: 'us-east-1',
        bucket: 'spv-proofs',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        forcePathStyle: true,
      },
      chain: { nodeUrl: chain.url, networkId: 'development' },
    });
  });
  afterAll(async () => {
    await env?.close();
    await s3?.close();
    chain?.server.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  describe('health', () => {
    it('/healthz answers without touching dependencies', async () => {
      const response = await api.request('GET', '/healthz');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('/readyz checks Postgres, Redis, S3 and the chain', async () => {
      const response = await api.request('GET', '/readyz');
      expect(response.status).toBe(200);
      expect(response.body.checks).toEqual({
        postgres: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
        s3: { status: 'up', latencyMs: expect.any(Number) },
        chain: { status: 'up', latencyMs: expect.any(Number) },
      });
    });

    it('/readyz answers 503 naming what is down, without internal detail', async () => {
      const wrongNetwork = await startChainNode('mainnet01');
      const broken = await env.start({
        s3: {
          endpoint: s3Url,
          region: 'us-east-1',
          bucket: 'no-such-bucket',
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          forcePathStyle: true,
        },
        chain: { nodeUrl: wrongNetwork.url, networkId: 'development' },
      });
      try {
        const response = await broken.request('GET', '/readyz');
        expect(response.status).toBe(503);
        expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({
          code: 'service_unavailable',
          checks: {
            postgres: { status: 'up' },
            redis: { status: 'up' },
            s3: { status: 'down', error: 'unavailable' },
            chain: { status: 'down', error: 'unavailable' },
          },
        });
        expect(response.body.detail).toBe('Not ready: s3, chain unavailable.');
        expect(response.text).not.toContain('mainnet01');
      } finally {
        wrongNetwork.server.close();
      }
    });
  });

  describe('metrics', () => {
    it('exposes Prometheus text with route-pattern labels and auth failure counts', async () => {
      const owner = await signUp(api, 'metrics');
      await api.request('GET', `/v1/api-keys/00000000-0000-4000-8000-000000000000`, {
        token: owner.accessToken,
      });
      await api.request('GET', '/v1/me', { token: `spv_test_${'3'.repeat(44)}` });
      const response = await api.request('GET', '/metrics');
      expect(response.status).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
      expect(response.text).toContain(
        'http_request_duration_seconds_count{service="api",method="GET",route="/v1/api-keys/:id",status="404"} 1',
      );
      expect(response.text).toContain('http_request_duration_seconds_bucket');
      expect(response.text).toContain('auth_failures_total{kind="api_key",reason="unknown",service="api"} 1');
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3.1 document generated from the validating zod schemas', async () => {
      const response = await api.request('GET', '/v1/openapi.json');
      expect(response.status).toBe(200);
      const document = response.body;
      expect(document.openapi).toBe('3.1.0');
      const signup = document.paths['/v1/auth/signup'].post;
      expect(signup.requestBody.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/SignupRequest',
      });
      const signupSchema = document.components.schemas.SignupRequest;
      expect(signupSchema.required).toEqual(['email', 'password', 'tenantName']);
      expect(signupSchema.properties.password).toMatchObject({
        type: 'string',
        minLength: 12,
        maxLength: 256,
      });
      expect(signupSchema.additionalProperties).toBe(false);
      expect(document.paths['/v1/api-keys/{id}'].get.parameters).toEqual([
        expect.objectContaining({
          name: 'id',
          in: 'path',
          required: true,
          schema: expect.objectContaining({ format: 'uuid' }),
        }),
      ]);
      expect(document.paths['/v1/api-keys'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
        'limit',
        'cursor',
      ]);
      expect(document.components.schemas.Problem.required).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']),
      );
      expect(document.paths['/v1/audit-log'].get['x-api-key-scope']).toBe('audit:read');
      const codes = document['x-problem-codes'].map((problem: { code: string }) => problem.code);
      expect(codes).toEqual(
        expect.arrayContaining(['malformed_json', 'rate_limited', 'refresh_token_reused', 'last_owner']),
      );
      const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
      for (const ref of refs) {
        const name = ref.split('/').pop()!.replace('"', '');
        expect(document.components.schemas).toHaveProperty(name);
      }
    });

    it('serves a self-contained docs page: no external assets, strict CSP', async () => {
      const response = await api.request('GET', '/docs');
      expect(response.status).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
      expect(response.text).toContain("fetch('/v1/openapi.json')");
      expect(response.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(response.text).not.toMatch(/@import|url\(/);
      expect(String(response.headers['content-security-policy'])).toMatch(
        /default-src 'none'.*script-src 'sha256-/,
      );
    });
  });
});
