import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeBlockHeaderBase64Url, payloadToJson, type BlockHeader } from '@spv-cloud/chainweb';
import type { FakeChainweb } from './fake-chainweb';

export interface FakeNode {
  readonly url: string;
  /** Requests served, as "METHOD path" (for asserting what the CLI asked). */
  readonly requests: string[];
  close(): Promise<void>;
}

export interface FakeNodeOptions {
  /** The height the node's cut is at when it starts (default: the chainweb's top). */
  readonly startHeight?: number;
  /** When set, the cut grows by one height every this many ms, up to the top: "mining". */
  readonly blockIntervalMs?: number;
}

/**
 * A chainweb-node speaking the REST API the CLI uses (`/info`, cut, headers, header branch,
 * payload outputs, `/poll`), serving a FakeChainweb. Blocks above the current cut height are
 * invisible, like blocks not mined yet.
 */
export async function startFakeNode(
  chainweb: FakeChainweb,
  options: FakeNodeOptions = {},
): Promise<FakeNode> {
  const started = Date.now();
  const startHeight = options.startHeight ?? chainweb.maxHeight;
  const cutHeight = () =>
    options.blockIntervalMs === undefined
      ? startHeight
      : Math.min(
          chainweb.maxHeight,
          startHeight + Math.floor((Date.now() - started) / options.blockIntervalMs),
        );
  const visible = (header: BlockHeader) => header.height <= cutHeight();
  const requests: string[] = [];
  const base = `/chainweb/0.0/${chainweb.version.name}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    const body = async (): Promise<any> => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    };
    if (req.method === 'GET' && url.pathname === '/info') return send(200, chainweb.info);
    if (!url.pathname.startsWith(`${base}/`)) return notFound();
    const path = url.pathname.slice(base.length);
    if (req.method === 'GET' && path === '/cut') {
      const height = cutHeight();
      const hashes = Object.fromEntries(
        chainweb.version.chainIds.map((chainId) => [
          String(chainId),
          { height, hash: chainweb.at(chainId, height).hash.toString('base64url') },
        ]),
      );
      return send(200, {
        hashes,
        height: height * chainweb.version.chainIds.length,
        weight: 'AAAA',
        instance: chainweb.version.name,
        id: 'fake',
        origin: null,
      });
    }
    let match = /^\/chain\/(\d+)\/header\/([A-Za-z0-9_-]{43})$/.exec(path);
    if (req.method === 'GET' && match) {
      const header = chainweb.headersByHash.get(`${match[1]}/${match[2]}`);
      return header !== undefined && visible(header)
        ? send(200, encodeBlockHeaderBase64Url(header))
        : notFound();
    }
    match = /^\/chain\/(\d+)\/header\/branch$/.exec(path);
    if (req.method === 'POST' && match) {
      const chainId = Number(match[1]);
      const { upper } = (await body()) as { upper: string[] };
      const min = Number(url.searchParams.get('minheight') ?? 0);
      const max = Number(url.searchParams.get('maxheight') ?? Number.MAX_SAFE_INTEGER);
      const items: string[] = [];
      // Walk the parents of every upper bound: the branch it names.
      for (const start of upper) {
        let header = chainweb.headersByHash.get(`${chainId}/${start}`);
        while (header !== undefined && header.height >= min) {
          if (header.height <= max && visible(header)) items.push(encodeBlockHeaderBase64Url(header));
          header = chainweb.headersByHash.get(`${chainId}/${header.parent.toString('base64url')}`);
        }
      }
      return send(200, { limit: items.length, items: items.reverse(), next: null });
    }
    match = /^\/chain\/(\d+)\/payload\/([A-Za-z0-9_-]{43})\/outputs$/.exec(path);
    if (req.method === 'GET' && match) {
      const payload = chainweb.payloadsByHash.get(match[2] as string);
      return payload === undefined ? notFound() : send(200, payloadToJson(payload));
    }
    match = /^\/chain\/(\d+)\/pact\/api\/v1\/poll$/.exec(path);
    if (req.method === 'POST' && match) {
      const chainId = Number(match[1]);
      const { requestKeys } = (await body()) as { requestKeys: string[] };
      const answer: Record<string, unknown> = {};
      for (const requestKey of requestKeys) {
        const tx = chainweb.transactions.get(requestKey);
        if (tx === undefined || tx.chainId !== chainId || tx.height > cutHeight()) continue;
        const header = chainweb.at(chainId, tx.height);
        answer[requestKey] = {
          ...JSON.parse(tx.output.toString('utf8')),
          metaData: {
            blockHash: header.hash.toString('base64url'),
            blockHeight: header.height,
            blockTime: Number(header.creationTime),
            prevBlockHash: header.parent.toString('base64url'),
          },
        };
      }
      return send(200, answer);
    }
    return notFound();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
