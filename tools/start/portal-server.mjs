// Serves the built portal (apps/portal/dist) and forwards API paths to the API, so the portal and
// the API share one origin in local development.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const API_PATHS = /^\/(v1\/|v1$|graphql|healthz|readyz|metrics|docs|openapi)/;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Path inside `root` for a URL path, or undefined when it would leave `root`. */
export function staticPath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = normalize(join(root, decoded));
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep)
    ? candidate
    : undefined;
}

export function startPortalServer({ distDir, port, apiUrl }) {
  const api = new URL(apiUrl);
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (API_PATHS.test(url)) {
      const upstream = request(
        {
          host: api.hostname,
          port: api.port,
          method: req.method,
          path: url,
          headers: { ...req.headers, host: api.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('API unavailable\n');
      });
      req.pipe(upstream);
      return;
    }
    let file = staticPath(distDir, url);
    if (!file) {
      res.writeHead(400).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) file = join(distDir, 'index.html'); // client-side routes
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file)
      .on('error', () => res.end())
      .pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        name: 'portal',
        url: `http://127.0.0.1:${server.address().port}`,
        stop: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
