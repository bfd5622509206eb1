import { ChainwebError, invalidInput } from '../errors';
import { blockHeaderTree, computeBlockHash, HEADER_LEAF, type BlockHeader } from '../header';
import { assertHash } from '../merkle/merkle-log';
import type { ChainwebVersion } from '../version';
import type { HeaderSource } from './spv-sources';
import { checkVersion } from './spv-target';

/**
 * The block-header part of an SPV proof (chainweb createPayloadProof_ steps 3–5): a block hash is
 * carried up through later headers, each of which commits to the previous one either as its parent
 * (header leaf 2, same chain) or as an adjacent parent (leaf 11 + the previous chain's position
 * among the header's adjacent chain ids, which are sorted ascending).
 */

/** The header leaf at which `upper` commits to `lower`'s hash. Throws not_adjacent when it does not. */
export function headerLinkLeaf(upper: BlockHeader, lower: BlockHeader): number {
  if (upper.chainId === lower.chainId) {
    if (upper.parent.equals(lower.hash)) return HEADER_LEAF.parent;
    throw new ChainwebError(
      'not_adjacent',
      `header ${describe(upper)} is not the child of ${describe(lower)}`,
    );
  }
  const index = upper.adjacents.findIndex((adjacent) => adjacent.chainId === lower.chainId);
  if (index < 0)
    throw new ChainwebError(
      'not_adjacent',
      `chain ${upper.chainId} is not adjacent to chain ${lower.chainId} in ${describe(upper)}`,
    );
  if (!upper.adjacents[index]!.hash.equals(lower.hash)) {
    throw new ChainwebError(
      'not_adjacent',
      `header ${describe(upper)} does not reference ${describe(lower)} as its adjacent parent`,
    );
  }
  return HEADER_LEAF.firstAdjacent + index;
}

/**
 * The proof steps taking `start`'s block hash to the hash of the last header of `path`, each header
 * of `path` committing to the one before it. An empty path yields no steps.
 */
export function headerChainSteps(start: BlockHeader, path: readonly BlockHeader[]): Buffer {
  checkHeaderList(path);
  const parts: Buffer[] = [];
  let lower = start;
  for (const upper of path) {
    parts.push(blockHeaderTree(upper).proofSteps(headerLinkLeaf(upper, lower)));
    lower = upper;
  }
  return Buffer.concat(parts);
}

/** The steps of one header's own tree from its payload hash (leaf 4) to its block hash. */
export function payloadHashSteps(header: BlockHeader): Buffer {
  return blockHeaderTree(header).proofSteps(HEADER_LEAF.payloadHash);
}

/**
 * Reads a header from the source and checks it is what was asked for: the right chain, and a block
 * hash that is both the requested one and the one its fields hash to.
 */
export async function fetchCheckedHeader(
  headers: HeaderSource,
  chainId: number,
  hash: Buffer,
): Promise<BlockHeader> {
  const header = await headers.header(chainId, hash);
  if (header === undefined || header === null) {
    throw new ChainwebError(
      'header_missing',
      `header ${hash.toString('base64url')} of chain ${chainId} is not available`,
    );
  }
  checkHeaderIdentity(header, chainId, hash);
  return header;
}

export function checkHeaderIdentity(header: BlockHeader, chainId: number, hash?: Buffer): void {
  if (header === null || typeof header !== 'object' || !Buffer.isBuffer(header.hash)) {
    throw invalidInput('header source returned something that is not a BlockHeader');
  }
  if (header.chainId !== chainId) {
    throw new ChainwebError(
      'hash_mismatch',
      `header source returned a header of chain ${header.chainId} for chain ${chainId}`,
    );
  }
  if (hash !== undefined && !header.hash.equals(hash)) {
    throw new ChainwebError(
      'hash_mismatch',
      `header source returned ${describe(header)} for ${hash.toString('base64url')}`,
    );
  }
  if (!computeBlockHash(header).equals(header.hash)) {
    throw new ChainwebError(
      'hash_mismatch',
      `header ${describe(header)} does not hash to its recorded block hash`,
    );
  }
}

/**
 * The headers between a source block and a target header, ascending, ending with the target: first
 * the source chain's own headers above the source block (parent links), then the walk of chainweb's
 * crumbsToChain from the target towards the source chain along `shortestPath(target, source)` of
 * the graph at the target height, one adjacent parent per hop. Empty when target = source.
 */
export async function headersBetween(
  version: ChainwebVersion,
  headers: HeaderSource,
  source: BlockHeader,
  target: BlockHeader,
): Promise<BlockHeader[]> {
  checkVersion(version);
  const path = version.graphAt(target.height).shortestPath(target.chainId, source.chainId);
  if (target.height + 1 < path.length) {
    throw new ChainwebError(
      'not_reachable',
      `chain ${source.chainId} cannot be reached from ${describe(target)}: the chainweb is too young`,
    );
  }
  // Both walks go downwards; the lists are reversed at the end into proof order (ascending).
  const descending: BlockHeader[] = [];
  let current = target;
  for (const chainId of path) {
    const adjacent = current.adjacents.find((a) => a.chainId === chainId);
    if (adjacent === undefined) {
      throw new ChainwebError(
        'not_adjacent',
        `${describe(current)} has no adjacent parent on chain ${chainId}`,
      );
    }
    const next = await fetchCheckedHeader(headers, chainId, adjacent.hash);
    checkParentHeight(current, next);
    descending.push(current);
    current = next;
  }
  if (current.height < source.height) {
    throw new ChainwebError(
      'not_reachable',
      `${describe(target)} is too low to reach the source block ${describe(source)}`,
    );
  }
  while (current.height > source.height) {
    const parent = await fetchCheckedHeader(headers, current.chainId, current.parent);
    checkParentHeight(current, parent);
    descending.push(current);
    current = parent;
  }
  if (!current.hash.equals(source.hash)) {
    throw new ChainwebError(
      'not_reachable',
      `the source block ${describe(source)} is not an ancestor of the target header ${describe(target)} (it is on another branch)`,
    );
  }
  return descending.reverse();
}

function checkParentHeight(child: BlockHeader, parent: BlockHeader): void {
  if (parent.height + 1 !== child.height) {
    throw new ChainwebError('hash_mismatch', `${describe(parent)} cannot be a parent of ${describe(child)}`);
  }
}

export function checkHeaderList(path: unknown): asserts path is readonly BlockHeader[] {
  if (!Array.isArray(path)) throw invalidInput('header path: expected an array of headers');
}

export function checkHeaderHash(hash: Uint8Array, what: string): Buffer {
  assertHash(hash, what);
  return Buffer.from(hash);
}

export function describe(header: BlockHeader): string {
  return `chain ${header.chainId} @${header.height} (${header.hash.toString('base64url')})`;
}
