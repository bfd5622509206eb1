import { invalidInput } from '../errors';

export const UINT256_MAX = (1n << 256n) - 1n;

/** Reads a 32-byte little-endian unsigned integer (targets, weights, PoW hashes). */
export function u256FromLe(bytes: Uint8Array): bigint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw invalidInput('u256: expected 32 bytes');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    buf.readBigUInt64LE(0) |
    (buf.readBigUInt64LE(8) << 64n) |
    (buf.readBigUInt64LE(16) << 128n) |
    (buf.readBigUInt64LE(24) << 192n)
  );
}

/** Writes a u256 as 32 little-endian bytes. */
export function u256ToLe(value: bigint): Buffer {
  if (typeof value !== 'bigint' || value < 0n || value > UINT256_MAX)
    throw invalidInput('u256: value out of range');
  const buf = Buffer.allocUnsafe(32);
  const mask = (1n << 64n) - 1n;
  buf.writeBigUInt64LE(value & mask, 0);
  buf.writeBigUInt64LE((value >> 64n) & mask, 8);
  buf.writeBigUInt64LE((value >> 128n) & mask, 16);
  buf.writeBigUInt64LE((value >> 192n) & mask, 24);
  return buf;
}
