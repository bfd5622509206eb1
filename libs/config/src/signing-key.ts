import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Ed25519SigningKey {
  /** Never serialized: KeyObject prints as `PrivateKeyObject { type: 'private' }`. */
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Raw 32-byte public key, hex. */
  readonly publicKeyHex: string;
  /** Stable short id: first 16 hex characters of sha256(raw public key). */
  readonly keyId: string;
}

/**
 * Accepts a 32-byte seed as 64 hex characters, or a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`,
 * newlines may be written as `\n`). Returns undefined when the value is not an Ed25519 private key.
 */
export function parseEd25519SigningKey(value: string): Ed25519SigningKey | undefined {
  let privateKey: KeyObject;
  try {
    const trimmed = value.trim();
    if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
      const der = Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(trimmed, 'hex')]);
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } else if (trimmed.includes('BEGIN PRIVATE KEY')) {
      privateKey = createPrivateKey({ key: trimmed.replaceAll('\\n', '\n'), format: 'pem' });
    } else {
      return undefined;
    }
  } catch {
    return undefined;
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return undefined;
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'jwk' }).x;
  if (typeof raw !== 'string') return undefined;
  const publicKeyBytes = Buffer.from(raw, 'base64url');
  return {
    privateKey,
    publicKey,
    publicKeyHex: publicKeyBytes.toString('hex'),
    keyId: createHash('sha256').update(publicKeyBytes).digest('hex').slice(0, 16),
  };
}
