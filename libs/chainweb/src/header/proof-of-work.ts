import { ChainwebError } from '../errors';
import { blake2s256 } from '../hash';
import type { ChainwebVersion } from '../version/chainweb-version';
import { findKnownChainwebVersion } from '../version/known-versions';
import type { BlockHeader } from './block-header';
import { encodeBlockHeaderWithoutHash } from './block-header-codec';
import { genesisParentBlockHash } from './block-header-merkle';
import { u256FromLe, UINT256_MAX } from './uint256';

/** BLAKE2s-256 of the header bytes without the trailing block hash. */
export function powHash(header: BlockHeader): Buffer {
  return blake2s256(encodeBlockHeaderWithoutHash(header));
}

/**
 * Whether a header is its chain's genesis header. chainweb defines it by height (height ==
 * genesisHeight); without a version that knows the chain, the genesis parent hash decides.
 */
export function isGenesisBlockHeader(header: BlockHeader, version?: ChainwebVersion): boolean {
  const v = version ?? findKnownChainwebVersion(header.versionCode);
  if (v !== undefined && v.code === header.versionCode && v.hasChain(header.chainId)) {
    return header.height === v.genesisHeight(header.chainId);
  }
  return header.parent.equals(genesisParentBlockHash(header.versionCode, header.chainId));
}

/** The PoW hash, read as a u256 little-endian, is at most the target (also little-endian). */
export function powHashMeetsTarget(header: BlockHeader): boolean {
  return u256FromLe(powHash(header)) <= u256FromLe(header.target);
}

/**
 * chainweb's prop_block_pow: genesis headers are not mined and versions with PoW disabled
 * (development) accept any hash; every other header must meet its target.
 */
export function checkProofOfWork(header: BlockHeader, version?: ChainwebVersion): boolean {
  if (isGenesisBlockHeader(header, version)) return true;
  const v = version ?? findKnownChainwebVersion(header.versionCode);
  if (v !== undefined && v.code === header.versionCode && v.disablePow) return true;
  return powHashMeetsTarget(header);
}

/** difficulty = ⌊(2^256 − 1) / target⌋, the weight a block adds to its chain. */
export function targetToDifficulty(target: Uint8Array | bigint): bigint {
  const value = typeof target === 'bigint' ? target : u256FromLe(target);
  if (value <= 0n || value > UINT256_MAX)
    throw new ChainwebError('invalid_input', 'target must be a non-zero u256');
  return UINT256_MAX / value;
}
