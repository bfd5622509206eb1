import { ChainwebError } from '../errors';
import { sha512_256 } from '../hash';
import { inputSubject, MerkleProofObject, treeSubject } from '../merkle/merkle-proof';
import {
  ANCHOR_HASH_ALGORITHM,
  checkAnchoredEventProof,
  checkEventInclusionProof,
  isEventDigestAlgorithm,
  type AnchoredEventProof,
  type EventInclusionProof,
  type EventRef,
} from '../events';
import { SPV_ALGORITHM, spvProof, type SpvProof } from '../spv';

/**
 * The compact binary form of every proof we issue (documented in libs/chainweb/README.md):
 *
 *   "SPVC" (53 50 56 43) ‖ u8 format version (1) ‖ u8 kind ‖ body ‖ checksum (8 bytes)
 *
 * kind 0x01 Chainweb SPV proof, 0x02 anchored event proof, 0x03 event proof (unanchored).
 * Integers are big-endian; `str16` = u16 length ‖ UTF-8, `bytes16`/`bytes32` = u16/u32 length ‖ bytes.
 *
 *   spv body      = u32 chain ‖ u8 algorithm (1 = SHA512t_256) ‖ u8 subject kind (0 input, 1 tree)
 *                   ‖ bytes32 subject (input: tag ‖ entry bytes; tree: 32-byte root) ‖ bytes32 proof object
 *   event part    = str16 tenant id ‖ str16 namespace ‖ str16 digest algorithm ‖ u64 index ‖ bytes16 digest
 *   batch part    = u8 tree algorithm (1 = SHA512t_256) ‖ u64 leaf count ‖ 32-byte root ‖ bytes32 inclusion proof object
 *   kind 0x02     = event part ‖ str16 batch id ‖ batch part ‖ bytes32 spv body
 *   kind 0x03     = event part ‖ batch part
 *
 * Proof objects use merkle-log's own encoding. The checksum is the first 8 bytes of SHA-512/256 over
 * everything before it: it is no security measure (the proofs are), it tells a damaged file apart
 * from a forged proof and catches damage in fields verification ignores (a proof's subject position).
 */

export const PROOF_BINARY_MAGIC: Buffer = Buffer.from('SPVC', 'ascii');
export const PROOF_BINARY_VERSION = 1;
export const PROOF_BINARY_KIND = { spv: 0x01, anchoredEvent: 0x02, event: 0x03 } as const;
export const PROOF_BINARY_CHECKSUM_LENGTH = 8;

const HEADER_LENGTH = PROOF_BINARY_MAGIC.length + 2;
const ALGORITHM_SHA512T_256 = 1;
const SUBJECT_INPUT = 0;
const SUBJECT_TREE = 1;

export type BinaryProof =
  | { readonly kind: 'spv'; readonly proof: SpvProof }
  | { readonly kind: 'anchored-event'; readonly proof: AnchoredEventProof }
  | { readonly kind: 'event'; readonly proof: EventInclusionProof };

export function encodeSpvProofBinary(proof: SpvProof): Buffer {
  return envelope(PROOF_BINARY_KIND.spv, spvBody(proof));
}

export function encodeAnchoredEventProofBinary(proof: AnchoredEventProof): Buffer {
  checkAnchoredEventProof(proof);
  const w = new ByteWriter();
  writeEvent(w, proof.event);
  w.str16(proof.batch.id);
  writeBatch(w, proof);
  w.bytes32(spvBody(proof.anchor));
  return envelope(PROOF_BINARY_KIND.anchoredEvent, w.finish());
}

export function encodeEventProofBinary(proof: EventInclusionProof): Buffer {
  checkEventInclusionProof(proof);
  const w = new ByteWriter();
  writeEvent(w, proof.event);
  writeBatch(w, proof);
  return envelope(PROOF_BINARY_KIND.event, w.finish());
}

/** True when the bytes start with the binary form's magic (whatever follows). */
export function hasProofBinaryMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PROOF_BINARY_MAGIC.length &&
    PROOF_BINARY_MAGIC.equals(bytes.subarray(0, PROOF_BINARY_MAGIC.length))
  );
}

/**
 * Decodes any binary proof. Errors: unknown_format (no magic or unknown kind), unsupported_version,
 * bad_length (truncated or trailing bytes), bad_checksum, bad_encoding / unsupported_algorithm (a field).
 */
export function decodeProofBinary(input: Uint8Array): BinaryProof {
  if (!(input instanceof Uint8Array))
    throw new ChainwebError('invalid_input', 'binary proof: expected bytes');
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!hasProofBinaryMagic(bytes))
    throw new ChainwebError('unknown_format', 'binary proof: missing the SPVC magic');
  if (bytes.length < HEADER_LENGTH + PROOF_BINARY_CHECKSUM_LENGTH) {
    throw new ChainwebError(
      'bad_length',
      `binary proof: ${bytes.length} bytes is shorter than header and checksum`,
    );
  }
  const version = bytes[4];
  if (version !== PROOF_BINARY_VERSION)
    throw new ChainwebError(
      'unsupported_version',
      `binary proof: format version ${version} is not supported`,
    );
  const bodyEnd = bytes.length - PROOF_BINARY_CHECKSUM_LENGTH;
  if (!checksum(bytes.subarray(0, bodyEnd)).equals(bytes.subarray(bodyEnd))) {
    throw new ChainwebError(
      'bad_checksum',
      'binary proof: checksum mismatch (the file is damaged or truncated)',
    );
  }
  const kind = bytes[5] as number;
  const r = new ByteReader(bytes.subarray(HEADER_LENGTH, bodyEnd));
  return structural(() => {
    switch (kind) {
      case PROOF_BINARY_KIND.spv: {
        const proof = readSpvBody(r);
        r.end();
        return { kind: 'spv', proof };
      }
      case PROOF_BINARY_KIND.anchoredEvent: {
        const event = readEvent(r);
        const id = r.str16('batch id');
        const { batch, inclusion } = readBatch(r);
        const anchorReader = new ByteReader(r.bytes32('anchor'));
        const anchor = readSpvBody(anchorReader);
        anchorReader.end();
        r.end();
        const proof: AnchoredEventProof = { event, batch: { id, ...batch }, inclusion, anchor };
        checkAnchoredEventProof(proof);
        return { kind: 'anchored-event', proof };
      }
      case PROOF_BINARY_KIND.event: {
        const event = readEvent(r);
        const { batch, inclusion } = readBatch(r);
        r.end();
        const proof: EventInclusionProof = { event, batch, inclusion };
        checkEventInclusionProof(proof);
        return { kind: 'event', proof };
      }
      default:
        throw new ChainwebError(
          'unknown_format',
          `binary proof: unknown kind 0x${kind.toString(16).padStart(2, '0')}`,
        );
    }
  });
}

function envelope(kind: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_LENGTH + body.length + PROOF_BINARY_CHECKSUM_LENGTH);
  PROOF_BINARY_MAGIC.copy(out, 0);
  out[4] = PROOF_BINARY_VERSION;
  out[5] = kind;
  body.copy(out, HEADER_LENGTH);
  const end = HEADER_LENGTH + body.length;
  checksum(out.subarray(0, end)).copy(out, end);
  return out;
}

function checksum(bytes: Uint8Array): Buffer {
  return sha512_256(bytes).subarray(0, PROOF_BINARY_CHECKSUM_LENGTH);
}

function spvBody(proof: SpvProof): Buffer {
  if (typeof proof !== 'object' || proof === null)
    throw new ChainwebError('invalid_input', 'spv proof: expected an object');
  spvProof(proof.chain, proof.object, proof.subject); // the SPV module's definition of a well-formed proof
  if (proof.algorithm !== SPV_ALGORITHM) {
    throw new ChainwebError('unsupported_algorithm', 'spv proof algorithm must be SHA512t_256');
  }
  const w = new ByteWriter();
  w.u32(proof.chain);
  w.u8(ALGORITHM_SHA512T_256);
  w.u8(proof.subject.kind === 'input' ? SUBJECT_INPUT : SUBJECT_TREE);
  w.bytes32(proof.subject.kind === 'input' ? proof.subject.bytes : proof.subject.root);
  w.bytes32(proof.object.encode());
  return w.finish();
}

function readSpvBody(r: ByteReader): SpvProof {
  const chain = r.u32();
  if (r.u8() !== ALGORITHM_SHA512T_256)
    throw new ChainwebError('unsupported_algorithm', 'binary proof: unknown SPV algorithm code');
  const subjectKind = r.u8();
  const subject = r.bytes32('subject');
  const object = MerkleProofObject.decode(r.bytes32('proof object'));
  if (subjectKind === SUBJECT_INPUT) return spvProof(chain, object, inputSubject(subject));
  if (subjectKind === SUBJECT_TREE) return spvProof(chain, object, treeSubject(subject));
  throw bad(`unknown subject kind ${subjectKind}`);
}

function writeEvent(w: ByteWriter, event: EventRef): void {
  w.str16(event.tenantId);
  w.str16(event.namespace);
  w.str16(event.digestAlgorithm);
  w.u64(event.index);
  w.bytes16(event.digest);
}

function readEvent(r: ByteReader): EventRef {
  const tenantId = r.str16('tenant id');
  const namespace = r.str16('namespace');
  const digestAlgorithm = r.str16('digest algorithm');
  const index = r.u64('event index');
  const digest = Buffer.from(r.bytes16('digest'));
  if (!isEventDigestAlgorithm(digestAlgorithm)) {
    throw new ChainwebError(
      'unsupported_algorithm',
      `binary proof: event digest algorithm ${JSON.stringify(digestAlgorithm)} is not supported`,
    );
  }
  return { tenantId, namespace, digestAlgorithm, index, digest };
}

function writeBatch(w: ByteWriter, proof: EventInclusionProof): void {
  w.u8(ALGORITHM_SHA512T_256);
  w.u64(proof.batch.leafCount);
  w.raw(proof.batch.root);
  w.bytes32(proof.inclusion.encode());
}

function readBatch(r: ByteReader): Pick<EventInclusionProof, 'batch' | 'inclusion'> {
  if (r.u8() !== ALGORITHM_SHA512T_256) {
    throw new ChainwebError(
      'unsupported_algorithm',
      `binary proof: batch tree algorithm must be ${ANCHOR_HASH_ALGORITHM}`,
    );
  }
  const leafCount = r.u64('leaf count');
  const root = Buffer.from(r.raw(32, 'batch root'));
  const inclusion = MerkleProofObject.decode(r.bytes32('inclusion'));
  return { batch: { root, leafCount }, inclusion };
}

/** Field checks on decoded values report bad_encoding: the bytes, not the caller, are at fault. */
function structural<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ChainwebError && error.code === 'invalid_input') throw bad(error.message);
    throw error;
  }
}

function bad(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', `binary proof: ${message}`);
}

class ByteWriter {
  private readonly parts: Buffer[] = [];

  u8(value: number): void {
    this.parts.push(Buffer.from([value]));
  }

  u32(value: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32BE(value);
    this.parts.push(b);
  }

  u64(value: number): void {
    const b = Buffer.allocUnsafe(8);
    b.writeBigUInt64BE(BigInt(value));
    this.parts.push(b);
  }

  raw(bytes: Uint8Array): void {
    this.parts.push(Buffer.from(bytes));
  }

  str16(text: string): void {
    this.bytes16(Buffer.from(text, 'utf8'));
  }

  bytes16(bytes: Uint8Array): void {
    if (bytes.length > 0xffff)
      throw new ChainwebError('invalid_input', 'binary proof: field longer than 65535 bytes');
    const b = Buffer.allocUnsafe(2);
    b.writeUInt16BE(bytes.length);
    this.parts.push(b, Buffer.from(bytes));
  }

  bytes32(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.parts.push(Buffer.from(bytes));
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}

  private take(n: number, what: string): Buffer {
    if (this.at + n > this.buf.length)
      throw new ChainwebError('bad_length', `binary proof: truncated ${what}`);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  u8(): number {
    return this.take(1, 'byte')[0] as number;
  }

  u32(): number {
    return this.take(4, 'u32').readUInt32BE(0);
  }

  u64(what: string): number {
    const value = this.take(8, what).readBigUInt64BE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`${what} is too large`);
    return Number(value);
  }

  raw(n: number, what: string): Buffer {
    return this.take(n, what);
  }

  str16(what: string): string {
    return utf8(this.bytes16(what), what);
  }

  bytes16(what: string): Buffer {
    return this.take(this.take(2, what).readUInt16BE(0), what);
  }

  bytes32(what: string): Buffer {
    return this.take(this.u32(), what);
  }

  end(): void {
    if (this.at !== this.buf.length)
      throw new ChainwebError('bad_length', `binary proof: ${this.buf.length - this.at} trailing bytes`);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw bad(`${what} is not valid UTF-8`);
  }
}
