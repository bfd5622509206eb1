import {
  type BlockHeader,
  blockHeaderFromObjectJson,
  chainIdHashMapOrder,
  chainwebVersionFromInfo,
  type ChainwebVersion,
  computeBlockHash,
  decodeBlockHeader,
  decodeBlockHeaderBase64Url,
  parsePayloadJson,
  PETERSEN_GRAPH,
  sha512_256,
  toBase64Url,
  TWENTY_CHAIN_GRAPH,
  validateBlockHeader,
  verifyPayload,
} from '@spv-cloud/chainweb';
import { http, postJson, startTestDevnet, type TestDevnet } from './support/devnet-test-kit';

const OBJECT = { accept: 'application/json;blockheader-encoding=object' };

/** Every header of a chain through the paged /header endpoint, following `next` cursors. */
async function allHeaders(
  api: string,
  chainId: number,
  maxHeight: number,
  limit: number,
): Promise<BlockHeader[]> {
  const headers: BlockHeader[] = [];
  let next: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), maxheight: String(maxHeight) });
    if (next !== null) query.set('next', next);
    const page = (await http(`${api}/chain/${chainId}/header?${query.toString()}`)).json<{
      limit: number;
      items: string[];
      next: string | null;
    }>();
    expect(page.limit).toBe(page.items.length);
    headers.push(...page.items.map(decodeBlockHeaderBase64Url));
    if (page.next === null || page.next.startsWith('exclusive:')) return headers;
    next = page.next;
  }
}

describe('devnet REST surface (10 chains, Petersen graph)', () => {
  let net: TestDevnet;
  let version: ChainwebVersion;
  const HEIGHT = 14; // past the first difficulty adjustment (epoch of 12 blocks at the start)

  beforeAll(async () => {
    net = await startTestDevnet({ blockTimeMs: 40 });
    version = chainwebVersionFromInfo((await http(`${net.devnet.url}/info`)).json());
    await net.devnet.waitForHeight(HEIGHT);
  });
  afterAll(() => net.stop());

  it('describes its graph in /info as chainweb-node does', async () => {
    const info = (await http(`${net.devnet.url}/info`)).json<Record<string, any>>();
    expect(Object.keys(info)).toEqual([
      'nodeVersion',
      'nodePackageVersion',
      'nodeApiVersion',
      'nodeChains',
      'nodeNumberOfChains',
      'nodeGraphHistory',
      'nodeLatestBehaviorHeight',
      'nodeGenesisHeights',
      'nodeHistoricalChains',
      'nodeBlockDelay',
    ]);
    expect(info['nodeVersion']).toBe('development');
    expect(info['nodeApiVersion']).toBe('0.0');
    expect(info['nodeNumberOfChains']).toBe(10);
    expect(info['nodeChains']).toEqual(chainIdHashMapOrder(PETERSEN_GRAPH.chainIds).map(String));
    expect(version.code).toBe(2);
    expect(version.graphAt(0).sameEdges(PETERSEN_GRAPH)).toBe(true);
    expect(version.blockDelay).toBe(40_000n);
    expect((await http(`${net.devnet.url}/health-check`)).text).toBe('Health check OK.\n');
  });

  it('serves braided headers that hash, link and validate with libs/chainweb', async () => {
    const byChain = new Map<number, BlockHeader[]>();
    for (const chainId of version.chainIds)
      byChain.set(chainId, await allHeaders(net.api, chainId, HEIGHT, 5));
    const now = BigInt(Date.now()) * 1000n + 1_000_000n;
    for (const [chainId, headers] of byChain) {
      expect(headers.map((h) => h.height)).toEqual(Array.from({ length: HEIGHT + 1 }, (_, i) => i));
      headers.forEach((header, height) => {
        expect(header.chainId).toBe(chainId);
        expect(computeBlockHash(header).equals(header.hash)).toBe(true);
        const parent = height === 0 ? undefined : headers[height - 1];
        const adjacentParents =
          height === 0 ? undefined : header.adjacents.map((a) => byChain.get(a.chainId)![height - 1]!);
        if (height > 0) {
          // The braid: each adjacent hash is the adjacent chain's header one block lower.
          expect(header.adjacents.map((a) => a.chainId)).toEqual([...PETERSEN_GRAPH.adjacents(chainId)]);
          header.adjacents.forEach((a, i) => expect(a.hash.equals(adjacentParents![i]!.hash)).toBe(true));
        }
        const validation = validateBlockHeader(header, { version, parent, adjacentParents, now });
        expect({ height, chainId, failures: validation.failures }).toEqual({ height, chainId, failures: [] });
        expect(validation.valid).toBe(true);
      });
    }
  });

  it('serves the object encoding, the binary form and the hash pages of the same headers', async () => {
    const page = (await http(`${net.api}/chain/3/header?minheight=2&maxheight=6`, { headers: OBJECT })).json<{
      items: unknown[];
      next: string;
    }>();
    const headers = page.items.map((item) => blockHeaderFromObjectJson(item));
    expect(headers.map((h) => h.height)).toEqual([2, 3, 4, 5, 6]);
    expect(page.next).toBe(`exclusive:${toBase64Url(headers[4]!.hash)}`);
    const hashes = (await http(`${net.api}/chain/3/hash?minheight=2&maxheight=6`)).json<{
      items: string[];
    }>();
    expect(hashes.items).toEqual(headers.map((h) => toBase64Url(h.hash)));

    const hash = toBase64Url(headers[2]!.hash);
    const asJson = await http(`${net.api}/chain/3/header/${hash}`);
    const asObject = await http(`${net.api}/chain/3/header/${hash}`, { headers: OBJECT });
    const asBinary = await fetch(`${net.api}/chain/3/header/${hash}`, {
      headers: { accept: 'application/octet-stream' },
    });
    const binary = Buffer.from(await asBinary.arrayBuffer());
    expect(asBinary.headers.get('content-type')).toBe('application/octet-stream');
    expect(binary.length).toBe(318);
    expect(decodeBlockHeaderBase64Url(asJson.json<string>()).hash.equals(headers[2]!.hash)).toBe(true);
    expect(decodeBlockHeader(binary)).toEqual(blockHeaderFromObjectJson(asObject.json()));
    expect(asObject.contentType).toBe('application/json;blockheader-encoding=object');

    const missing = await http(`${net.api}/chain/3/header/${toBase64Url(Buffer.alloc(32, 7))}`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ reason: 'key not found', key: toBase64Url(Buffer.alloc(32, 7)) });
  });

  it('pages with inclusive cursors and answers branch queries from the cut, descending', async () => {
    const first = (await http(`${net.api}/chain/0/hash?limit=3`)).json<{ items: string[]; next: string }>();
    expect(first.items).toHaveLength(3);
    expect(first.next).toMatch(/^inclusive:/);
    const second = (await http(`${net.api}/chain/0/hash?limit=3&next=${first.next}`)).json<{
      items: string[];
    }>();
    expect(second.items[0]).toBe(first.next.slice('inclusive:'.length));

    const cut = (await http(`${net.api}/cut`)).json<{
      hashes: Record<string, { height: number; hash: string }>;
    }>();
    const upper = cut.hashes['7']!;
    const branch = await postJson(`${net.api}/chain/7/header/branch?minheight=5&maxheight=5`, {
      lower: [],
      upper: [upper.hash],
    });
    const atFive = branch.json<{ items: string[]; next: null }>();
    expect(atFive.items.map(decodeBlockHeaderBase64Url).map((h) => h.height)).toEqual([5]);
    const range = (
      await postJson(`${net.api}/chain/7/hash/branch?limit=4`, { lower: [], upper: [upper.hash] })
    ).json<{ items: string[]; next: string }>();
    expect(range.items).toHaveLength(4);
    const heights = await Promise.all(
      range.items.map(
        async (h) =>
          decodeBlockHeaderBase64Url((await http(`${net.api}/chain/7/header/${h}`)).json<string>()).height,
      ),
    );
    expect(heights).toEqual([upper.height, upper.height - 1, upper.height - 2, upper.height - 3]);
    expect(range.next).toMatch(/^inclusive:/);
    const unknown = await postJson(`${net.api}/chain/7/header/branch`, {
      lower: [],
      upper: [toBase64Url(Buffer.alloc(32))],
    });
    expect(unknown.status).toBe(404);
  });

  it('serves /cut with chainweb’s id, height and weight', async () => {
    const cut = (await http(`${net.api}/cut`)).json<Record<string, any>>();
    expect(Object.keys(cut)).toEqual(['hashes', 'origin', 'weight', 'height', 'instance', 'id']);
    expect(cut['instance']).toBe('development');
    expect(cut['origin']).toBeNull();
    const entries = cut['hashes'] as Record<string, { height: number; hash: string }>;
    const heights = Object.values(entries).map((e) => e.height);
    expect(new Set(heights).size).toBe(1);
    expect(cut['height']).toBe(heights.reduce((a, b) => a + b, 0));
    const ordered = chainIdHashMapOrder(version.chainIds).map((c) =>
      Buffer.from(entries[String(c)]!.hash, 'base64url'),
    );
    expect(cut['id']).toBe(toBase64Url(sha512_256(Buffer.concat(ordered))));
    const limited = (await http(`${net.api}/cut?maxheight=30`)).json<Record<string, any>>();
    expect(
      Object.values(limited['hashes'] as Record<string, { height: number }>).every((e) => e.height === 3),
    ).toBe(true);
  });

  it('serves payloads whose hashes verify and match their headers', async () => {
    const headers = await allHeaders(net.api, 5, HEIGHT, 360);
    for (const header of headers) {
      const payloadHash = toBase64Url(header.payloadHash);
      const outputs = (
        await http(`${net.api}/chain/5/payload/${payloadHash}/outputs?height=${header.height}`)
      ).json();
      const payload = parsePayloadJson(outputs);
      expect(verifyPayload(payload).valid).toBe(true);
      expect(payload.payloadHash.equals(header.payloadHash)).toBe(true);
      const data = parsePayloadJson((await http(`${net.api}/chain/5/payload/${payloadHash}`)).json());
      expect(data.transactionsHash.equals(payload.transactionsHash)).toBe(true);
    }
    const hashes = headers.slice(0, 3).map((h) => toBase64Url(h.payloadHash));
    const batch = (await postJson(`${net.api}/chain/5/payload/outputs/batch`, hashes)).json<unknown[]>();
    expect(batch.map((p) => toBase64Url(parsePayloadJson(p).payloadHash)).sort()).toEqual([...hashes].sort());
    const withHeights = (
      await postJson(`${net.api}/chain/5/payload/batch`, { heights: [0, 1, 99], hashes })
    ).json<unknown[]>();
    expect(withHeights).toHaveLength(2);
    expect((await http(`${net.api}/chain/5/payload/${hashes[1]}?height=7`)).status).toBe(404);
  });

  it('streams new headers as chainweb’s header/updates events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${net.api}/header/updates`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    let buffer = '';
    const events: Array<{ event: string; data: any }> = [];
    while (events.length < 12) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += Buffer.from(value).toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
        events.push({ event, data: JSON.parse(data) });
      }
    }
    controller.abort();
    expect(events.every((e) => e.event === 'BlockHeader')).toBe(true);
    for (const { data } of events) {
      expect(Object.keys(data)).toEqual(['header', 'txCount', 'powHash', 'target']);
      const header = blockHeaderFromObjectJson(data.header);
      expect(computeBlockHash(header).equals(header.hash)).toBe(true);
      expect(data.target).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('answers unknown routes, chains and bad parameters like the node, and keeps serving', async () => {
    expect((await http(`${net.api}/chain/10/header`)).status).toBe(404);
    expect((await http(`${net.api}/chain/x/cut`)).status).toBe(404);
    expect((await http(`${net.devnet.url}/chainweb/0.0/mainnet01/cut`)).status).toBe(404);
    expect((await postJson(`${net.api}/cut`, {})).status).toBe(405);
    expect((await http(`${net.api}/chain/0/header?limit=abc`)).status).toBe(400);
    expect((await http(`${net.api}/chain/0/header?next=sideways:abc`)).status).toBe(400);
    expect((await postJson(`${net.api}/chain/0/header/branch`, '{not json')).status).toBe(400);
    expect((await http(`${net.api}/chain/0/header/not-a-hash`)).status).toBe(400);
    expect((await http(`${net.api}/cut`)).status).toBe(200);
  });
});

describe('devnet with --chains 20', () => {
  let net: TestDevnet;
  beforeAll(async () => {
    net = await startTestDevnet({ chains: 20, blockTimeMs: 50 });
    await net.devnet.waitForHeight(2);
  });
  afterAll(() => net.stop());

  it('runs the twenty graph and says so in /info', async () => {
    const version = chainwebVersionFromInfo((await http(`${net.devnet.url}/info`)).json());
    expect(version.graphAt(0).sameEdges(TWENTY_CHAIN_GRAPH)).toBe(true);
    const cut = (await http(`${net.api}/cut`)).json<{ hashes: Record<string, { hash: string }> }>();
    expect(Object.keys(cut.hashes)).toHaveLength(20);
    const header = decodeBlockHeaderBase64Url(
      (await http(`${net.api}/chain/19/header/${cut.hashes['19']!.hash}`)).json<string>(),
    );
    expect(header.adjacents.map((a) => a.chainId)).toEqual([4, 10, 18]);
  });
});
