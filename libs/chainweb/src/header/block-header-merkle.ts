import { invalidInput } from '../errors';
import { HASH_LENGTH } from '../hash';
import { leafHash, MerkleTree, merkleRoot, taggedLeafHash } from '../merkle/merkle-log';
import { MerkleTag } from '../merkle/merkle-tags';
import { type BlockHeader, checkBlockHeaderShape } from './block-header';

/**
 * Leaf positions in the block-hash Merkle tree (`MerkleLogHeader BlockHeader` then the adjacent
 * hashes). The Merkle order differs from the binary order: adjacents come last.
 */
export const HEADER_LEAF = {
  featureFlags: 0,
  creationTime: 1,
  parent: 2,
  target: 3,
  payloadHash: 4,
  chainId: 5,
  weight: 6,
  height: 7,
  versionCode: 8,
  epochStart: 9,
  nonce: 10,
  firstAdjacent: 11,
} as const;

/** Leaves before the adjacent hashes. */
export const HEADER_FIXED_LEAF_COUNT = 11;

function u32le(value: number): Buffer {
  const buf = Buffer.allocUnsafe(4);
  buf.writeUInt32LE(value);
  return buf;
}

function u64le(value: bigint): Buffer {
  const buf = Buffer.allocUnsafe(8);
  buf.writeBigUInt64LE(value);
  return buf;
}

function i64le(value: bigint): Buffer {
  const buf = Buffer.allocUnsafe(8);
  buf.writeBigInt64LE(value);
  return buf;
}

/** The ChainId leaf, H(0x00 ‖ 0x0002 ‖ chainId u32le): SPV checks it as the payload hash's sibling. */
export function chainIdLeafHash(chainId: number): Buffer {
  if (!Number.isInteger(chainId) || chainId < 0 || chainId > 0xffffffff)
    throw invalidInput(`chain id must be a u32, got ${chainId}`);
  return taggedLeafHash(MerkleTag.ChainId, u32le(chainId));
}

function writeLeafHashes(header: BlockHeader): Buffer {
  checkBlockHeaderShape(header);
  const flat = Buffer.allocUnsafe((HEADER_FIXED_LEAF_COUNT + header.adjacents.length) * HASH_LENGTH);
  const leaves: Uint8Array[] = [
    taggedLeafHash(MerkleTag.ForkState, u64le(header.featureFlags)),
    taggedLeafHash(MerkleTag.BlockCreationTime, i64le(header.creationTime)),
    header.parent,
    taggedLeafHash(MerkleTag.HashTarget, header.target),
    header.payloadHash,
    chainIdLeafHash(header.chainId),
    taggedLeafHash(MerkleTag.BlockWeight, header.weight),
    taggedLeafHash(MerkleTag.BlockHeight, u64le(BigInt(header.height))),
    taggedLeafHash(MerkleTag.ChainwebVersion, u32le(header.versionCode)),
    taggedLeafHash(MerkleTag.EpochStartTime, i64le(header.epochStart)),
    taggedLeafHash(MerkleTag.BlockNonce, u64le(header.nonce)),
  ];
  leaves.forEach((leaf, i) => flat.set(leaf, i * HASH_LENGTH));
  header.adjacents.forEach((adjacent, i) =>
    flat.set(adjacent.hash, (HEADER_FIXED_LEAF_COUNT + i) * HASH_LENGTH),
  );
  return flat;
}

/** The 11 + N leaf hashes of the block-hash tree, in Merkle order. */
export function blockHeaderLeafHashes(header: BlockHeader): Buffer[] {
  const flat = writeLeafHashes(header);
  const out: Buffer[] = [];
  for (let offset = 0; offset < flat.length; offset += HASH_LENGTH)
    out.push(flat.subarray(offset, offset + HASH_LENGTH));
  return out;
}

/** The block-hash Merkle tree (for proofs through a header: parent, payload or adjacent leaves). */
export function blockHeaderTree(header: BlockHeader): MerkleTree {
  return MerkleTree.fromLeafHashes(writeLeafHashes(header));
}

/** The block hash: root of the header's Merkle tree. Ignores the header's own `hash` field. */
export function computeBlockHash(header: BlockHeader): Buffer {
  return merkleRoot(writeLeafHashes(header));
}

/** Leaf index of the adjacent hash of `chainId` in a header's tree (11 + its rank among the adjacents). */
export function adjacentLeafIndex(header: BlockHeader, chainId: number): number {
  const position = header.adjacents.findIndex((a) => a.chainId === chainId);
  if (position < 0)
    throw invalidInput(`header of chain ${header.chainId} has no adjacent on chain ${chainId}`);
  return HEADER_LEAF.firstAdjacent + position;
}

const GENESIS_TAG = Buffer.from('CHAINWEB_GENESIS', 'ascii');

/**
 * The parent hash of a genesis header: the root of three UNTAGGED input leaves,
 * "CHAINWEB_GENESIS", the version code u32le and the chain id u32le.
 */
export function genesisParentBlockHash(versionCode: number, chainId: number): Buffer {
  if (!Number.isInteger(versionCode) || versionCode < 0 || versionCode > 0xffffffff) {
    throw invalidInput(`version code must be a u32, got ${versionCode}`);
  }
  if (!Number.isInteger(chainId) || chainId < 0 || chainId > 0xffffffff)
    throw invalidInput(`chain id must be a u32, got ${chainId}`);
  return merkleRoot([leafHash(GENESIS_TAG), leafHash(u32le(versionCode)), leafHash(u32le(chainId))]);
}
