import {
  encodeBlockHeader,
  encodeBlockHeaderBase64Url,
  encodeBlockHeaderObjectJson,
  payloadDataToJson,
  payloadWithOutputsToJson,
  type BlockHeader,
  type BlockPayload,
} from '@spv-cloud/chainweb';
import type { ServerResponse } from 'node:http';
import type { RecordedRequest, ScriptedHandler } from './scripted-http-server';

export interface FakeChainState {
  readonly version: string;
  readonly headers: readonly BlockHeader[];
  readonly payloads: readonly BlockPayload[];
  /** Head hash of each chain. */
  readonly cut: ReadonlyMap<number, Buffer>;
  readonly info?: unknown;
}

/**
 * A chainweb-node service API over fixed data, answering like chainweb-node does: headers in the
 * three encodings, pages with `next` cursors, branch queries walking parent links, payloads, batches.
 * Anything else is 404 so tests can layer their own routes in front.
 */
export function fakeChainwebNode(state: FakeChainState): ScriptedHandler {
  const handler = route(state);
  return (request, response) => {
    handler(request, response);
  };
}

function route(state: FakeChainState): (request: RecordedRequest, response: ServerResponse) => unknown {
  const byHash = new Map(state.headers.map((h) => [h.hash.toString('base64url'), h]));
  const base = `/chainweb/0.0/${state.version}`;

  return (request, response) => {
    const url = new URL(request.url, 'http://fake');
    const path = url.pathname;
    if (request.method === 'GET' && path === '/info') return sendJson(response, 200, state.info ?? {});
    if (request.method === 'GET' && path === `${base}/cut`) {
      const hashes: Record<string, { height: number; hash: string }> = {};
      for (const [chain, hash] of state.cut)
        hashes[String(chain)] = {
          height: byHash.get(hash.toString('base64url'))!.height,
          hash: hash.toString('base64url'),
        };
      const heights = Object.values(hashes).map((h) => h.height);
      return sendJson(response, 200, {
        hashes,
        origin: null,
        weight: 'AAAA',
        height: heights.reduce((a, b) => a + b, 0),
        instance: state.version,
        id: 'x'.repeat(43),
      });
    }
    const chainMatch = new RegExp(`^${base}/chain/(\\d+)(/.*)$`).exec(path);
    if (!chainMatch) return notFound(response, path);
    const chainId = Number(chainMatch[1]);
    const rest = chainMatch[2]!;
    const accept = request.headers['accept'] ?? '';
    const objectEncoding = accept.includes('blockheader-encoding=object');
    const encodeItem = (h: BlockHeader): unknown =>
      objectEncoding
        ? JSON.parse(encodeBlockHeaderObjectJson(h, state.version))
        : encodeBlockHeaderBase64Url(h);

    const headerMatch = /^\/header\/([A-Za-z0-9_-]{43})$/.exec(rest);
    if (request.method === 'GET' && headerMatch) {
      const header = byHash.get(headerMatch[1]!);
      if (!header || header.chainId !== chainId)
        return sendJson(response, 404, { reason: 'key not found', key: headerMatch[1] });
      if (accept.includes('application/octet-stream'))
        return response
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(encodeBlockHeader(header));
      if (objectEncoding)
        return response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(encodeBlockHeaderObjectJson(header, state.version));
      return sendJson(response, 200, encodeBlockHeaderBase64Url(header));
    }
    if (request.method === 'GET' && rest === '/header') {
      const all = state.headers.filter((h) => h.chainId === chainId).sort(byHeightThenHash);
      return sendPage(response, url, filterHeights(all, url), encodeItem);
    }
    if (request.method === 'POST' && rest === '/header/branch') {
      const bounds = JSON.parse(request.body) as { lower: string[]; upper: string[] };
      const excluded = new Set<string>();
      for (const lower of bounds.lower)
        for (const h of ancestors(byHash, lower)) excluded.add(h.hash.toString('base64url'));
      const found = new Map<string, BlockHeader>();
      for (const upper of bounds.upper) {
        if (!byHash.has(upper)) return sendJson(response, 404, { reason: 'key not found', key: upper });
        for (const h of ancestors(byHash, upper))
          if (!excluded.has(h.hash.toString('base64url'))) found.set(h.hash.toString('base64url'), h);
      }
      return sendPage(
        response,
        url,
        filterHeights([...found.values()].sort(byHeightThenHash), url),
        encodeItem,
      );
    }
    const payloadMatch = /^\/payload\/([A-Za-z0-9_-]{43})(\/outputs)?$/.exec(rest);
    if (request.method === 'GET' && payloadMatch) {
      const payload = state.payloads.find((p) => p.payloadHash.toString('base64url') === payloadMatch[1]);
      if (!payload) return sendJson(response, 404, { reason: 'key not found', key: payloadMatch[1] });
      return sendJson(
        response,
        200,
        payloadMatch[2] ? payloadWithOutputsToJson(payload) : payloadDataToJson(payload),
      );
    }
    if (request.method === 'POST' && (rest === '/payload/batch' || rest === '/payload/outputs/batch')) {
      const body = JSON.parse(request.body) as string[] | { hashes: string[] };
      const hashes = Array.isArray(body) ? body : body.hashes;
      const found = state.payloads.filter((p) => hashes.includes(p.payloadHash.toString('base64url')));
      return sendJson(
        response,
        200,
        found.map((p) => (rest === '/payload/batch' ? payloadDataToJson(p) : payloadWithOutputsToJson(p))),
      );
    }
    return notFound(response, path);
  };
}

function byHeightThenHash(a: BlockHeader, b: BlockHeader): number {
  return a.height - b.height || Buffer.compare(a.hash, b.hash);
}

function* ancestors(byHash: ReadonlyMap<string, BlockHeader>, from: string): Generator<BlockHeader> {
  let current = byHash.get(from);
  while (current) {
    yield current;
    current = byHash.get(current.parent.toString('base64url'));
  }
}

function filterHeights(headers: BlockHeader[], url: URL): BlockHeader[] {
  const min = url.searchParams.get('minheight');
  const max = url.searchParams.get('maxheight');
  return headers.filter(
    (h) => (min === null || h.height >= Number(min)) && (max === null || h.height <= Number(max)),
  );
}

/** chainweb paging: `next=inclusive:<hash>` starts the next page at that item. */
function sendPage(
  response: ServerResponse,
  url: URL,
  items: BlockHeader[],
  encode: (h: BlockHeader) => unknown,
): void {
  const limit = Number(url.searchParams.get('limit') ?? 360);
  const next = url.searchParams.get('next');
  let start = 0;
  if (next !== null) {
    const [kind, hash] = next.split(':');
    const index = items.findIndex((h) => h.hash.toString('base64url') === hash);
    if (index < 0) return sendJson(response, 404, { reason: 'key not found', key: hash });
    start = kind === 'exclusive' ? index + 1 : index;
  }
  const page = items.slice(start, start + limit);
  const following = items[start + limit];
  sendJson(response, 200, {
    limit: page.length,
    items: page.map(encode),
    next: following ? `inclusive:${following.hash.toString('base64url')}` : null,
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
}

function notFound(response: ServerResponse, path: string): void {
  response.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${path}`);
}

/** Routes `override` first, then the fake node. */
export function withRoutes(
  node: ScriptedHandler,
  override: (request: RecordedRequest, response: ServerResponse) => boolean,
): ScriptedHandler {
  return (request, response, socket) => {
    if (override(request, response)) return;
    return node(request, response, socket);
  };
}
