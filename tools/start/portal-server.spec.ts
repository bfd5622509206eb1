import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalServer, staticPath } from './portal-server.mjs';

describe('staticPath', () => {
  it('resolves inside the root and refuses to leave it', () => {
    expect(staticPath('/srv/portal', '/assets/app.js?v=1')).toBe('/srv/portal/assets/app.js');
    expect(staticPath('/srv/portal', '/../etc/passwd')).toBeUndefined();
    expect(staticPath('/srv/portal', '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(staticPath('/srv/portal', '/%E0%A4%A')).toBeUndefined();
    expect(staticPath('/srv/portal', '/a%00b')).toBeUndefined();
  });
});

describe('startPortalServer', () => {
  let dist: string;
  let api: Server;
  let apiUrl: string;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'spv-portal-'));
    await writeFile(join(dist, 'index.html'), '<html>portal</html>');
    await writeFile(join(dist, 'app.js'), 'console.log(1)');
    api = createServer((req, res) => res.end(JSON.stringify({ path: req.url, method: req.method })));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const address = api.address();
    apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => api.close(resolve));
    await rm(dist, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html and forwards API paths', async () => {
    const portal = await startPortalServer({ distDir: dist, port: 0, apiUrl });
    try {
      const port = new URL(portal.url).port;
      expect(port).not.toBe('0');
      const app = await fetch(`${portal.url}/app.js`);
      expect(app.headers.get('content-type')).toMatch(/javascript/);
      await expect(app.text()).resolves.toBe('console.log(1)');
      await expect((await fetch(`${portal.url}/tenants/123`)).text()).resolves.toBe('<html>portal</html>');
      const proxied = await fetch(`${portal.url}/v1/me?x=1`, { method: 'POST', body: '{}' });
      await expect(proxied.json()).resolves.toEqual({ path: '/v1/me?x=1', method: 'POST' });
    } finally {
      await portal.stop();
    }
  });
});
