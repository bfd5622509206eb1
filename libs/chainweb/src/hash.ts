import { hash as oneShotHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';

/** Length in bytes of every Chainweb Merkle hash (SHA-512/256). */
export const HASH_LENGTH = 32;

/**
 * SHA-512/256 (FIPS 180-4), Chainweb's `SHA512t_256`. The one-shot `crypto.hash` is the fastest
 * path Node offers (no Hash object per call), which matters: trees hash millions of nodes.
 */
export function sha512_256(data: Uint8Array): Buffer {
  return oneShotHash('sha512-256', data, 'buffer');
}

/** BLAKE2b-256: Pact request keys are base64url(blake2b-256(cmd)). */
export function blake2b256(data: Uint8Array): Buffer {
  const digest = blake2b(data, { dkLen: 32 });
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** BLAKE2s-256: Chainweb's proof-of-work hash over the header bytes without the block hash. */
export function blake2s256(data: Uint8Array): Buffer {
  return oneShotHash('blake2s256', data, 'buffer');
}
