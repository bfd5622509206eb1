import { invalidInput } from '../errors';
import { HASH_LENGTH } from '../hash';

export interface AdjacentHash {
  readonly chainId: number;
  readonly hash: Buffer;
}

/**
 * A Chainweb block header (chainweb-node src/Chainweb/BlockHeader/Internal.hs). u64/u256 values and
 * times are bigint; height and chain id are numbers (checked safe integers).
 */
export interface BlockHeader {
  /** The first 8 bytes: feature flags, called ForkState since chainweb 2.33 (u64). */
  readonly featureFlags: bigint;
  /** µs since the Unix epoch (i64). */
  readonly creationTime: bigint;
  readonly parent: Buffer;
  /** Adjacent parent hashes, sorted by chain id ascending (their binary and Merkle order). */
  readonly adjacents: ReadonlyArray<AdjacentHash>;
  /** u256 little-endian. */
  readonly target: Buffer;
  readonly payloadHash: Buffer;
  readonly chainId: number;
  /** Accumulated difficulty, u256 little-endian. */
  readonly weight: Buffer;
  readonly height: number;
  readonly versionCode: number;
  /** µs since the Unix epoch (i64). */
  readonly epochStart: bigint;
  /** The 8 bytes before the hash (u64). */
  readonly nonce: bigint;
  readonly hash: Buffer;
}

export const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
export const U32_MAX = 0xffffffff;
/** A u16 adjacent count in the binary form. */
export const MAX_ADJACENTS = 0xffff;

function checkBytes(value: unknown, what: string): void {
  if (!(value instanceof Uint8Array) || value.length !== HASH_LENGTH)
    throw invalidInput(`block header ${what}: expected 32 bytes`);
}

function checkU32(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw invalidInput(`block header ${what}: expected a u32, got ${String(value)}`);
  }
}

function checkBigInt(value: unknown, min: bigint, max: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < min || value > max)
    throw invalidInput(`block header ${what}: out of range or not a bigint`);
}

/**
 * Checks that a value is a well-formed BlockHeader (types, ranges, 32-byte fields, adjacents sorted
 * by chain id without duplicates). It says nothing about the hash or consensus rules.
 */
export function checkBlockHeaderShape(header: unknown): asserts header is BlockHeader {
  if (header === null || typeof header !== 'object') throw invalidInput('block header: expected an object');
  const h = header as Record<keyof BlockHeader, unknown>;
  checkBigInt(h.featureFlags, 0n, U64_MAX, 'featureFlags');
  checkBigInt(h.creationTime, I64_MIN, I64_MAX, 'creationTime');
  checkBytes(h.parent, 'parent');
  if (!Array.isArray(h.adjacents)) throw invalidInput('block header adjacents: expected a list');
  if (h.adjacents.length > MAX_ADJACENTS) throw invalidInput('block header adjacents: too many');
  let previous = -1;
  for (const [i, adjacent] of (h.adjacents as unknown[]).entries()) {
    if (adjacent === null || typeof adjacent !== 'object')
      throw invalidInput(`block header adjacents[${i}]: expected {chainId, hash}`);
    const { chainId, hash } = adjacent as Record<string, unknown>;
    checkU32(chainId, `adjacents[${i}].chainId`);
    checkBytes(hash, `adjacents[${i}].hash`);
    if ((chainId as number) <= previous)
      throw invalidInput('block header adjacents: not sorted by chain id, or a chain id repeats');
    previous = chainId as number;
  }
  checkBytes(h.target, 'target');
  checkBytes(h.payloadHash, 'payloadHash');
  checkU32(h.chainId, 'chainId');
  checkBytes(h.weight, 'weight');
  if (typeof h.height !== 'number' || !Number.isSafeInteger(h.height) || h.height < 0) {
    throw invalidInput(`block header height: expected a non-negative safe integer, got ${String(h.height)}`);
  }
  checkU32(h.versionCode, 'versionCode');
  checkBigInt(h.epochStart, I64_MIN, I64_MAX, 'epochStart');
  checkBigInt(h.nonce, 0n, U64_MAX, 'nonce');
  checkBytes(h.hash, 'hash');
}
