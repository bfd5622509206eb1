import { invalidInput } from '../errors';
import { HASH_LENGTH, sha512_256 } from '../hash';

/**
 * Merkle logs as kadena-io/merkle-log builds them: SHA-512/256, leaves H(0x00 ‖ bytes), inner nodes
 * H(0x01 ‖ left ‖ right), and the RFC 6962 shape for sizes that are not powers of two.
 *
 * Trees keep each level in one flat Buffer (count × 32 bytes): a million small Buffers would make
 * garbage collection dominate the build. Pairing neighbours level by level and promoting an odd last
 * node unchanged yields exactly the RFC 6962 split (largest power of two strictly below n).
 */

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** Root of the empty tree: the bare hash of the empty string. */
export const EMPTY_TREE_ROOT: Buffer = sha512_256(Buffer.alloc(0));

/** H(0x00 ‖ bytes): the hash of an input leaf. */
export function leafHash(bytes: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + bytes.length);
  buf[0] = LEAF_PREFIX;
  buf.set(bytes, 1);
  return sha512_256(buf);
}

/** H(0x00 ‖ tag u16 BE ‖ bytes): the hash of a Chainweb input entry. */
export function taggedLeafHash(tag: number, bytes: Uint8Array): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffff)
    throw invalidInput(`merkle tag out of range: ${tag}`);
  return leafHash(taggedEntry(tag, bytes));
}

/** tag u16 BE ‖ bytes: the bytes of an input leaf, as they appear in a proof subject. */
export function taggedEntry(tag: number, bytes: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(2 + bytes.length);
  buf.writeUInt16BE(tag, 0);
  buf.set(bytes, 2);
  return buf;
}

/** H(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  assertHash(left, 'left');
  assertHash(right, 'right');
  const buf = Buffer.allocUnsafe(1 + 2 * HASH_LENGTH);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + HASH_LENGTH);
  return sha512_256(buf);
}

export function assertHash(value: Uint8Array, what: string): void {
  if (!(value instanceof Uint8Array) || value.length !== HASH_LENGTH) {
    throw invalidInput(`${what}: expected a ${HASH_LENGTH}-byte hash`);
  }
}

/** Size in bytes of one encoded proof step: side byte ‖ sibling hash. */
export const STEP_LENGTH = 1 + HASH_LENGTH;
/** Side byte of a step whose sibling is on the left: h = H(0x01 ‖ sibling ‖ h). */
export const SIBLING_LEFT = 0x00;
/** Side byte of a step whose sibling is on the right: h = H(0x01 ‖ h ‖ sibling). */
export const SIBLING_RIGHT = 0x01;

export class MerkleTree {
  /** levels[0] holds the leaf hashes; the last level holds the root alone. */
  private constructor(private readonly levels: readonly Buffer[]) {}

  /** Builds a tree from leaf hashes: one flat Buffer of n × 32 bytes, or a list of 32-byte hashes. */
  static fromLeafHashes(leaves: Buffer | readonly Uint8Array[]): MerkleTree {
    const flat = Buffer.isBuffer(leaves) ? leaves : flatten(leaves);
    if (flat.length % HASH_LENGTH !== 0) throw invalidInput('leaf hashes: length is not a multiple of 32');
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
    return new MerkleTree(levels);
  }

  /** Builds a tree whose leaves are input entries, hashed as H(0x00 ‖ bytes). */
  static fromInputs(inputs: readonly Uint8Array[]): MerkleTree {
    const flat = Buffer.allocUnsafe(inputs.length * HASH_LENGTH);
    inputs.forEach((input, i) => leafHash(input).copy(flat, i * HASH_LENGTH));
    return MerkleTree.fromLeafHashes(flat);
  }

  get size(): number {
    return (this.levels[0] as Buffer).length / HASH_LENGTH;
  }

  get depth(): number {
    return this.levels.length - 1;
  }

  get root(): Buffer {
    if (this.size === 0) return EMPTY_TREE_ROOT;
    return Buffer.from(this.levels[this.levels.length - 1] as Buffer);
  }

  leaf(index: number): Buffer {
    this.checkIndex(index);
    const leaves = this.levels[0] as Buffer;
    return Buffer.from(leaves.subarray(index * HASH_LENGTH, (index + 1) * HASH_LENGTH));
  }

  /** The encoded proof steps (side ‖ sibling, 33 bytes each) from leaf `index` up to the root. */
  proofSteps(index: number): Buffer {
    this.checkIndex(index);
    const out = Buffer.allocUnsafe(this.depth * STEP_LENGTH);
    let written = 0;
    let position = index;
    for (let level = 0; level < this.depth; level++) {
      const nodes = this.levels[level] as Buffer;
      const count = nodes.length / HASH_LENGTH;
      if (position & 1) {
        out[written] = SIBLING_LEFT;
        nodes.copy(out, written + 1, (position - 1) * HASH_LENGTH, position * HASH_LENGTH);
        written += STEP_LENGTH;
      } else if (position + 1 < count) {
        out[written] = SIBLING_RIGHT;
        nodes.copy(out, written + 1, (position + 1) * HASH_LENGTH, (position + 2) * HASH_LENGTH);
        written += STEP_LENGTH;
      }
      position >>>= 1;
    }
    return out.subarray(0, written);
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw invalidInput(`leaf index ${index} is outside a tree of ${this.size} leaves`);
    }
  }
}

/** Root of the tree over these leaf hashes. */
export function merkleRoot(leaves: Buffer | readonly Uint8Array[]): Buffer {
  return MerkleTree.fromLeafHashes(leaves).root;
}

function flatten(hashes: readonly Uint8Array[]): Buffer {
  const flat = Buffer.allocUnsafe(hashes.length * HASH_LENGTH);
  hashes.forEach((hash, i) => {
    assertHash(hash, `leaf ${i}`);
    flat.set(hash, i * HASH_LENGTH);
  });
  return flat;
}
