import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createTestDatabase,
  deleteKeysWithPrefix,
  DEFAULT_TEST_REDIS_URL,
  type TestDatabase,
} from '@spv-cloud/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
// The end-to-end test composes the whole system: the real API, started in-process exactly as its
// own e2e tests start it (same bootstrap, same test settings), serving the built portal.
import { createApiApp } from '../../api/src/bootstrap/create-api-app';
import { testSettings } from '../../api/test/support/api-test-app';

const CHROMIUM = '/usr/bin/chromium';
const REPO = join(__dirname, '..', '..', '..');
const PORTAL_DIST = join(__dirname, '..', 'dist');
const SCREENSHOTS = join(REPO, 'tmp', 'portal-e2e');

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(
    `portal e2e skipped: ${CHROMIUM} is missing. Install it with \`apt-get install -y chromium\` (Debian) to run this test.\n`,
  );
}
const describeWithChromium = haveChromium ? describe : describe.skip;

describeWithChromium('portal in a real browser against the real API', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let browser: Browser;
  let baseUrl: string;
  const redisKeyPrefix = `spvtest:${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    if (!existsSync(join(PORTAL_DIST, 'index.html'))) {
      throw new Error(
        'apps/portal/dist is missing: run `npm run build` (jest builds it unless SPV_SKIP_BUILD=1).',
      );
    }
    database = await createTestDatabase();
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    ({ app } = await createApiApp(
      testSettings({ databaseUrl: database.url, redisKeyPrefix, portalDir: PORTAL_DIST }),
      { logDestination: discard, collectProcessMetrics: false },
    ));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await deleteKeysWithPrefix(DEFAULT_TEST_REDIS_URL, redisKeyPrefix);
    await database?.drop();
  });

  /** A page that fails the test on any script error or console error (a CSP violation is one). */
  async function openPage(
    viewport = { width: 1280, height: 860 },
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport, colorScheme: 'light' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    return { page, problems };
  }

  it('signs up, creates an API key that works, and revokes it', async () => {
    const { page, problems } = await openPage();
    const email = `e2e-${randomBytes(4).toString('hex')}@example.com`;

    await page.goto(`${baseUrl}/portal/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/login');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });

    await page.getByRole('link', { name: 'Create an organisation' }).click();
    await page.getByLabel('Organisation name').fill('Acme Anchors');
    await page.getByLabel('Work e-mail').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create organisation' }).click();

    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('.tenant-name', { hasText: 'Acme Anchors' }).waitFor();
    await page.getByRole('region', { name: 'You' }).getByText('owner').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/api-keys');
    await page.getByText('No API keys yet.').waitFor();

    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByLabel('Name', { exact: true }).fill('CI deploy');
    await page.getByRole('checkbox', { name: 'proofs:read' }).check();
    await page.getByRole('checkbox', { name: 'verify' }).check();
    await page.getByLabel('Expires').selectOption('90');
    await page.getByRole('button', { name: 'Create key' }).click();

    const secretField = page.getByRole('textbox', { name: 'Your new API key' });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^spv_test_/);
    await page.getByRole('rowheader', { name: 'CI deploy' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'api-key-created.png'), fullPage: true });

    // The key the portal showed authenticates against the API, with the chosen scopes.
    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'api_key', scopes: ['proofs:read', 'verify'] });

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByRole('textbox', { name: 'Your new API key' }).count()).toBe(0);

    // A reload keeps the session (stored tokens) and the page.
    await page.reload();
    await page.getByRole('rowheader', { name: 'CI deploy' }).waitFor();

    await page.getByRole('button', { name: 'Revoke key CI deploy' }).click();
    await page.getByRole('button', { name: 'Revoke now' }).click();
    await page
      .getByRole('row', { name: /CI deploy/ })
      .getByText('revoked')
      .waitFor();
    const afterRevoke = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(afterRevoke.status).toBe(401);

    // The audit log shows what just happened.
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByText('api_key.created').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-log.png'), fullPage: true });

    // Retention: the owner changes how long proofs stay hot; a reload reads it back from the API.
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Retention' }).click();
    await page.getByLabel('Hot storage').selectOption('365');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Retention policy saved.').waitFor();
    await page.reload();
    await page
      .getByRole('region', { name: 'Current policy' })
      .getByText('365 days', { exact: true })
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'retention.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('fits a phone screen: the navigation becomes a menu', async () => {
    const { page, problems } = await openPage({ width: 390, height: 844 });
    const email = `e2e-phone-${randomBytes(4).toString('hex')}@example.com`;
    await page.goto(`${baseUrl}/portal/signup`);
    await page.getByLabel('Organisation name').fill('Pocket Proofs');
    await page.getByLabel('Work e-mail').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Primary' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('rowheader', { name: new RegExp(email) }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'members-phone.png'), fullPage: true });
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('serves in-app routes, assets and the API from one origin', async () => {
    const deepLink = await fetch(`${baseUrl}/portal/audit-log`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await deepLink.text();
    const asset = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${baseUrl}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${baseUrl}/portal/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
