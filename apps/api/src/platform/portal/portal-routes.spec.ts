import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPortalRoutes } from './portal-routes';

describe('registerPortalRoutes', () => {
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'spv-portal-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>portal</title>');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(dist, 'robots.txt'), 'User-agent: *');
    await writeFile(join(dist, '.env'), 'SECRET=1');
    await writeFile(join(tmpdir(), 'outside-portal.txt'), 'outside');
    app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    app.setNotFoundHandler((_request, reply) =>
      reply.code(404).type('application/problem+json').send({ code: 'not_found' }),
    );
    expect(registerPortalRoutes(app, dist)).toBe(true);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
    await rm(join(tmpdir(), 'outside-portal.txt'), { force: true });
  });

  it('answers index.html at /portal, /portal/ and every in-app route, uncached, with a strict CSP', async () => {
    for (const url of [
      '/portal',
      '/portal/',
      '/portal/api-keys',
      '/portal/members/x?next=1',
      '/portal/accept-invitation',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode, body: response.body }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><title>portal</title>',
      });
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves hashed assets as immutable and other files uncached', async () => {
    const asset = await app.inject({ method: 'GET', url: '/portal/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await app.inject({ method: 'GET', url: '/portal/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['cache-control']).toBe('no-cache');
    const head = await app.inject({ method: 'HEAD', url: '/portal/assets/index-abc123.js' });
    expect(head.statusCode).toBe(200);
    const revalidated = await app.inject({
      method: 'GET',
      url: '/portal/assets/index-abc123.js',
      headers: { 'if-none-match': String(asset.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('answers the 404 handler for missing files, dotfiles and paths outside the build', async () => {
    for (const url of [
      '/portal/assets/missing.js',
      '/portal/.env',
      '/portal/../outside-portal.txt',
      '/portal/%2e%2e/outside-portal.txt',
      '/portal/assets/..%2f..%2foutside-portal.txt',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode, body: response.body }).toEqual({
        url,
        status: 404,
        body: '{"code":"not_found"}',
      });
    }
  });

  it('serves nothing when the portal is not built', async () => {
    const bare = Fastify();
    expect(registerPortalRoutes(bare, join(dist, 'missing'))).toBe(false);
    await bare.ready();
    expect((await bare.inject({ method: 'GET', url: '/portal/' })).statusCode).toBe(404);
    await bare.close();
  });
});
