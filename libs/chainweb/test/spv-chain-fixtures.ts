/** In-memory chain data built from the vectors, for SPV proof creation and root authentication tests. */
import {
  computeBlockHash,
  decodeBlockHeaderBase64Url,
  genesisParentBlockHash,
  type BlockHeader,
} from '../src/header';
import { buildPayload, computeRequestKey, parsePayloadJson, type BlockPayload } from '../src/payload';
import type { ChainwebVersion } from '../src/version';
import type { HeaderSource, PayloadSource } from '../src/spv/spv-sources';
import { vectorJson } from './vectors';

const key = (chainId: number, hash: Buffer) => `${chainId}:${hash.toString('base64url')}`;

/**
 * Headers by hash, plus a canonical branch per chain chosen by the test (forks are real: the chain
 * 15 @4841250 vector has two sibling headers).
 */
export class MemoryHeaderSource implements HeaderSource {
  private readonly byHash = new Map<string, BlockHeader>();
  private readonly canonical = new Map<string, BlockHeader>();

  add(header: BlockHeader, options: { canonical?: boolean } = {}): this {
    this.byHash.set(key(header.chainId, header.hash), header);
    if (options.canonical !== false) this.canonical.set(`${header.chainId}@${header.height}`, header);
    return this;
  }

  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    return Promise.resolve(this.byHash.get(key(chainId, hash)));
  }

  canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    return Promise.resolve(this.canonical.get(`${chainId}@${height}`));
  }
}

export class MemoryPayloadSource implements PayloadSource {
  private readonly byHash = new Map<string, BlockPayload>();

  add(chainId: number, payload: BlockPayload): this {
    this.byHash.set(key(chainId, payload.payloadHash), payload);
    return this;
  }

  payload(chainId: number, payloadHash: Buffer): Promise<BlockPayload | undefined> {
    return Promise.resolve(this.byHash.get(key(chainId, payloadHash)));
  }
}

interface HeaderRecord {
  binaryB64url: string;
  hash: string;
}

/** The real mainnet block chain 15 @4841250: its two sibling headers and the payload of the first. */
export function c15Block(): { headers: BlockHeader[]; payload: BlockPayload } {
  const file = vectorJson<{ headers: HeaderRecord[]; payloadWithOutputs: unknown }>(
    'block_mainnet01_c15_h4841250_header_and_payload.json',
  );
  return {
    headers: file.headers.map((h) => decodeBlockHeaderBase64Url(h.binaryB64url)),
    payload: parsePayloadJson(file.payloadWithOutputs),
  };
}

/** Mainnet genesis header and payload of chain 0. */
export function mainnetGenesisC0(): { header: BlockHeader; payload: BlockPayload } {
  const headers = vectorJson<{ networks: { mainnet01: HeaderRecord[] } }>(
    'genesis_headers_mainnet01_testnet04.json',
  );
  const payloads = vectorJson<{ payloads: Record<string, { payloadWithOutputs: unknown }> }>(
    'payloads_genesis_chainweb_node.json',
  );
  const header = headers.networks.mainnet01
    .map((h) => decodeBlockHeaderBase64Url(h.binaryB64url))
    .find((h) => h.chainId === 0);
  if (!header) throw new Error('no mainnet01 chain 0 genesis header in the vectors');
  return { header, payload: parsePayloadJson(payloads.payloads['Mainnet0Payload.hs']!.payloadWithOutputs) };
}

/** Every header of headers_mainnet01_validation_tests.json (test headers, parents, adjacent parents). */
export function mainnetValidationHeaders(): BlockHeader[] {
  const file = vectorJson<{
    testCases: Array<{ header: HeaderRecord; parent: HeaderRecord; adjacentParents: HeaderRecord[] }>;
  }>('headers_mainnet01_validation_tests.json');
  const seen = new Map<string, BlockHeader>();
  for (const testCase of file.testCases) {
    for (const record of [testCase.header, testCase.parent, ...testCase.adjacentParents]) {
      seen.set(record.hash, decodeBlockHeaderBase64Url(record.binaryB64url));
    }
  }
  return [...seen.values()];
}

/** A Pact-shaped transaction and its output, with a real request key (BLAKE2b-256 of the cmd). */
export function syntheticTransaction(
  label: string,
  txId: number,
): { transaction: Buffer; output: Buffer; requestKey: string } {
  const cmd = JSON.stringify({
    networkId: 'development',
    payload: { exec: { code: `(+ 1 ${txId})`, data: { label } } },
    nonce: label,
  });
  const requestKey = computeRequestKey(cmd);
  const transaction = Buffer.from(JSON.stringify({ hash: requestKey, sigs: [], cmd }));
  const output = Buffer.from(
    JSON.stringify({
      gas: 7,
      result: { status: 'success', data: txId + 1 },
      reqKey: requestKey,
      logs: null,
      events: [],
      metaData: null,
      continuation: null,
      txId,
    }),
  );
  return { transaction, output, requestKey };
}

export function syntheticPayload(chainId: number, height: number, transactionCount = 0): BlockPayload {
  return buildPayload({
    minerData: Buffer.from(
      JSON.stringify({ account: `miner-${chainId}`, predicate: 'keys-all', 'public-keys': [] }),
    ),
    coinbase: Buffer.from(
      JSON.stringify({
        gas: 0,
        result: { status: 'success', data: `coinbase ${chainId}@${height}` },
        reqKey: 'AAAA',
        logs: null,
        events: [],
        metaData: null,
        continuation: null,
        txId: null,
      }),
    ),
    transactions: Array.from({ length: transactionCount }, (_, i) =>
      syntheticTransaction(`${chainId}@${height}#${i}`, i),
    ),
  });
}

export interface SyntheticChainweb {
  readonly version: ChainwebVersion;
  readonly headers: MemoryHeaderSource;
  readonly payloads: MemoryPayloadSource;
  /** The canonical header of `chainId` at `height`. */
  at(chainId: number, height: number): BlockHeader;
  /** Adds a non-canonical sibling of the canonical header at (chainId, height). */
  fork(chainId: number, height: number): BlockHeader;
}

/**
 * A braided chainweb of the version's graphs, heights 0..maxHeight, every header hashed for real:
 * genesis headers point at genesisParentBlockHash, later ones at their parent and at the adjacent
 * parents of graph(h − 1), as chainweb-node builds them. Payloads are tiny and distinct per block,
 * except where `payloadFor` supplies one.
 */
export function syntheticChainweb(
  version: ChainwebVersion,
  maxHeight: number,
  payloadFor: (chainId: number, height: number) => BlockPayload | undefined = () => undefined,
): SyntheticChainweb {
  const headers = new MemoryHeaderSource();
  const payloads = new MemoryPayloadSource();
  const canonical = new Map<string, BlockHeader>();
  const at = (chainId: number, height: number): BlockHeader => {
    const header = canonical.get(`${chainId}@${height}`);
    if (!header) throw new Error(`synthetic chainweb has no header at ${chainId}@${height}`);
    return header;
  };
  const make = (chainId: number, height: number, payload: BlockPayload, nonce: bigint): BlockHeader => {
    const genesis = height === version.genesisHeight(chainId);
    const graph = version.graphAt(genesis ? height : height - 1);
    const draft: BlockHeader = {
      featureFlags: 0n,
      creationTime: 1_700_000_000_000_000n + BigInt(height) * 30_000_000n,
      parent: genesis ? genesisParentBlockHash(version.code, chainId) : at(chainId, height - 1).hash,
      adjacents: graph.adjacents(chainId).map((a) => ({
        chainId: a,
        hash: genesis ? genesisParentBlockHash(version.code, a) : at(a, height - 1).hash,
      })),
      target: Buffer.alloc(32, 0xff),
      payloadHash: payload.payloadHash,
      chainId,
      weight: Buffer.alloc(32),
      height,
      versionCode: version.code,
      epochStart: 1_700_000_000_000_000n,
      nonce,
      hash: Buffer.alloc(32),
    };
    return { ...draft, hash: computeBlockHash(draft) };
  };
  for (let height = 0; height <= maxHeight; height++) {
    for (const chainId of version.chainIds) {
      if (height < version.genesisHeight(chainId)) continue;
      const payload = payloadFor(chainId, height) ?? syntheticPayload(chainId, height);
      payloads.add(chainId, payload);
      const header = make(chainId, height, payload, 0n);
      canonical.set(`${chainId}@${height}`, header);
      headers.add(header);
    }
  }
  const fork = (chainId: number, height: number): BlockHeader => {
    const original = at(chainId, height);
    const sibling = { ...original, nonce: original.nonce + 1n };
    const forked = { ...sibling, hash: computeBlockHash(sibling) };
    headers.add(forked, { canonical: false });
    return forked;
  };
  return { version, headers, payloads, at, fork };
}
