import send from '@fastify/send';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` puts the portal (apps/portal/dist), from src/ and dist/ alike. */
export const BUILT_PORTAL_DIR = join(__dirname, '..', '..', '..', '..', 'portal', 'dist');

export const PORTAL_PREFIX = '/portal';

// The portal loads only its own bundle and calls only this origin: nothing inline, no frames.
const PORTAL_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

// Vite names every file under assets/ by its content hash: cache those for good, nothing else.
const HASHED_ASSET = /^\/assets\/[^/]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built portal (a single-page app) under /portal: its files, and index.html for every
 * in-app route (`/portal/api-keys`), so a reload or a shared link opens the right page. A missing
 * file (`/portal/x.js`), a dotfile or a path leaving the build is the API's ordinary 404. Files
 * are read per request, so a rebuild is served without a restart. Returns false (and serves
 * nothing) when `distDir` holds no build.
 */
export function registerPortalRoutes(fastify: FastifyInstance, distDir: string): boolean {
  if (!existsSync(join(distDir, 'index.html'))) return false;

  const sendFromDist = async (
    request: FastifyRequest,
    reply: FastifyReply,
    encodedPath: string,
    cacheControl: string,
  ) => {
    // @fastify/send decodes the path, refuses `..` and dotfiles, and answers ETag/304 and ranges.
    const result = await send(request.raw, encodedPath, {
      root: distDir,
      dotfiles: 'ignore',
      index: false,
      cacheControl: false,
    });
    if (result.type !== 'file') return reply.callNotFound();
    return reply
      .code(result.statusCode)
      .headers(result.headers)
      .headers(PORTAL_HEADERS)
      .header('cache-control', cacheControl)
      .send(result.stream);
  };

  // With the router's ignoreTrailingSlash, this also answers /portal/.
  fastify.get(PORTAL_PREFIX, (request, reply) => sendFromDist(request, reply, '/index.html', 'no-cache'));
  fastify.get(`${PORTAL_PREFIX}/*`, (request, reply) => {
    const rawPath = request.url.slice(PORTAL_PREFIX.length).split('?')[0] ?? '/';
    const lastSegment = rawPath.slice(rawPath.lastIndexOf('/') + 1);
    // No extension: an in-app route, not a file.
    if (!lastSegment.includes('.')) return sendFromDist(request, reply, '/index.html', 'no-cache');
    return sendFromDist(request, reply, rawPath, HASHED_ASSET.test(rawPath) ? IMMUTABLE : 'no-cache');
  });
  return true;
}
