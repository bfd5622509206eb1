import { ChainwebError, invalidInput } from '../errors';
import { HASH_LENGTH, sha512_256 } from '../hash';
import { assertHash, leafHash, SIBLING_LEFT, SIBLING_RIGHT, STEP_LENGTH } from './merkle-log';

/**
 * What a proof proves: an input entry (hashed as a leaf) or the root of a nested tree (used as a
 * leaf as-is). For Chainweb entries, input bytes include the 2-byte tag.
 */
export type MerkleSubject =
  { readonly kind: 'input'; readonly bytes: Buffer } | { readonly kind: 'tree'; readonly root: Buffer };

export function inputSubject(bytes: Uint8Array): MerkleSubject {
  return { kind: 'input', bytes: Buffer.from(bytes) };
}

export function treeSubject(root: Uint8Array): MerkleSubject {
  assertHash(root, 'tree subject');
  return { kind: 'tree', root: Buffer.from(root) };
}

/** The hash a subject enters its first tree with. */
export function subjectLeafHash(subject: MerkleSubject): Buffer {
  return subject.kind === 'input' ? leafHash(subject.bytes) : subject.root;
}

const HEADER_LENGTH = 12;
const MAX_STEPS = 0xffffffff;

/**
 * merkle-log's `MerkleProofObject`: u32 BE step count ‖ u64 BE subject position ‖ steps, each step
 * a side byte (0x00 sibling left, 0x01 sibling right) ‖ a 32-byte sibling, ordered from the leaf up.
 * A nested proof ("proof chain") is one flat object whose steps run through every tree in turn;
 * the subject position is the subject's index in the innermost tree and verification ignores it.
 */
export class MerkleProofObject {
  readonly steps: Buffer;

  constructor(
    readonly subjectPosition: bigint,
    steps: Uint8Array,
  ) {
    if (
      typeof subjectPosition !== 'bigint' ||
      subjectPosition < 0n ||
      subjectPosition > 0xffffffffffffffffn
    ) {
      throw invalidInput('subject position must be a u64');
    }
    if (steps.length % STEP_LENGTH !== 0)
      throw new ChainwebError('bad_length', 'proof steps are not 33-byte records');
    if (steps.length / STEP_LENGTH > MAX_STEPS) throw new ChainwebError('bad_length', 'too many proof steps');
    for (let offset = 0; offset < steps.length; offset += STEP_LENGTH) {
      const side = steps[offset];
      if (side !== SIBLING_LEFT && side !== SIBLING_RIGHT) {
        throw new ChainwebError('bad_encoding', `proof step ${offset / STEP_LENGTH} has side byte ${side}`);
      }
    }
    this.steps = Buffer.from(steps);
  }

  get stepCount(): number {
    return this.steps.length / STEP_LENGTH;
  }

  /** The proof of a subject through several nested trees: the steps of each, innermost first. */
  static chain(first: MerkleProofObject, ...outer: readonly Uint8Array[]): MerkleProofObject {
    return new MerkleProofObject(first.subjectPosition, Buffer.concat([first.steps, ...outer]));
  }

  encode(): Buffer {
    const out = Buffer.allocUnsafe(HEADER_LENGTH + this.steps.length);
    out.writeUInt32BE(this.stepCount, 0);
    out.writeBigUInt64BE(this.subjectPosition, 4);
    this.steps.copy(out, HEADER_LENGTH);
    return out;
  }

  static decode(bytes: Uint8Array): MerkleProofObject {
    if (!(bytes instanceof Uint8Array)) throw invalidInput('proof object: expected bytes');
    if (bytes.length < HEADER_LENGTH) {
      throw new ChainwebError(
        'bad_length',
        `proof object: ${bytes.length} bytes is shorter than its 12-byte header`,
      );
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = buf.readUInt32BE(0);
    if (buf.length !== HEADER_LENGTH + count * STEP_LENGTH) {
      throw new ChainwebError(
        'bad_length',
        `proof object: ${count} steps need ${HEADER_LENGTH + count * STEP_LENGTH} bytes, got ${buf.length}`,
      );
    }
    return new MerkleProofObject(buf.readBigUInt64BE(4), buf.subarray(HEADER_LENGTH));
  }

  /** Runs the steps from a subject's leaf hash and returns the root they reach. */
  runFrom(leaf: Uint8Array): Buffer {
    return runSteps(leaf, this.steps);
  }

  /** Runs the proof for `subject` and returns the claimed root, which the caller must authenticate. */
  run(subject: MerkleSubject): Buffer {
    return runSteps(subjectLeafHash(subject), this.steps);
  }
}

/** Folds encoded steps over a starting hash. `steps` must hold whole, validated 33-byte steps. */
export function runSteps(start: Uint8Array, steps: Uint8Array): Buffer {
  assertHash(start, 'proof start');
  const scratch = Buffer.allocUnsafe(1 + 2 * HASH_LENGTH);
  scratch[0] = 0x01;
  let current: Uint8Array = start;
  for (let offset = 0; offset < steps.length; offset += STEP_LENGTH) {
    const sibling = steps.subarray(offset + 1, offset + STEP_LENGTH);
    if (steps[offset] === SIBLING_LEFT) {
      scratch.set(sibling, 1);
      scratch.set(current, 1 + HASH_LENGTH);
    } else {
      scratch.set(current, 1);
      scratch.set(sibling, 1 + HASH_LENGTH);
    }
    current = sha512_256(scratch);
  }
  return Buffer.from(current);
}
