import {
  chainwebVersionFromInfo,
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
  type HeaderSource,
  type PayloadSource,
} from '@spv-cloud/chainweb';
import {
  ChainClientError,
  ChainwebNodeClient,
  ChainwebNodeSource,
  type FetchFunction,
  type HeaderCache,
} from '@spv-cloud/chain-client';
import { ProofServiceError } from '../proof-service.errors';
import type { ChainAccess, ChainAccessRegistry, TransactionLocation } from './chain-access';

export interface NodeNetworkConfig {
  /** The chainweb version name the node serves (`/info` nodeVersion), also the network's name here. */
  readonly network: string;
  readonly nodeUrl: string;
  readonly timeoutMs?: number;
  /** Shared header cache (RedisHeaderCache in the worker); default an in-process LRU. */
  readonly headerCache?: HeaderCache;
  readonly fetch?: FetchFunction;
}

interface Connected {
  readonly client: ChainwebNodeClient;
  readonly source: ChainwebNodeSource;
  readonly version: ChainwebVersion;
}

/**
 * ChainAccess over a chainweb-node (or the devnet) through @spv-cloud/chain-client. The chainweb
 * version comes from the node's `/info` (its real chain graph: the devnet runs `development` on the
 * Petersen graph), completed by the library's known version of that name (SPV root window, forks).
 * Connecting is lazy and retried after a failure.
 */
export class NodeChainAccess implements ChainAccess {
  readonly network: string;
  readonly nodeUrl: string;
  private connecting: Promise<Connected> | undefined;

  constructor(private readonly config: NodeNetworkConfig) {
    this.network = config.network;
    this.nodeUrl = config.nodeUrl.replace(/\/+$/, '');
  }

  async version(): Promise<ChainwebVersion> {
    return (await this.connected()).version;
  }

  readonly headers: HeaderSource = {
    header: async (chainId: number, hash: Buffer): Promise<BlockHeader | undefined> =>
      this.call(async (c) => c.source.header(chainId, hash)),
    canonicalHeaderAt: async (chainId: number, height: number): Promise<BlockHeader | undefined> =>
      this.call(async (c) => c.source.canonicalHeaderAt(chainId, height)),
  };

  readonly payloads: PayloadSource = {
    payload: async (
      chainId: number,
      payloadHash: Buffer,
      height: number,
    ): Promise<BlockPayload | undefined> =>
      this.call(async (c) => c.source.payload(chainId, payloadHash, height)),
  };

  async locate(chainId: number, requestKey: string): Promise<TransactionLocation | undefined> {
    return this.call(async ({ client }) => {
      const results = await client.poll(chainId, [requestKey]);
      const meta = results.get(requestKey)?.metaData;
      if (!meta || typeof meta.blockHash !== 'string') return undefined;
      return { blockHash: Buffer.from(meta.blockHash, 'base64url'), height: meta.blockHeight };
    });
  }

  async headHeight(chainId: number): Promise<number> {
    return this.call(async ({ client }) => {
      const head = (await client.cut()).hashes.get(chainId);
      if (!head)
        throw new ProofServiceError('unknown_chain', `chain ${chainId} is not in the cut of ${this.network}`);
      return head.height;
    });
  }

  async nodeSpvProof(
    chainId: number,
    requestKey: string,
    targetChainId: number,
  ): Promise<string | undefined> {
    try {
      const { client } = await this.connected();
      return await client.spv(chainId, requestKey, targetChainId);
    } catch {
      // Unreachable target, node busy, endpoint missing: no opinion, which is not a disagreement.
      return undefined;
    }
  }

  async *headerUpdates(signal: AbortSignal): AsyncIterable<BlockHeader> {
    const { client } = await this.connected();
    for await (const update of client.headerUpdates({ signal })) yield update.header;
  }

  private connected(): Promise<Connected> {
    if (!this.connecting) {
      const attempt = this.connect();
      this.connecting = attempt;
      attempt.catch(() => {
        if (this.connecting === attempt) this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async connect(): Promise<Connected> {
    const base = {
      name: this.network,
      baseUrl: this.nodeUrl,
      chainwebVersion: this.network,
      ...(this.config.timeoutMs ? { timeoutMs: this.config.timeoutMs } : {}),
    };
    const options = this.config.fetch ? { fetch: this.config.fetch } : {};
    // /info needs no chain ids; the real list comes from the graph the node reports.
    const probe = new ChainwebNodeClient({ ...base, chainIds: [0] }, options);
    let version: ChainwebVersion;
    try {
      version = chainwebVersionFromInfo(await probe.info());
    } catch (error) {
      throw toServiceError(error, `network ${this.network}: /info`);
    }
    if (version.name !== this.network) {
      throw new ProofServiceError(
        'chain_unavailable',
        `the node at ${this.nodeUrl} serves ${version.name}, not ${this.network}`,
        { retryable: false },
      );
    }
    const client = new ChainwebNodeClient(
      { ...base, chainIds: [...version.chainIds], versionCode: version.code },
      { ...options, version, ...(this.config.headerCache ? { headerCache: this.config.headerCache } : {}) },
    );
    return { client, source: new ChainwebNodeSource(client), version };
  }

  private async call<T>(work: (connected: Connected) => Promise<T>): Promise<T> {
    const connected = await this.connected();
    try {
      return await work(connected);
    } catch (error) {
      throw toServiceError(error, this.network);
    }
  }
}

/** Node failures become ProofServiceErrors: retryable when the node was unreachable or busy. */
export function toServiceError(error: unknown, where: string): unknown {
  if (error instanceof ProofServiceError) return error;
  if (error instanceof ChainClientError) {
    if (error.code === 'unknown_chain')
      return new ProofServiceError('unknown_chain', error.message, { cause: error });
    const retryable = error.retryable || ['rate_limited', 'node_error', 'bad_response'].includes(error.code);
    return new ProofServiceError('chain_unavailable', `${where}: ${error.code}: ${error.message}`, {
      retryable,
      cause: error,
    });
  }
  return error;
}

/** The configured networks, each connected lazily. */
export class NodeChainAccessRegistry implements ChainAccessRegistry {
  private readonly byName = new Map<string, NodeChainAccess>();

  constructor(configs: readonly NodeNetworkConfig[]) {
    for (const config of configs) this.byName.set(config.network, new NodeChainAccess(config));
  }

  names(): readonly string[] {
    return [...this.byName.keys()];
  }

  get(network: string): NodeChainAccess {
    const access = this.byName.get(network);
    if (!access) {
      throw new ProofServiceError('unknown_network', `network ${JSON.stringify(network)} is not configured`);
    }
    return access;
  }
}
