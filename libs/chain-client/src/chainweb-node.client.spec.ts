import {
  MAINNET01,
  createHeaderChainProof,
  createSpvProof,
  decodeBlockHeaderBase64Url,
  encodeBlockHeaderObjectJson,
  encodeSpvProofJson,
  encodeSpvResponse,
  parsePayloadJson,
  parseSpvProof,
  type BlockHeader,
} from '@spv-cloud/chainweb';
import type { ServerResponse } from 'node:http';
import { vectorJson } from '../../chainweb/test/vectors';
import { fakeChainwebNode, sendJson, withRoutes } from '../test/fake-chainweb-node';
import { ScriptedHttpServer, type RecordedRequest } from '../test/scripted-http-server';
import { ChainClientError } from './chain-client.errors';
import { ChainwebNodeClient } from './chainweb-node.client';
import { ChainwebNodeSource } from './chainweb-node.source';
import { LruHeaderCache } from './header-cache';
import type { SignedPactCommand } from './chainweb-node.types';

// Real mainnet data (../shared/vectors): block chain 15 @4841250 with its sibling fork and payload,
// and linked chain 0 headers with their adjacent parents (heights 6321598-6321600 and others).
const block = vectorJson('block_mainnet01_c15_h4841250_header_and_payload.json');
const validation = vectorJson('headers_mainnet01_validation_tests.json');
const derived = vectorJson('proofs_derived_from_real_data.json');

const block15: BlockHeader[] = block.headers.map((h: { binaryB64url: string }) =>
  decodeBlockHeaderBase64Url(h.binaryB64url),
);
const payload15 = parsePayloadJson(block.payloadWithOutputs);
const linked = new Map<string, BlockHeader>();
for (const testCase of validation.testCases) {
  for (const h of [testCase.header, testCase.parent, ...testCase.adjacentParents]) {
    const header = decodeBlockHeaderBase64Url(h.binaryB64url);
    linked.set(header.hash.toString('base64url'), header);
  }
}
const chain0 = [...linked.values()].filter((h) => h.chainId === 0).sort((a, b) => a.height - b.height);
const head0 = chain0.find((h) => h.height === 6321600)!;
const canonical15 = block15.find(
  (h) => h.hash.toString('base64url') === 'ou0pgjIiBBRmeyS7-v31zufIx_lxwdUr68bwsZfMzCk',
)!;
const fork15 = block15.find((h) => h !== canonical15)!;
const allHeaders = [...block15, ...linked.values()];

const RK = 'wabVpycjKItVRTju4O2yGdQMM7OTv2OUd1YpBfB65eo';

let server: ScriptedHttpServer;
let node: ReturnType<typeof fakeChainwebNode>;

beforeAll(async () => {
  server = await ScriptedHttpServer.start();
  node = fakeChainwebNode({
    version: 'mainnet01',
    headers: allHeaders,
    payloads: [payload15],
    cut: new Map([
      [0, head0.hash],
      [15, canonical15.hash],
    ]),
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.requests.length = 0;
  server.handler = node;
});

function client(options: { cache?: LruHeaderCache } = {}): ChainwebNodeClient {
  return new ChainwebNodeClient(
    {
      name: 'mainnet',
      baseUrl: server.baseUrl,
      chainwebVersion: 'mainnet01',
      chainIds: [0, 5, 10, 15],
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    },
    { ...(options.cache ? { headerCache: options.cache } : {}) },
  );
}

async function failure(promise: Promise<unknown>): Promise<ChainClientError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChainClientError);
    return error as ChainClientError;
  }
  throw new Error('expected a ChainClientError');
}

function route(
  method: string,
  pathSuffix: string,
  answer: (request: RecordedRequest, response: ServerResponse) => void,
): void {
  server.handler = withRoutes(node, (request, response) => {
    if (request.method !== method || !new URL(request.url, 'http://x').pathname.endsWith(pathSuffix))
      return false;
    answer(request, response);
    return true;
  });
}

describe('headers', () => {
  it.each(['binary', 'base64url', 'object'] as const)(
    'decodes a header by hash (%s encoding) and checks it',
    async (encoding) => {
      const header = await client().header(15, canonical15.hash, { encoding });
      expect(header).toEqual(canonical15);
      const accept = server.requests[0]!.headers['accept'];
      expect(accept).toBe(
        {
          binary: 'application/octet-stream',
          base64url: 'application/json',
          object: 'application/json;blockheader-encoding=object',
        }[encoding],
      );
      expect(server.requests[0]!.url).toBe(
        `/chainweb/0.0/mainnet01/chain/15/header/${canonical15.hash.toString('base64url')}`,
      );
    },
  );

  it('serves repeated lookups from the header cache', async () => {
    const cache = new LruHeaderCache(10);
    const c = client({ cache });
    await c.header(15, canonical15.hash);
    await c.header(15, canonical15.hash.toString('base64url'));
    expect(server.requests).toHaveLength(1);
    expect(cache.hits).toBe(1);
  });

  it('not_found from header(), undefined from findHeader()', async () => {
    const unknown = Buffer.alloc(32, 7);
    expect((await failure(client().header(15, unknown))).code).toBe('not_found');
    expect(await client().findHeader(15, unknown)).toBeUndefined();
  });

  it('rejects a header that is not the one asked for, or does not hash to its hash', async () => {
    route('GET', `/header/${fork15.hash.toString('base64url')}`, (_req, res) =>
      sendJson(res, 200, block.headers[0].binaryB64url),
    );
    expect(await failure(client().header(15, fork15.hash))).toMatchObject({ code: 'bad_response' });
    const tampered = Buffer.from(block.headers[0].binaryB64url, 'base64url');
    tampered[8] = tampered[8]! ^ 1; // creation time
    route('GET', `/header/${canonical15.hash.toString('base64url')}`, (_req, res) =>
      sendJson(res, 200, tampered.toString('base64url')),
    );
    expect((await failure(client().header(15, canonical15.hash))).message).toMatch(
      /does not hash to its hash/,
    );
    route('GET', `/header/${canonical15.hash.toString('base64url')}`, (_req, res) =>
      sendJson(res, 200, 'not base64url!'),
    );
    expect((await failure(client().header(15, canonical15.hash))).code).toBe('bad_response');
  });

  it('refuses chains outside the network and malformed hashes before any request', async () => {
    expect((await failure(client().header(3, canonical15.hash))).code).toBe('unknown_chain');
    expect((await failure(client().header(15, 'abc'))).code).toBe('invalid_argument');
    expect(server.requests).toHaveLength(0);
  });

  it('lists headers page by page, following next cursors', async () => {
    const c = client();
    const first = await c.headers(0, { limit: 3 });
    expect(first.items.map((h) => h.height)).toEqual(chain0.slice(0, 3).map((h) => h.height));
    expect(first.next).toMatch(/^inclusive:/);
    const all: number[] = [];
    for await (const header of c.allHeaders(0, { limit: 3 })) all.push(header.height);
    expect(all).toEqual(chain0.map((h) => h.height));
    const pages = server.requests.filter((r) => r.url.includes('/chain/0/header?'));
    expect(pages.map((r) => new URL(r.url, 'http://x').searchParams.get('next'))).toEqual([
      null,
      null,
      first.next,
      expect.stringMatching(/^inclusive:/),
    ]);
  });

  it('lists both sibling headers of a fork, in object encoding too', async () => {
    const page = await client().headers(
      15,
      { minHeight: 4841250, maxHeight: 4841250 },
      { encoding: 'object' },
    );
    expect(page.items.map((h) => h.hash.toString('base64url')).sort()).toEqual(
      block15.map((h) => h.hash.toString('base64url')).sort(),
    );
  });

  it('canonicalHeaderAt walks the branch of the current cut', async () => {
    const c = client();
    expect((await c.canonicalHeaderAt(0, 6321599))?.hash.toString('base64url')).toBe(
      chain0.find((h) => h.height === 6321599)!.hash.toString('base64url'),
    );
    expect((await c.canonicalHeaderAt(15, 4841250))?.hash).toEqual(canonical15.hash);
    expect(await c.canonicalHeaderAt(0, 6321601)).toBeUndefined();
    const branch = server.requests.find((r) => r.url.includes('/chain/15/header/branch'))!;
    expect(JSON.parse(branch.body)).toEqual({ lower: [], upper: [canonical15.hash.toString('base64url')] });
    expect(new URL(branch.url, 'http://x').searchParams.get('minheight')).toBe('4841250');
  });

  it('headerBranch excludes the ancestors of lower', async () => {
    const h6321598 = chain0.find((h) => h.height === 6321598)!;
    const page = await client().headerBranch(0, { upper: [head0.hash], lower: [h6321598.hash] });
    expect(page.items.map((h) => h.height)).toEqual([6321599, 6321600]);
  });
});

describe('payloads', () => {
  const hash = payload15.payloadHash;

  it('decodes and verifies PayloadData and PayloadWithOutputs', async () => {
    const withOutputs = await client().payloadWithOutputs(15, hash, { height: 4841250 });
    expect(withOutputs.outputs).toHaveLength(2);
    expect(withOutputs.coinbase?.equals(payload15.coinbase!)).toBe(true);
    expect(server.requests[0]!.url).toBe(
      `/chainweb/0.0/mainnet01/chain/15/payload/${hash.toString('base64url')}/outputs?height=4841250`,
    );
    const data = await client().payload(15, hash);
    expect(data.outputs).toBeUndefined();
    expect(data.transactions).toEqual(payload15.transactions);
  });

  it('rejects a payload whose contents do not match its hashes', async () => {
    const json = structuredClone(block.payloadWithOutputs);
    json.transactions[0][1] = json.transactions[1][1];
    route('GET', '/outputs', (_req, res) => sendJson(res, 200, json));
    expect((await failure(client().payloadWithOutputs(15, hash))).message).toMatch(/does not verify/);
  });

  it('batches, with and without heights', async () => {
    const unknown = Buffer.alloc(32, 1);
    const found = await client().payloadWithOutputsBatch(15, [{ hash }, { hash: unknown }]);
    expect(found.map((p) => p.payloadHash)).toEqual([hash]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual([
      hash.toString('base64url'),
      unknown.toString('base64url'),
    ]);
    await client().payloadBatch(15, [{ hash, height: 4841250 }]);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({
      heights: [4841250],
      hashes: [hash.toString('base64url')],
    });
    expect((await failure(client().payloadBatch(15, [{ hash, height: 1 }, { hash: unknown }]))).code).toBe(
      'invalid_argument',
    );
  });

  it('findPayloadWithOutputs answers undefined for an unknown payload', async () => {
    expect(await client().findPayloadWithOutputs(15, Buffer.alloc(32, 3))).toBeUndefined();
  });
});

describe('HeaderSource / PayloadSource from a node', () => {
  it('builds the same TXOUT proof as the derived vector, from node data', async () => {
    const source = new ChainwebNodeSource(client());
    const proof = await createSpvProof({
      version: MAINNET01,
      kind: 'TXOUT',
      sourceChain: 15,
      blockHash: canonical15.hash,
      txIndex: 0,
      targetChain: 15,
      headers: source,
      payloads: source,
    });
    const expected = derived.sameChainPayloadProofs_mainnet01_c15_h4841250.find(
      (p: { label: string }) => p.label === 'c15 h4841250 tx 0 output',
    );
    expect(encodeSpvProofJson(proof)).toBe(expected.proofJsonText);
  });

  it('builds a cross-chain header proof through adjacent parents fetched from the node', async () => {
    const source = new ChainwebNodeSource(client());
    const chain5 = [...linked.values()].find((h) => h.chainId === 5 && h.height === 6321598)!;
    const proof = await createHeaderChainProof({
      version: MAINNET01,
      sourceChain: 5,
      blockHash: chain5.hash,
      targetChain: 0,
      headers: source,
    });
    const expected = derived.headerChainProofs_mainnet01_h6321598_to_6321600.find(
      (p: { label: string }) => p.label === 'chain 5 @6321598 -> chain 0 @6321599 (one cross step)',
    );
    expect(encodeSpvProofJson(proof)).toBe(expected.proofJsonText);
  });

  it('reuses one cut for canonical queries within cutMaxAgeMs', async () => {
    let now = 0;
    const source = new ChainwebNodeSource(client(), { cutMaxAgeMs: 1_000, now: () => now });
    await source.canonicalHeaderAt(0, 6321599);
    await source.canonicalHeaderAt(0, 6321598);
    now = 2_000;
    await source.canonicalHeaderAt(0, 6321598);
    expect(server.requests.filter((r) => r.url.endsWith('/cut'))).toHaveLength(2);
  });
});

describe('cut and info', () => {
  it('parses the cut', async () => {
    const cut = await client().cut({ maxHeight: 9_999_999 });
    expect(cut.hashes.get(0)).toEqual({ height: 6321600, hash: head0.hash });
    expect(server.requests[0]!.url).toBe('/chainweb/0.0/mainnet01/cut?maxheight=9999999');
  });

  it('builds the version of an unknown network from /info', async () => {
    const info = {
      nodeVersion: 'fastnet',
      nodeGraphHistory: [
        [
          0,
          [
            [0, [1]],
            [1, [0]],
          ],
        ],
      ],
      nodeChains: ['0', '1'],
      nodeNumberOfChains: 2,
    };
    route('GET', '/info', (_req, res) => sendJson(res, 200, info));
    const devnet = new ChainwebNodeClient({
      name: 'devnet',
      baseUrl: server.baseUrl,
      chainwebVersion: 'fastnet',
      versionCode: 9,
      chainIds: [0, 1],
    });
    const version = await devnet.chainwebVersion();
    expect(version).toMatchObject({ name: 'fastnet', code: 9 });
    expect(version.chainIdsAt(0)).toEqual([0, 1]);
    await devnet.chainwebVersion();
    expect(server.requests.filter((r) => r.url === '/info')).toHaveLength(1);
  });
});

describe('Pact endpoints', () => {
  const command: SignedPactCommand = { hash: RK, sigs: [{ sig: 'ab'.repeat(64) }], cmd: '{"payload":{}}' };
  const result = {
    reqKey: RK,
    txId: 7,
    result: { status: 'success', data: { 'leaf-count': { int: 3 } } },
    gas: 500,
    logs: 'x',
    continuation: null,
    events: [],
    metaData: { blockHash: 'h', blockHeight: 10, blockTime: 1, prevBlockHash: 'p' },
  };

  it('send posts {cmds} and checks the request keys', async () => {
    route('POST', '/pact/api/v1/send', (_req, res) => sendJson(res, 200, { requestKeys: [RK] }));
    expect(await client().send(15, [command])).toEqual([RK]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ cmds: [command] });
    route('POST', '/pact/api/v1/send', (_req, res) => sendJson(res, 200, { requestKeys: ['x'] }));
    expect((await failure(client().send(15, [command]))).code).toBe('bad_response');
  });

  it('send maps mempool rejections; a duplicate after a lost answer counts as sent', async () => {
    const duplicate = `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Transaction already exists on chain`;
    route('POST', '/pact/api/v1/send', (_req, res) => res.writeHead(400).end(duplicate));
    expect(await failure(client().send(15, [command]))).toMatchObject({ code: 'duplicate', attempts: 1 });
    let calls = 0;
    route('POST', '/pact/api/v1/send', (req, res) => {
      calls++;
      if (calls === 1) res.socket?.destroy();
      else res.writeHead(400).end(duplicate);
    });
    expect(await client().send(15, [command])).toEqual([RK]);
    route('POST', '/pact/api/v1/send', (_req, res) =>
      res
        .writeHead(400)
        .end(
          `One or more transactions were invalid: Transaction "${RK}" at index 0 failed with: Transaction time-to-live is expired`,
        ),
    );
    expect((await failure(client().send(15, [command]))).code).toBe('invalid_command');
  });

  it('poll returns results by request key', async () => {
    route('POST', '/pact/api/v1/poll', (_req, res) => sendJson(res, 200, { [RK]: result }));
    const results = await client().poll(15, [RK], { confirmationDepth: 2 });
    expect(results.get(RK)).toMatchObject({
      reqKey: RK,
      txId: 7,
      result: { status: 'success' },
      metaData: { blockHash: 'h', blockHeight: 10 },
    });
    expect(server.requests[0]!.url).toMatch(/poll\?confirmationDepth=2$/);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ requestKeys: [RK] });
    expect((await failure(client().poll(15, ['short']))).code).toBe('invalid_argument');
  });

  it("listen waits with its own timeout and retries the node's 504", async () => {
    let calls = 0;
    route('POST', '/pact/api/v1/listen', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(504).end();
      else sendJson(res, 200, result);
    });
    expect((await client().listen(15, RK)).reqKey).toBe(RK);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ listen: RK });
  });

  it('local unwraps a preflight result and passes the flags', async () => {
    route('POST', '/pact/api/v1/local', (_req, res) =>
      sendJson(res, 200, { preflightResult: result, preflightWarnings: [] }),
    );
    const local = await client().local(15, command, { preflight: true, signatureVerification: false });
    expect(local.reqKey).toBe(RK);
    expect(server.requests[0]!.url).toMatch(/local\?preflight=true&signatureVerification=false$/);
    route('POST', '/pact/api/v1/local', (_req, res) =>
      res.writeHead(400).end('Execution failed: PactInternalError "boom"'),
    );
    expect((await failure(client().local(15, command))).code).toBe('execution_failed');
  });

  it("spv returns the proof text and maps the node's SPV errors", async () => {
    const expected = derived.sameChainPayloadProofs_mainnet01_c15_h4841250[0];
    const body = encodeSpvResponse(parseSpvProof(expected.proofJsonText));
    route('POST', '/pact/spv', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    const proof = await client().spv(15, RK, 15);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ requestKey: RK, targetChainId: '15' });
    expect(encodeSpvProofJson(parseSpvProof(proof))).toBe(expected.proofJsonText);

    for (const [text, code, retryable] of [
      [`Transaction hash not found: ${RK}`, 'tx_not_found', false],
      [
        'SPV target not reachable: target chain not reachable. Chainweb instance is too young',
        'target_not_reachable',
        true,
      ],
    ] as const) {
      route('POST', '/pact/spv', (_req, res) =>
        res.writeHead(400, { 'content-type': 'text/plain' }).end(text),
      );
      expect(await failure(client().spv(0, RK, 15))).toMatchObject({
        code,
        retryable,
        attempts: 1,
        status: 400,
      });
    }
    expect((await failure(client().spv(0, RK, 7))).code).toBe('unknown_chain');
  });
});

describe('header updates (server-sent events)', () => {
  const update = (h: BlockHeader): string =>
    `event: BlockHeader\ndata: {"header":${encodeBlockHeaderObjectJson(h, 'mainnet01')},"txCount":2,"powHash":"00ab","target":"00ff"}\n\n`;

  it('parses updates across chunk boundaries and reconnects after a disconnect', async () => {
    let connections = 0;
    route('GET', '/header/updates', (req, res) => {
      connections++;
      expect(req.headers['accept']).toBe('text/event-stream');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connections === 1) {
        const text = `: hello\n\n${update(chain0[5]!)}${update(canonical15)}`;
        // Odd chunk sizes split lines and the JSON.
        for (let i = 0; i < text.length; i += 37) res.write(text.slice(i, i + 37));
        res.end();
      } else {
        res.write(update(fork15));
      }
    });
    const controller = new AbortController();
    const seen: BlockHeader[] = [];
    for await (const u of client().headerUpdates({ signal: controller.signal })) {
      expect(u).toMatchObject({ txCount: 2, powHash: '00ab', target: '00ff' });
      seen.push(u.header);
      if (seen.length === 3) break;
    }
    expect(seen.map((h) => h.hash)).toEqual([chain0[5]!.hash, canonical15.hash, fork15.hash]);
    expect(connections).toBe(2);
  });

  it('ends quietly when the caller aborts', async () => {
    route('GET', '/header/updates', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(update(canonical15));
    });
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const u of client().headerUpdates({ signal: controller.signal })) {
      seen.push(u.header.hash.toString('base64url'));
      controller.abort();
    }
    expect(seen).toHaveLength(1);
  });

  it('fails on a 4xx and on a malformed update', async () => {
    route('GET', '/header/updates', (_req, res) => res.writeHead(404).end('no'));
    const drain = async (): Promise<void> => {
      for await (const _ of client().headerUpdates()) void _;
    };
    expect((await failure(drain())).code).toBe('not_found');
    route('GET', '/header/updates', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: BlockHeader\ndata: {"header":{}}\n\n');
    });
    expect((await failure(drain())).code).toBe('bad_response');
  });

  it('reconnects when a stream stays silent for idleTimeoutMs', async () => {
    let connections = 0;
    route('GET', '/header/updates', (_req, res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connections === 1) res.write(': silent from now on\n\n');
      else res.write(update(canonical15));
    });
    const started = Date.now();
    for await (const u of client().headerUpdates({ idleTimeoutMs: 150 })) {
      expect(u.header.hash).toEqual(canonical15.hash);
      break;
    }
    expect(connections).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('gives up after maxAttempts consecutive failed connections', async () => {
    route('GET', '/header/updates', (_req, res) => res.writeHead(503).end('down'));
    const error = await failure(
      (async () => {
        for await (const _ of client().headerUpdates()) void _;
      })(),
    );
    expect(error).toMatchObject({ code: 'unavailable', attempts: 2 });
  });
});
