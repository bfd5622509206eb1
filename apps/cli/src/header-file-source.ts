import {
  blockHeaderFromObjectJson,
  ChainwebError,
  computeBlockHash,
  decodeBlockHeaderBase64Url,
  type BlockHeader,
  type HeaderSource,
} from '@spv-cloud/chainweb';
import { CliError } from './cli.errors';
import { parseExactJsonInput } from './input-reader';

/**
 * The headers a user trusts, from a file (`spv verify --headers`): what the node serves, i.e. a JSON
 * array or a page `{"items": […]}` of base64url headers or object-JSON headers (a single header and
 * one base64url header per line work too). Every header must hash to its recorded hash.
 *
 * "Canonical at a height" is what the file says: the only header of that chain at that height, or,
 * when the file holds forks, the one the file's higher headers descend from.
 */
export class HeaderFileSource implements HeaderSource {
  private readonly byHash = new Map<string, BlockHeader>();
  private readonly byChainHeight = new Map<string, BlockHeader[]>();

  constructor(headers: readonly BlockHeader[]) {
    for (const header of headers) {
      this.byHash.set(hashKey(header.chainId, header.hash), header);
      const key = `${header.chainId}@${header.height}`;
      const siblings = this.byChainHeight.get(key) ?? [];
      if (!siblings.some((sibling) => sibling.hash.equals(header.hash))) siblings.push(header);
      this.byChainHeight.set(key, siblings);
    }
  }

  get size(): number {
    return this.byHash.size;
  }

  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    return Promise.resolve(this.byHash.get(hashKey(chainId, hash)));
  }

  canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    const candidates = this.byChainHeight.get(`${chainId}@${height}`) ?? [];
    if (candidates.length <= 1) return Promise.resolve(candidates[0]);
    const withDescendants = candidates.filter((candidate) => this.hasDescendant(candidate));
    return Promise.resolve(withDescendants.length === 1 ? withDescendants[0] : undefined);
  }

  /** Whether a header of the next height in the file names this one as its parent. */
  private hasDescendant(header: BlockHeader): boolean {
    const children = this.byChainHeight.get(`${header.chainId}@${header.height + 1}`) ?? [];
    return children.some((child) => child.parent.equals(header.hash));
  }
}

function hashKey(chainId: number, hash: Buffer): string {
  return `${chainId}/${hash.toString('base64url')}`;
}

/** Reads and checks every header of a headers file; any header that does not decode or hash is an input error. */
export function parseHeadersFile(text: string, path: string): BlockHeader[] {
  const trimmed = text.trim();
  const items =
    trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.startsWith('"')
      ? headerItems(parseExactJsonInput(trimmed, path, 'headers file'), path)
      : trimmed
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .map((line) => line.trim());
  if (items.length === 0)
    throw new CliError('input', `headers file ${JSON.stringify(path)} holds no headers`);
  return items.map((item, index) => {
    let header: BlockHeader;
    try {
      header = typeof item === 'string' ? decodeBlockHeaderBase64Url(item) : blockHeaderFromObjectJson(item);
    } catch (error) {
      if (error instanceof ChainwebError) {
        throw new CliError(
          'input',
          `headers file ${JSON.stringify(path)}, header ${index}: ${error.message}`,
        );
      }
      throw error;
    }
    if (!computeBlockHash(header).equals(header.hash)) {
      throw new CliError(
        'input',
        `headers file ${JSON.stringify(path)}, header ${index}: its fields do not hash to its recorded hash`,
      );
    }
    return header;
  });
}

function headerItems(json: unknown, path: string): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json === 'string') return [json];
  if (typeof json === 'object' && json !== null) {
    const items = (json as Record<string, unknown>)['items'];
    if (Array.isArray(items)) return items;
    // One object-JSON header on its own.
    if (Object.hasOwn(json, 'payloadHash')) return [json];
  }
  throw new CliError(
    'input',
    `headers file ${JSON.stringify(path)}: expected a JSON array or a page {"items": […]} of headers`,
  );
}
