import { ChainwebError, invalidInput } from '../errors';
import { computeBlockHash, type BlockHeader } from '../header';
import { assertHash } from '../merkle/merkle-log';
import type { ChainwebVersion } from '../version';
import { isChainIdValue } from './spv-proof';
import type { HeaderSource } from './spv-sources';
import { checkHeight, checkVersion } from './spv-target';

/**
 * Authenticating a proof's root, chainweb's HeaderOracle (src/Chainweb/BlockHeaderDB/HeaderOracle.hs):
 * the root must be a block hash of the proof's chain, on the canonical branch, not above the block
 * the redeeming transaction builds on, and, once the version's SPV root window is in force, at most
 * that many blocks below it (20,000 on mainnet01 and testnet04 since Chainweb 2.31).
 */

export type SpvRootDistrust =
  /** No header of that chain has this hash. */
  | 'unknown_root'
  /** The source answered with a header of another chain, or one that does not hash to the root. */
  | 'inconsistent_source'
  /** A header of the chain, but not on its canonical branch (an orphaned fork). */
  | 'not_canonical'
  /** Above `currentHeight`: not yet an ancestor of the redeeming block. */
  | 'not_yet_valid'
  /** Below the version's SPV root window. */
  | 'expired';

export type SpvRootTrust =
  | { readonly trusted: true; readonly header: BlockHeader }
  | { readonly trusted: false; readonly reason: SpvRootDistrust; readonly message: string };

export interface SpvRootTrustOptions {
  /**
   * Height of the header the redeeming block builds on (chainweb's oracle upper bound: the parent of
   * the block that runs the Pact transaction; for a check "now", the current head height).
   */
  readonly currentHeight: number;
  /** Supplies the SPV root window and the chain's genesis height. */
  readonly version: ChainwebVersion;
}

export async function assessSpvRoot(
  chain: number,
  root: Uint8Array,
  headers: HeaderSource,
  options?: SpvRootTrustOptions,
): Promise<SpvRootTrust> {
  if (!isChainIdValue(chain)) throw invalidInput('chain: expected a chain id');
  assertHash(root, 'root');
  if (
    headers === null ||
    typeof headers !== 'object' ||
    typeof headers.header !== 'function' ||
    typeof headers.canonicalHeaderAt !== 'function'
  ) {
    throw invalidInput('headers: expected a HeaderSource');
  }
  if (options !== undefined) {
    if (options === null || typeof options !== 'object')
      throw invalidInput('trust options: expected an object');
    checkHeight(options.currentHeight, 'currentHeight');
    checkVersion(options.version);
    if (typeof options.version.spvRootMinHeight !== 'function')
      throw invalidInput('version: expected a ChainwebVersion');
  }
  const rootHash = Buffer.from(root);
  const header = await headers.header(chain, rootHash);
  if (header === undefined || header === null) {
    return distrust('unknown_root', `no header of chain ${chain} has hash ${rootHash.toString('base64url')}`);
  }
  if (
    header.chainId !== chain ||
    !Buffer.isBuffer(header.hash) ||
    !header.hash.equals(rootHash) ||
    !hashesTo(header, rootHash)
  ) {
    return distrust(
      'inconsistent_source',
      `the header source answered for ${rootHash.toString('base64url')} with another header`,
    );
  }
  const canonical = await headers.canonicalHeaderAt(chain, header.height);
  if (canonical === undefined || canonical === null || !canonical.hash.equals(rootHash)) {
    return distrust(
      'not_canonical',
      `chain ${chain} @${header.height}: the root is not on the canonical branch`,
    );
  }
  if (options !== undefined) {
    if (header.height > options.currentHeight) {
      return distrust(
        'not_yet_valid',
        `the root is at height ${header.height}, above the current height ${options.currentHeight}`,
      );
    }
    const lowest = options.version.spvRootMinHeight(chain, options.currentHeight);
    if (header.height < lowest) {
      return distrust(
        'expired',
        `the root is at height ${header.height}, below the SPV root window (lowest ${lowest})`,
      );
    }
  }
  return { trusted: true, header };
}

/** Whether `root` is a trusted block hash of `chain` (see assessSpvRoot for the reasons it may not be). */
export async function checkRootTrusted(
  chain: number,
  root: Uint8Array,
  headers: HeaderSource,
  options?: SpvRootTrustOptions,
): Promise<boolean> {
  return (await assessSpvRoot(chain, root, headers, options)).trusted;
}

function hashesTo(header: BlockHeader, hash: Buffer): boolean {
  try {
    return computeBlockHash(header).equals(hash);
  } catch (error) {
    // A malformed header from the source is a source fault, not a reason to crash the verifier.
    if (error instanceof ChainwebError) return false;
    throw error;
  }
}

function distrust(reason: SpvRootDistrust, message: string): SpvRootTrust {
  return { trusted: false, reason, message };
}
