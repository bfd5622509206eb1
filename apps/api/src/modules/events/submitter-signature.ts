import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// DER prefix of an ed25519 SubjectPublicKeyInfo, followed by the 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The bytes a submitter signs for one event: digest ‖ u64 big-endian timestamp (ms since the epoch)
 * ‖ nonce (ASCII). The digest binds the content, the timestamp bounds replay to a time window, the
 * nonce makes each signature usable once.
 */
export function submitterSignedMessage(digest: Uint8Array, timestampMs: number, nonce: string): Buffer {
  const nonceBytes = Buffer.from(nonce, 'ascii');
  const message = Buffer.allocUnsafe(digest.length + 8 + nonceBytes.length);
  message.set(digest, 0);
  message.writeBigUInt64BE(BigInt(timestampMs), digest.length);
  nonceBytes.copy(message, digest.length + 8);
  return message;
}

export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error('an ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function verifySubmitterSignature(publicKey: KeyObject, message: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}
