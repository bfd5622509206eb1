import { invalidInput } from '../errors';

/**
 * The order in which chainweb-node's `HashMap ChainId` iterates its keys, which decides the internal
 * vertex indices of digraph's Floyd–Warshall and so the tie-break between equally short paths.
 *
 * Current nodes are built with hashable-1.5: hash(ChainId w) = hashInt(defaultSalt, w) =
 * mixHash(0xcbf29ce484222325, w), and unordered-containers iterates a HAMT by 5-bit chunks of that
 * hash, least significant chunk first. For 0..19 this yields [16,9,0,6,4,1,2,18,14,10,…] and for
 * 0..9 [9,0,6,4,1,2,3,5,8,7], the orders that reproduce the paths of real proofs (spec §5.4).
 */

const MASK_64 = (1n << 64n) - 1n;
const DEFAULT_SALT = 0xcbf29ce484222325n;
const CHUNK_BITS = 5n;
const CHUNK_MASK = 31n;
const CHUNKS_PER_HASH = 13; // ⌈64 / 5⌉

/** hashable-1.5 `mixHash hi lo` on 64-bit words. */
function mixHash(hi: bigint, lo: bigint): bigint {
  const product = hi * lo;
  const mulFold = ((product >> 64n) ^ product) & MASK_64;
  return avalanche((byteSwap64(lo) + hi + mulFold) & MASK_64);
}

function avalanche(z0: bigint): bigint {
  const z1 = shiftXorMultiply(33n, 0xff51afd7ed558ccdn, z0);
  const z2 = shiftXorMultiply(33n, 0xc4ceb9fe1a85ec53n, z1);
  return z2 ^ (z2 >> 33n);
}

function shiftXorMultiply(shift: bigint, factor: bigint, w: bigint): bigint {
  return ((w ^ (w >> shift)) * factor) & MASK_64;
}

function byteSwap64(w: bigint): bigint {
  const buf = Buffer.allocUnsafe(8);
  buf.writeBigUInt64LE(w);
  return buf.readBigUInt64BE();
}

/** hash(ChainId) as hashable-1.5 computes it on a 64-bit platform (unsigned view). */
export function chainIdHash(chainId: number): bigint {
  if (!Number.isInteger(chainId) || chainId < 0 || chainId > 0xffffffff) {
    throw invalidInput(`chain id must be a u32, got ${chainId}`);
  }
  return mixHash(DEFAULT_SALT, BigInt(chainId));
}

function compareHashes(a: bigint, b: bigint): number {
  for (let chunk = 0; chunk < CHUNKS_PER_HASH; chunk++) {
    const shift = BigInt(chunk) * CHUNK_BITS;
    const ca = (a >> shift) & CHUNK_MASK;
    const cb = (b >> shift) & CHUNK_MASK;
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  return 0;
}

/** The chain ids in the iteration order of a hashable-1.5 `HashMap ChainId` (current chainweb-node). */
export function chainIdHashMapOrder(chainIds: readonly number[]): number[] {
  const keyed = chainIds.map((id) => ({ id, hash: chainIdHash(id) }));
  keyed.sort((a, b) => compareHashes(a.hash, b.hash) || a.id - b.id);
  return keyed.map((k) => k.id);
}
