import { ChainwebError, invalidInput } from '../errors';
import { HASH_LENGTH, sha512_256 } from '../hash';
import { assertHash, EMPTY_TREE_ROOT, nodeHash } from './merkle-log';

/**
 * RFC 6962 §2.1.2 consistency proofs over merkle-log trees (the same RFC 6962 shape and hashing as
 * MerkleTree): a proof that the tree of the first `oldSize` leaves is a prefix of the tree of the
 * first `newSize` leaves, i.e. that an append-only log only ever appended. A proof is a flat Buffer
 * of 32-byte node hashes, in the RFC's order.
 */

const NODE_PREFIX = 0x01;

/**
 * The consistency proof between the trees of the first `oldSize` and `newSize` leaves of
 * `leafHashes` (default `newSize`: every leaf). Empty when `oldSize` is 0 or equals `newSize`.
 */
export function merkleConsistencyProof(
  leafHashes: Buffer | readonly Uint8Array[],
  oldSize: number,
  newSize?: number,
): Buffer {
  const flat = flatLeaves(leafHashes);
  const available = flat.length / HASH_LENGTH;
  const to = newSize ?? available;
  checkSize(oldSize, 'oldSize');
  checkSize(to, 'newSize');
  if (to > available) throw invalidInput(`newSize ${to} exceeds the ${available} leaves given`);
  if (oldSize > to) throw invalidInput(`oldSize ${oldSize} exceeds newSize ${to}`);
  if (oldSize === 0 || oldSize === to) return Buffer.alloc(0);
  const levels = buildLevels(flat.subarray(0, to * HASH_LENGTH));
  const out: Buffer[] = [];
  subproof(levels, to, oldSize, 0, to, true, out);
  return Buffer.concat(out);
}

export interface MerkleConsistencyInput {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  /** Flat node hashes (n × 32 bytes) or a list of 32-byte hashes. */
  readonly proof: Uint8Array | readonly Uint8Array[];
}

/**
 * Whether `proof` shows the tree of size `oldSize` with root `oldRoot` is a prefix of the tree of
 * size `newSize` with root `newRoot` (RFC 9162 §2.1.4.2). Malformed input (sizes, hash lengths)
 * throws `invalid_input`; a proof that does not check out is `false`.
 */
export function verifyMerkleConsistency(input: MerkleConsistencyInput): boolean {
  if (input === null || typeof input !== 'object')
    throw invalidInput('consistency: expected an input object');
  const { oldSize, newSize } = input;
  checkSize(oldSize, 'oldSize');
  checkSize(newSize, 'newSize');
  if (oldSize > newSize) throw invalidInput(`oldSize ${oldSize} exceeds newSize ${newSize}`);
  assertHash(input.oldRoot, 'oldRoot');
  assertHash(input.newRoot, 'newRoot');
  const path = proofHashes(input.proof);
  const oldRoot = Buffer.from(input.oldRoot);
  const newRoot = Buffer.from(input.newRoot);

  if (oldSize === newSize) return path.length === 0 && oldRoot.equals(newRoot);
  // The empty tree is a prefix of every tree; its root is the hash of the empty string.
  if (oldSize === 0) return path.length === 0 && oldRoot.equals(EMPTY_TREE_ROOT);
  if (path.length === 0) return false;

  // When the old tree is a complete subtree its root is not sent: it starts the path.
  const nodes = isPowerOfTwo(oldSize) ? [oldRoot, ...path] : path;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn & 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = nodes[0] as Buffer;
  let sr = fr;
  for (let i = 1; i < nodes.length; i++) {
    const c = nodes[i] as Buffer;
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!(fn & 1) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/** SUBPROOF(m, D[start:end], complete) of RFC 6962, reading subtree roots from the levels. */
function subproof(
  levels: readonly Buffer[],
  size: number,
  m: number,
  start: number,
  end: number,
  complete: boolean,
  out: Buffer[],
): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(nodeAt(levels, size, start, end));
    return;
  }
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    subproof(levels, size, m, start, start + k, complete, out);
    out.push(nodeAt(levels, size, start + k, end));
  } else {
    subproof(levels, size, m - k, start + k, end, false, out);
    out.push(nodeAt(levels, size, start, start + k));
  }
}

/**
 * The root of leaves [start, end), which must be a node of the tree of `size` leaves: on level L
 * the node i covers [i·2^L, min((i+1)·2^L, size)), an odd last node being promoted unchanged.
 */
function nodeAt(levels: readonly Buffer[], size: number, start: number, end: number): Buffer {
  let level = 0;
  while (2 ** level < end - start) level++;
  const width = 2 ** level;
  const index = start / width;
  if (!Number.isInteger(index) || Math.min(start + width, size) !== end) {
    throw new ChainwebError('invalid_input', `[${start}, ${end}) is not a node of a ${size}-leaf tree`);
  }
  const nodes = levels[level] as Buffer;
  return Buffer.from(nodes.subarray(index * HASH_LENGTH, (index + 1) * HASH_LENGTH));
}

/** Every level of the tree in one flat Buffer each, built as MerkleTree builds them. */
function buildLevels(flat: Buffer): Buffer[] {
  const levels: Buffer[] = [flat];
  const scratch = Buffer.allocUnsafe(1 + 2 * HASH_LENGTH);
  scratch[0] = NODE_PREFIX;
  let current = flat;
  let count = flat.length / HASH_LENGTH;
  while (count > 1) {
    const pairs = count >>> 1;
    const nextCount = count - pairs;
    const next = Buffer.allocUnsafe(nextCount * HASH_LENGTH);
    for (let i = 0; i < pairs; i++) {
      const offset = 2 * i * HASH_LENGTH;
      current.copy(scratch, 1, offset, offset + 2 * HASH_LENGTH);
      sha512_256(scratch).copy(next, i * HASH_LENGTH);
    }
    if (count & 1) current.copy(next, pairs * HASH_LENGTH, (count - 1) * HASH_LENGTH);
    levels.push(next);
    current = next;
    count = nextCount;
  }
  return levels;
}

function flatLeaves(leaves: Buffer | readonly Uint8Array[]): Buffer {
  if (Buffer.isBuffer(leaves)) {
    if (leaves.length % HASH_LENGTH !== 0) throw invalidInput('leaf hashes: length is not a multiple of 32');
    return leaves;
  }
  if (!isList(leaves)) throw invalidInput('leaf hashes: expected a Buffer or a list of hashes');
  const flat = Buffer.allocUnsafe(leaves.length * HASH_LENGTH);
  leaves.forEach((hash, i) => {
    assertHash(hash, `leaf ${i}`);
    flat.set(hash, i * HASH_LENGTH);
  });
  return flat;
}

function proofHashes(proof: Uint8Array | readonly Uint8Array[]): Buffer[] {
  if (proof instanceof Uint8Array) {
    if (proof.length % HASH_LENGTH !== 0)
      throw invalidInput('consistency proof: length is not a multiple of 32');
    const hashes: Buffer[] = [];
    for (let offset = 0; offset < proof.length; offset += HASH_LENGTH) {
      hashes.push(Buffer.from(proof.subarray(offset, offset + HASH_LENGTH)));
    }
    return hashes;
  }
  if (!isList(proof)) throw invalidInput('consistency proof: expected bytes or a list of hashes');
  return proof.map((hash, i) => {
    assertHash(hash, `consistency proof hash ${i}`);
    return Buffer.from(hash);
  });
}

/** Array.isArray narrows readonly arrays to any[]; this keeps the element type. */
function isList<T>(value: T | readonly Uint8Array[]): value is readonly Uint8Array[] {
  return Array.isArray(value);
}

function checkSize(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(`${what}: expected a non-negative safe integer, got ${String(value)}`);
  }
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
