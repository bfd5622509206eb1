import { fromBase64Url, toBase64Url } from '../base64url';
import { ChainwebError, invalidInput } from '../errors';
import { HASH_LENGTH } from '../hash';
import { type AdjacentHash, type BlockHeader, checkBlockHeaderShape } from './block-header';

/*
 * Binary layout (encodeBlockHeader, all integers little-endian):
 *   flags u64 ‖ creationTime i64 ‖ parent 32 ‖ N u16 ‖ N × (chainId u32 ‖ hash 32) ‖ target u256 ‖
 *   payloadHash 32 ‖ chainId u32 ‖ weight u256 ‖ height u64 ‖ version u32 ‖ epochStart i64 ‖
 *   nonce u64 ‖ hash 32
 */
const ADJACENTS_OFFSET = 50;
export const ADJACENT_RECORD_LENGTH = 4 + HASH_LENGTH;
/** Length of a header without adjacents; 318 with the 3 adjacents of both production graphs. */
export const BLOCK_HEADER_BASE_LENGTH = ADJACENTS_OFFSET + 160;

export function blockHeaderLength(adjacentCount: number): number {
  return BLOCK_HEADER_BASE_LENGTH + ADJACENT_RECORD_LENGTH * adjacentCount;
}

const copy = (buf: Buffer, start: number, length: number): Buffer =>
  Buffer.from(buf.subarray(start, start + length));

/** Decodes the binary header with any number of adjacents; they must be sorted by chain id. */
export function decodeBlockHeader(bytes: Uint8Array): BlockHeader {
  if (!(bytes instanceof Uint8Array)) throw invalidInput('block header: expected bytes');
  if (bytes.length < BLOCK_HEADER_BASE_LENGTH) {
    throw new ChainwebError(
      'bad_length',
      `block header: ${bytes.length} bytes is shorter than the ${BLOCK_HEADER_BASE_LENGTH}-byte minimum`,
    );
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = buf.readUInt16LE(48);
  const expected = blockHeaderLength(count);
  if (buf.length !== expected) {
    throw new ChainwebError(
      'bad_length',
      `block header: ${buf.length} bytes, but ${count} adjacents make ${expected}`,
    );
  }
  const adjacents: AdjacentHash[] = [];
  let offset = ADJACENTS_OFFSET;
  for (let i = 0; i < count; i++, offset += ADJACENT_RECORD_LENGTH) {
    const chainId = buf.readUInt32LE(offset);
    const previous = adjacents[i - 1];
    if (previous !== undefined && chainId <= previous.chainId) {
      throw new ChainwebError(
        'bad_encoding',
        chainId === previous.chainId
          ? `block header: adjacent chain ${chainId} appears twice`
          : `block header: adjacents are not sorted by chain id (${previous.chainId} before ${chainId})`,
      );
    }
    adjacents.push({ chainId, hash: copy(buf, offset + 4, HASH_LENGTH) });
  }
  const height = buf.readBigUInt64LE(offset + 100);
  if (height > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ChainwebError('bad_encoding', `block header: height ${height} exceeds 2^53`);
  return {
    featureFlags: buf.readBigUInt64LE(0),
    creationTime: buf.readBigInt64LE(8),
    parent: copy(buf, 16, HASH_LENGTH),
    adjacents,
    target: copy(buf, offset, HASH_LENGTH),
    payloadHash: copy(buf, offset + 32, HASH_LENGTH),
    chainId: buf.readUInt32LE(offset + 64),
    weight: copy(buf, offset + 68, HASH_LENGTH),
    height: Number(height),
    versionCode: buf.readUInt32LE(offset + 108),
    epochStart: buf.readBigInt64LE(offset + 112),
    nonce: buf.readBigUInt64LE(offset + 120),
    hash: copy(buf, offset + 128, HASH_LENGTH),
  };
}

function writeHeader(header: BlockHeader, withHash: boolean): Buffer {
  checkBlockHeaderShape(header);
  const full = blockHeaderLength(header.adjacents.length);
  const out = Buffer.allocUnsafe(withHash ? full : full - HASH_LENGTH);
  out.writeBigUInt64LE(header.featureFlags, 0);
  out.writeBigInt64LE(header.creationTime, 8);
  out.set(header.parent, 16);
  out.writeUInt16LE(header.adjacents.length, 48);
  let offset = ADJACENTS_OFFSET;
  for (const adjacent of header.adjacents) {
    out.writeUInt32LE(adjacent.chainId, offset);
    out.set(adjacent.hash, offset + 4);
    offset += ADJACENT_RECORD_LENGTH;
  }
  out.set(header.target, offset);
  out.set(header.payloadHash, offset + 32);
  out.writeUInt32LE(header.chainId, offset + 64);
  out.set(header.weight, offset + 68);
  out.writeBigUInt64LE(BigInt(header.height), offset + 100);
  out.writeUInt32LE(header.versionCode, offset + 108);
  out.writeBigInt64LE(header.epochStart, offset + 112);
  out.writeBigUInt64LE(header.nonce, offset + 120);
  if (withHash) out.set(header.hash, offset + 128);
  return out;
}

/** The binary header as chainweb-node encodes it. */
export function encodeBlockHeader(header: BlockHeader): Buffer {
  return writeHeader(header, true);
}

/** The header bytes without the trailing block hash: the input of the proof-of-work hash. */
export function encodeBlockHeaderWithoutHash(header: BlockHeader): Buffer {
  return writeHeader(header, false);
}

/** Decodes the base64url form (chainweb's default JSON encoding of a header, without the quotes). */
export function decodeBlockHeaderBase64Url(text: string): BlockHeader {
  return decodeBlockHeader(fromBase64Url(text, 'block header'));
}

export function encodeBlockHeaderBase64Url(header: BlockHeader): string {
  return toBase64Url(encodeBlockHeader(header));
}
