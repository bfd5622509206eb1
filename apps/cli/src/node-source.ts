import {
  ChainwebError,
  chainwebVersion,
  chainwebVersionFromInfo,
  decodeBlockHeaderBase64Url,
  parsePayloadJson,
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
  type HeaderSource,
  type PayloadSource,
} from '@spv-cloud/chainweb';
import { CliError, usageError } from './cli.errors';
import { ChainwebNodeClient, normalizeBaseUrl, type CutEntry, type NodeClientOptions } from './node-client';

/**
 * The spv module's HeaderSource over a node's REST API. Headers are immutable, so they are cached
 * by hash; the cut (what "canonical" means) is read once and re-read only after refresh(), so one
 * proof is built against one consistent view of the chains.
 */
export class NodeHeaderSource implements HeaderSource {
  private readonly byHash = new Map<string, BlockHeader>();
  private cutView: Promise<ReadonlyMap<number, CutEntry>> | undefined;

  constructor(private readonly client: ChainwebNodeClient) {}

  /** Forget the cut, so the next canonical lookup sees blocks mined since. */
  refresh(): void {
    this.cutView = undefined;
  }

  async cut(): Promise<ReadonlyMap<number, CutEntry>> {
    this.cutView ??= this.client.cut();
    try {
      return await this.cutView;
    } catch (error) {
      this.cutView = undefined;
      throw error;
    }
  }

  async header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    const key = `${chainId}/${hash.toString('base64url')}`;
    const cached = this.byHash.get(key);
    if (cached !== undefined) return cached;
    const served = await this.client.header(chainId, hash.toString('base64url'));
    if (served === undefined) return undefined;
    const header = this.decode(served, `GET header ${hash.toString('base64url')} of chain ${chainId}`);
    this.byHash.set(key, header);
    return header;
  }

  async canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    const head = (await this.cut()).get(chainId);
    if (head === undefined || head.height < height) return undefined;
    const items = await this.client.branchHeadersAt(chainId, height, head.hash);
    const headers = items.map((item) =>
      this.decode(item, `the branch of chain ${chainId} at height ${height}`),
    );
    const found = headers.filter((header) => header.height === height && header.chainId === chainId);
    if (found.length > 1)
      throw this.client.malformed(
        `branch query of chain ${chainId}`,
        `${found.length} headers at height ${height}`,
      );
    const header = found[0];
    if (header !== undefined) this.byHash.set(`${chainId}/${header.hash.toString('base64url')}`, header);
    return header;
  }

  private decode(served: unknown, what: string): BlockHeader {
    if (typeof served !== 'string') throw this.client.malformed(what, 'a header is not a base64url string');
    try {
      return decodeBlockHeaderBase64Url(served);
    } catch (error) {
      if (error instanceof ChainwebError) throw this.client.malformed(what, error.message);
      throw error;
    }
  }
}

/** The spv module's PayloadSource over a node's REST API (PayloadWithOutputs, so TX and TXOUT both work). */
export class NodePayloadSource implements PayloadSource {
  constructor(private readonly client: ChainwebNodeClient) {}

  async payload(chainId: number, payloadHash: Buffer, height: number): Promise<BlockPayload | undefined> {
    const hash = payloadHash.toString('base64url');
    const served = await this.client.payloadWithOutputs(chainId, hash, height);
    if (served === undefined) return undefined;
    try {
      return parsePayloadJson(served);
    } catch (error) {
      if (error instanceof ChainwebError)
        throw this.client.malformed(`GET payload ${hash} of chain ${chainId}`, error.message);
      throw error;
    }
  }
}

export interface NodeConnection {
  readonly client: ChainwebNodeClient;
  readonly version: ChainwebVersion;
  readonly headers: NodeHeaderSource;
  readonly payloads: NodePayloadSource;
}

/**
 * Connects to a node: the chainweb version comes from `--network` when given (a built-in version),
 * otherwise from the node's `/info` (its name and graph history, so a devnet's graph is honoured).
 */
export async function connectNode(
  baseUrl: string,
  network: string | undefined,
  command: string,
  options: NodeClientOptions = {},
): Promise<NodeConnection> {
  const client = new ChainwebNodeClient(normalizeBaseUrl(baseUrl, command), network, options);
  let version: ChainwebVersion;
  if (network !== undefined) {
    try {
      version = chainwebVersion(network);
    } catch (error) {
      if (error instanceof ChainwebError) throw usageError(`--network: ${error.message}`, command);
      throw error;
    }
  } else {
    const info = await client.info();
    try {
      version = chainwebVersionFromInfo(info);
    } catch (error) {
      if (error instanceof ChainwebError)
        throw new CliError(
          'node',
          `node ${client.baseUrl}: cannot read its chainweb version from /info (${error.message}); pass --network`,
        );
      throw error;
    }
  }
  client.setVersionName(version.name);
  return { client, version, headers: new NodeHeaderSource(client), payloads: new NodePayloadSource(client) };
}
