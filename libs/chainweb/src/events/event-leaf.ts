import { ChainwebError, invalidInput } from '../errors';
import { sha512_256 } from '../hash';

/**
 * Leaves of an event batch, encoding version 1 (documented in libs/chainweb/README.md, "Event batches").
 *
 * A leaf is a merkle-log input leaf, H(0x00 ‖ entry), whose entry binds the event to its tenant,
 * namespace and position, so a leaf (or its proof) cannot be replayed into another tenant's batch,
 * another namespace or another index:
 *
 *   entry = "SCEV"                       4 bytes 53 43 45 56 ("SPV Cloud EVent")
 *         ‖ 0x01                         u8, encoding version
 *         ‖ u16 BE len ‖ algorithm       ASCII name of the event digest's algorithm ("sha256", …)
 *         ‖ u16 BE len ‖ tenant id       UTF-8, 1..256 bytes
 *         ‖ u16 BE len ‖ namespace       UTF-8, 0..256 bytes
 *         ‖ u64 BE index                 position of the event in its batch
 *         ‖ u16 BE len ‖ digest          exactly the algorithm's digest length
 *
 * Every variable-length field carries its length, so the encoding is injective. Chainweb entries
 * start with a big-endian u16 tag whose high byte is 0x00 (0x0000..0x0034); ours start with 0x53, so
 * an event leaf is never the leaf of a Chainweb header or payload entry, and the version byte lets a
 * future encoding coexist. Strings are encoded as given (no Unicode normalisation).
 */

export const EVENT_LEAF_MAGIC: Buffer = Buffer.from([0x53, 0x43, 0x45, 0x56]);
export const EVENT_LEAF_VERSION = 1;

/** The digest algorithms an event digest may use, with their digest lengths in bytes. */
export const EVENT_DIGEST_ALGORITHMS = {
  sha256: 32,
  sha384: 48,
  sha512: 64,
  'sha512-256': 32,
  'sha3-256': 32,
  'sha3-512': 64,
  keccak256: 32,
  'blake2b-256': 32,
  'blake2s-256': 32,
  blake3: 32,
} as const;

export type EventDigestAlgorithm = keyof typeof EVENT_DIGEST_ALGORITHMS;

export const MAX_TENANT_ID_BYTES = 256;
export const MAX_NAMESPACE_BYTES = 256;
/** Batches are limited to 2^32 events: proofs then have at most 32 steps. */
export const MAX_BATCH_EVENTS = 2 ** 32;

/** Who an event belongs to and how its digest was made: shared by every event of a batch. */
export interface EventScope {
  readonly tenantId: string;
  readonly namespace: string;
  readonly digestAlgorithm: EventDigestAlgorithm;
}

/** One event as its leaf binds it. */
export interface EventRef extends EventScope {
  readonly index: number;
  readonly digest: Buffer;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isEventDigestAlgorithm(name: unknown): name is EventDigestAlgorithm {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENT_DIGEST_ALGORITHMS, name);
}

export function digestLengthOf(algorithm: EventDigestAlgorithm): number {
  return EVENT_DIGEST_ALGORITHMS[algorithm];
}

/**
 * UTF-8 bytes of an identifier. Lone surrogates are refused because UTF-8 encoding would map them
 * all to U+FFFD, making two different strings share a leaf.
 */
export function identifierBytes(value: unknown, what: string, minBytes: number, maxBytes: number): Buffer {
  if (typeof value !== 'string') throw invalidInput(`${what}: expected a string`);
  if (LONE_SURROGATE.test(value)) throw invalidInput(`${what}: not well-formed Unicode`);
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length < minBytes || bytes.length > maxBytes) {
    throw invalidInput(`${what}: ${bytes.length} UTF-8 bytes, expected ${minBytes}..${maxBytes}`);
  }
  return bytes;
}

export function checkEventScope(scope: EventScope): void {
  if (typeof scope !== 'object' || scope === null) throw invalidInput('event scope: expected an object');
  identifierBytes(scope.tenantId, 'tenant id', 1, MAX_TENANT_ID_BYTES);
  identifierBytes(scope.namespace, 'namespace', 0, MAX_NAMESPACE_BYTES);
  if (!isEventDigestAlgorithm(scope.digestAlgorithm)) {
    throw invalidInput(`unknown event digest algorithm: ${String(scope.digestAlgorithm)}`);
  }
}

export function sameScope(a: EventScope, b: EventScope): boolean {
  return a.tenantId === b.tenantId && a.namespace === b.namespace && a.digestAlgorithm === b.digestAlgorithm;
}

/**
 * Encodes and hashes the leaves of one scope. The scope prefix is encoded once; each leaf only
 * writes its index and digest into a reused buffer, so hashing a leaf allocates nothing but the hash.
 */
export class EventLeafEncoder {
  readonly scope: EventScope;
  readonly digestLength: number;
  /** 0x00 ‖ entry, with the index and digest rewritten for every leaf. */
  private readonly scratch: Buffer;
  private readonly indexOffset: number;

  constructor(scope: EventScope) {
    checkEventScope(scope);
    this.scope = {
      tenantId: scope.tenantId,
      namespace: scope.namespace,
      digestAlgorithm: scope.digestAlgorithm,
    };
    this.digestLength = digestLengthOf(scope.digestAlgorithm);
    const algorithm = Buffer.from(scope.digestAlgorithm, 'ascii');
    const tenant = Buffer.from(scope.tenantId, 'utf8');
    const namespace = Buffer.from(scope.namespace, 'utf8');
    const size =
      1 +
      4 +
      1 +
      (2 + algorithm.length) +
      (2 + tenant.length) +
      (2 + namespace.length) +
      8 +
      2 +
      this.digestLength;
    const buf = Buffer.alloc(size);
    let at = 1; // buf[0] = 0x00, merkle-log's input-leaf prefix
    at += EVENT_LEAF_MAGIC.copy(buf, at);
    buf[at++] = EVENT_LEAF_VERSION;
    for (const field of [algorithm, tenant, namespace]) {
      at = buf.writeUInt16BE(field.length, at);
      at += field.copy(buf, at);
    }
    this.indexOffset = at;
    buf.writeUInt16BE(this.digestLength, at + 8);
    this.scratch = buf;
  }

  /** The leaf hash H(0x00 ‖ entry) of the event at `index` with `digest`. */
  leafHash(index: number, digest: Uint8Array): Buffer {
    this.write(index, digest);
    return sha512_256(this.scratch);
  }

  /** The entry bytes (without merkle-log's 0x00 prefix): the subject of the event's proof. */
  entry(index: number, digest: Uint8Array): Buffer {
    this.write(index, digest);
    return Buffer.from(this.scratch.subarray(1));
  }

  /** Hashes `count` leaves whose digests sit back to back in `digests`, into one flat Buffer. */
  leafHashesFlat(digests: Uint8Array, count: number): Buffer {
    const flat = Buffer.allocUnsafe(count * 32);
    const digestOffset = this.indexOffset + 10;
    for (let i = 0; i < count; i++) {
      this.writeIndex(i);
      this.scratch.set(digests.subarray(i * this.digestLength, (i + 1) * this.digestLength), digestOffset);
      sha512_256(this.scratch).copy(flat, i * 32);
    }
    return flat;
  }

  checkDigest(digest: unknown, what = 'event digest'): asserts digest is Uint8Array {
    if (!(digest instanceof Uint8Array) || digest.length !== this.digestLength) {
      throw invalidInput(`${what}: expected ${this.digestLength} bytes for ${this.scope.digestAlgorithm}`);
    }
  }

  private write(index: number, digest: Uint8Array): void {
    checkIndex(index);
    this.checkDigest(digest);
    this.writeIndex(index);
    this.scratch.set(digest, this.indexOffset + 10);
  }

  private writeIndex(index: number): void {
    // Two u32 halves: index < 2^32 here, but the field is a u64 so batches can grow without a new version.
    this.scratch.writeUInt32BE(Math.floor(index / 2 ** 32), this.indexOffset);
    this.scratch.writeUInt32BE(index % 2 ** 32, this.indexOffset + 4);
  }
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_BATCH_EVENTS) {
    throw invalidInput(`event index must be an integer in 0..${MAX_BATCH_EVENTS - 1}, got ${index}`);
  }
}

/** The entry bytes of one event (see the encoding above). */
export function encodeEventLeaf(event: EventRef): Buffer {
  return new EventLeafEncoder(event).entry(event.index, event.digest);
}

/** The leaf hash H(0x00 ‖ entry) of one event. */
export function eventLeafHash(event: EventRef): Buffer {
  return new EventLeafEncoder(event).leafHash(event.index, event.digest);
}

/**
 * Decodes the entry bytes of an event leaf (the inverse of `encodeEventLeaf`), checking every
 * length and that nothing trails.
 */
export function decodeEventLeaf(entry: Uint8Array): EventRef {
  if (!(entry instanceof Uint8Array)) throw invalidInput('event leaf: expected bytes');
  const buf = Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength);
  let at = 0;
  const need = (n: number): void => {
    if (at + n > buf.length) throw badLeaf('event leaf: truncated');
  };
  need(5);
  if (!buf.subarray(0, 4).equals(EVENT_LEAF_MAGIC)) throw badLeaf('event leaf: wrong magic');
  if (buf[4] !== EVENT_LEAF_VERSION) throw badLeaf(`event leaf: unsupported version ${buf[4]}`);
  at = 5;
  const field = (): Buffer => {
    need(2);
    const length = buf.readUInt16BE(at);
    at += 2;
    need(length);
    const bytes = buf.subarray(at, at + length);
    at += length;
    return bytes;
  };
  const algorithm = field().toString('latin1');
  const tenantId = field().toString('utf8');
  const namespace = field().toString('utf8');
  need(8);
  const index = buf.readUInt32BE(at) * 2 ** 32 + buf.readUInt32BE(at + 4);
  at += 8;
  const digest = Buffer.from(field());
  if (at !== buf.length) throw badLeaf('event leaf: trailing bytes');
  if (!isEventDigestAlgorithm(algorithm)) throw badLeaf(`event leaf: unknown digest algorithm ${algorithm}`);
  const event: EventRef = { tenantId, namespace, digestAlgorithm: algorithm, index, digest };
  // Re-encoding catches invalid UTF-8 (decoded to U+FFFD), lengths out of range and index bounds.
  let canonical: Buffer;
  try {
    canonical = encodeEventLeaf(event);
  } catch (error) {
    throw badLeaf(`event leaf: ${(error as Error).message}`);
  }
  if (!canonical.equals(buf)) throw badLeaf('event leaf: not canonical');
  return event;
}

function badLeaf(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', message);
}
