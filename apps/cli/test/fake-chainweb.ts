import {
  buildPayload,
  chainwebVersionFromInfo,
  computeBlockHash,
  computeRequestKey,
  genesisParentBlockHash,
  type BlockHeader,
  type BlockPayload,
  type ChainGraph,
  type ChainwebVersion,
} from '@spv-cloud/chainweb';

/** A transaction placed in the fake chainweb, with what /poll says about it. */
export interface PlacedTransaction {
  readonly requestKey: string;
  readonly chainId: number;
  readonly height: number;
  readonly txIndex: number;
  readonly output: Buffer;
}

/** A small braided chainweb, every header hashed for real, as a node would hold it. */
export interface FakeChainweb {
  readonly info: Record<string, unknown>;
  readonly version: ChainwebVersion;
  readonly maxHeight: number;
  readonly headersByHash: Map<string, BlockHeader>;
  readonly payloadsByHash: Map<string, BlockPayload>;
  readonly transactions: Map<string, PlacedTransaction>;
  /** The canonical header of a chain at a height. */
  at(chainId: number, height: number): BlockHeader;
  /** Adds a non-canonical sibling of the canonical header (same links, another nonce). */
  fork(chainId: number, height: number): BlockHeader;
}

/** The Pact result data of a transaction's output; undefined for a default value. */
type ResultData = (chainId: number, height: number, index: number) => unknown;

const hashKey = (chainId: number, hash: Buffer) => `${chainId}/${hash.toString('base64url')}`;

function pactTransaction(
  label: string,
  txId: number,
  data: unknown,
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
      result: { status: 'success', data: data ?? { label, value: txId + 1 } },
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

function blockPayload(
  chainId: number,
  height: number,
  transactionCount: number,
  resultData: ResultData,
): { payload: BlockPayload; txs: ReturnType<typeof pactTransaction>[] } {
  const txs = Array.from({ length: transactionCount }, (_, i) =>
    pactTransaction(`${chainId}@${height}#${i}`, i, resultData(chainId, height, i)),
  );
  const payload = buildPayload({
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
    transactions: txs.map(({ transaction, output }) => ({ transaction, output })),
  });
  return { payload, txs };
}

/**
 * Builds heights 0..maxHeight of every chain of `graph` under the version named `nodeVersion`
 * (as its /info would describe it), with `transactionsAt(chain, height)` transactions per block.
 */
export function buildFakeChainweb(options: {
  nodeVersion: string;
  graph: ChainGraph;
  maxHeight: number;
  transactionsAt: (chainId: number, height: number) => number;
  resultData?: ResultData;
}): FakeChainweb {
  const { graph, maxHeight } = options;
  const info = {
    nodeVersion: options.nodeVersion,
    nodeApiVersion: '0.0',
    nodeChains: graph.chainIds.map(String),
    nodeNumberOfChains: graph.chainIds.length,
    nodeGraphHistory: [[0, graph.chainIds.map((chainId) => [chainId, [...graph.adjacents(chainId)]])]],
    nodeGenesisHeights: graph.chainIds.map((chainId) => [String(chainId), 0]),
    nodeBlockDelay: 30_000_000,
  };
  const version = chainwebVersionFromInfo(info);
  const headersByHash = new Map<string, BlockHeader>();
  const payloadsByHash = new Map<string, BlockPayload>();
  const transactions = new Map<string, PlacedTransaction>();
  const canonical = new Map<string, BlockHeader>();
  const at = (chainId: number, height: number): BlockHeader => {
    const header = canonical.get(`${chainId}@${height}`);
    if (header === undefined) throw new Error(`fake chainweb has no header at ${chainId}@${height}`);
    return header;
  };
  for (let height = 0; height <= maxHeight; height++) {
    for (const chainId of graph.chainIds) {
      const { payload, txs } = blockPayload(
        chainId,
        height,
        options.transactionsAt(chainId, height),
        options.resultData ?? (() => undefined),
      );
      payloadsByHash.set(payload.payloadHash.toString('base64url'), payload);
      const genesis = height === 0;
      const draft: BlockHeader = {
        featureFlags: 0n,
        creationTime: 1_700_000_000_000_000n + BigInt(height) * 30_000_000n,
        parent: genesis ? genesisParentBlockHash(version.code, chainId) : at(chainId, height - 1).hash,
        adjacents: graph.adjacents(chainId).map((adjacent) => ({
          chainId: adjacent,
          hash: genesis ? genesisParentBlockHash(version.code, adjacent) : at(adjacent, height - 1).hash,
        })),
        target: Buffer.alloc(32, 0xff),
        payloadHash: payload.payloadHash,
        chainId,
        weight: Buffer.alloc(32),
        height,
        versionCode: version.code,
        epochStart: 1_700_000_000_000_000n,
        nonce: 0n,
        hash: Buffer.alloc(32),
      };
      const header = { ...draft, hash: computeBlockHash(draft) };
      canonical.set(`${chainId}@${height}`, header);
      headersByHash.set(hashKey(chainId, header.hash), header);
      txs.forEach(({ requestKey, output }, txIndex) =>
        transactions.set(requestKey, { requestKey, chainId, height, txIndex, output }),
      );
    }
  }
  const fork = (chainId: number, height: number): BlockHeader => {
    const original = at(chainId, height);
    const sibling = { ...original, nonce: original.nonce + 1n };
    const forked = { ...sibling, hash: computeBlockHash(sibling) };
    headersByHash.set(hashKey(chainId, forked.hash), forked);
    return forked;
  };
  return { info, version, maxHeight, headersByHash, payloadsByHash, transactions, at, fork };
}
