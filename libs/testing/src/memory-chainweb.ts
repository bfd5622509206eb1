/**
 * An in-memory braided chainweb for tests: real header and payload encodings and hashes (via
 * @spv-cloud/chainweb), chains that grow one height at a time, transactions submitted now and mined in
 * the next block. It has the shape of @spv-cloud/proof-service's ChainAccess port (network, nodeUrl,
 * version, locate, headHeight, headers, payloads, nodeSpvProof), so proof generation runs against it
 * without a node; `calls` counts every read (a cached proof costs none).
 */
import {
  buildPayload,
  computeBlockHash,
  computeRequestKey,
  createSpvProof,
  defineChainwebVersion,
  DEVELOPMENT,
  encodeSpvProofBase64Url,
  genesisParentBlockHash,
  PETERSEN_GRAPH,
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
  type HeaderSource,
  type PayloadSource,
  type SpvProofRootWindow,
} from '@spv-cloud/chainweb';

/** Where a mined transaction is (ChainAccess.locate). */
export interface TransactionLocation {
  readonly blockHash: Buffer;
  readonly height: number;
}

export interface SyntheticTransaction {
  readonly requestKey: string;
  readonly transaction: Buffer;
  readonly output: Buffer;
}

export function syntheticTransaction(label: string): SyntheticTransaction {
  const cmd = JSON.stringify({
    networkId: 'development',
    payload: { exec: { code: '(+ 1 2)', data: { label } } },
    nonce: label,
  });
  const requestKey = computeRequestKey(cmd);
  return {
    requestKey,
    transaction: Buffer.from(JSON.stringify({ hash: requestKey, sigs: [], cmd })),
    output: Buffer.from(
      JSON.stringify({
        gas: 7,
        result: { status: 'success', data: 3 },
        reqKey: requestKey,
        logs: null,
        events: [],
        metaData: null,
        continuation: null,
        txId: 1,
      }),
    ),
  };
}

/** `development` on the Petersen graph (10 chains), as the devnet runs it, with an optional SPV root window. */
export function memoryVersion(
  options: { spvProofRootWindow?: SpvProofRootWindow; blockDelayUs?: bigint } = {},
): ChainwebVersion {
  return defineChainwebVersion({
    name: 'development',
    code: DEVELOPMENT.code,
    graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }],
    blockDelay: options.blockDelayUs ?? 30_000_000n,
    ...(options.spvProofRootWindow ? { spvProofRootWindow: options.spvProofRootWindow } : {}),
  });
}

export type CrossCheckBehaviour = 'agree' | 'disagree' | 'absent';

export class MemoryChainweb {
  readonly network = 'development';
  readonly nodeUrl = 'memory://chainweb';
  readonly versionValue: ChainwebVersion;
  private readonly canonical = new Map<string, BlockHeader>();
  private readonly byHash = new Map<string, BlockHeader>();
  private readonly payloadsByHash = new Map<string, BlockPayload>();
  private readonly mempool = new Map<number, SyntheticTransaction[]>();
  private readonly mined = new Map<string, TransactionLocation>();
  private height = -1;
  crossCheck: CrossCheckBehaviour = 'agree';
  /** How many times each port method was called (a cached proof costs no chain reads). */
  readonly calls = { locate: 0, headHeight: 0, header: 0, canonicalHeaderAt: 0, payload: 0, nodeSpvProof: 0 };

  constructor(options: { version?: ChainwebVersion; height?: number } = {}) {
    this.versionValue = options.version ?? memoryVersion();
    this.mine((options.height ?? 0) + 1);
  }

  get currentHeight(): number {
    return this.height;
  }

  /** Queues a transaction for the next block of `chainId`; returns it (its request key). */
  submit(chainId: number, label: string): SyntheticTransaction {
    const tx = syntheticTransaction(label);
    this.mempool.set(chainId, [...(this.mempool.get(chainId) ?? []), tx]);
    return tx;
  }

  /** Adds `count` heights to every chain (braided: each header links its parent and its adjacents' parents). */
  mine(count = 1): void {
    for (let i = 0; i < count; i++) {
      const height = ++this.height;
      const headers: BlockHeader[] = [];
      for (const chainId of this.versionValue.chainIds) {
        const txs = this.mempool.get(chainId) ?? [];
        this.mempool.delete(chainId);
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
          transactions: txs.map((tx) => ({ transaction: tx.transaction, output: tx.output })),
        });
        const header = this.makeHeader(chainId, height, payload);
        headers.push(header);
        this.payloadsByHash.set(`${chainId}:${payload.payloadHash.toString('base64url')}`, payload);
        for (const tx of txs)
          this.mined.set(`${chainId}:${tx.requestKey}`, { blockHash: header.hash, height });
      }
      for (const header of headers) {
        this.canonical.set(`${header.chainId}@${header.height}`, header);
        this.byHash.set(`${header.chainId}:${header.hash.toString('base64url')}`, header);
      }
    }
  }

  at(chainId: number, height: number): BlockHeader {
    const header = this.canonical.get(`${chainId}@${height}`);
    if (!header) throw new Error(`no header at ${chainId}@${height}`);
    return header;
  }

  // ------------------------------------------------------------------ ChainAccess

  version(): Promise<ChainwebVersion> {
    return Promise.resolve(this.versionValue);
  }

  locate(chainId: number, requestKey: string): Promise<TransactionLocation | undefined> {
    this.calls.locate++;
    return Promise.resolve(this.mined.get(`${chainId}:${requestKey}`));
  }

  headHeight(chainId: number): Promise<number> {
    this.calls.headHeight++;
    if (!this.versionValue.hasChain(chainId)) return Promise.reject(new Error(`no chain ${chainId}`));
    return Promise.resolve(this.height);
  }

  readonly headers: HeaderSource = {
    header: (chainId, hash) => {
      this.calls.header++;
      return Promise.resolve(this.byHash.get(`${chainId}:${hash.toString('base64url')}`));
    },
    canonicalHeaderAt: (chainId, height) => {
      this.calls.canonicalHeaderAt++;
      return Promise.resolve(this.canonical.get(`${chainId}@${height}`));
    },
  };

  readonly payloads: PayloadSource = {
    payload: (chainId, payloadHash) => {
      this.calls.payload++;
      return Promise.resolve(this.payloadsByHash.get(`${chainId}:${payloadHash.toString('base64url')}`));
    },
  };

  async nodeSpvProof(
    chainId: number,
    requestKey: string,
    targetChainId: number,
  ): Promise<string | undefined> {
    this.calls.nodeSpvProof++;
    if (this.crossCheck === 'absent') return undefined;
    const location = this.mined.get(`${chainId}:${requestKey}`);
    if (!location) return undefined;
    const proof = await createSpvProof({
      version: this.versionValue,
      kind: 'TXOUT',
      sourceChain: chainId,
      blockHash: location.blockHash,
      requestKey,
      targetChain: targetChainId,
      targetHeadHeight: this.height,
      headers: this.headers,
      payloads: this.payloads,
    });
    const encoded = encodeSpvProofBase64Url(proof);
    return this.crossCheck === 'agree' ? encoded : `${encoded.slice(0, -4)}AAAA`;
  }

  private makeHeader(chainId: number, height: number, payload: BlockPayload): BlockHeader {
    const version = this.versionValue;
    const genesis = height === version.genesisHeight(chainId);
    const graph = version.graphAt(genesis ? height : height - 1);
    const draft: BlockHeader = {
      featureFlags: 0n,
      creationTime: 1_700_000_000_000_000n + BigInt(height) * 30_000_000n,
      parent: genesis ? genesisParentBlockHash(version.code, chainId) : this.at(chainId, height - 1).hash,
      adjacents: graph.adjacents(chainId).map((a) => ({
        chainId: a,
        hash: genesis ? genesisParentBlockHash(version.code, a) : this.at(a, height - 1).hash,
      })),
      target: Buffer.alloc(32, 0xff),
      payloadHash: payload.payloadHash,
      chainId,
      weight: Buffer.alloc(32),
      height,
      versionCode: version.code,
      epochStart: 1_700_000_000_000_000n,
      nonce: BigInt(height),
      hash: Buffer.alloc(32),
    };
    return { ...draft, hash: computeBlockHash(draft) };
  }
}
