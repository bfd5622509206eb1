import { sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signs what the service attests to (provenance checkpoints, retention deletion receipts) with the
 * service's Ed25519 key (`SERVICE_SIGNING_KEY`). A port, so tests use a throw-away key.
 */
export interface ServiceSigner {
  /** Short stable id of the key (`SpvConfig.signing.keyId`), stored next to every signature. */
  readonly keyId: string;
  readonly publicKeyHex: string;
  sign(message: Uint8Array): Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** An Ed25519 key as @spv-cloud/config parses it. */
export interface Ed25519KeyMaterial {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyHex: string;
  readonly keyId: string;
}

export class Ed25519ServiceSigner implements ServiceSigner {
  readonly keyId: string;
  readonly publicKeyHex: string;

  constructor(private readonly key: Ed25519KeyMaterial) {
    if (key.privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 key');
    this.keyId = key.keyId;
    this.publicKeyHex = key.publicKeyHex;
  }

  sign(message: Uint8Array): Buffer {
    return sign(null, message, this.key.privateKey);
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return verify(null, message, this.key.publicKey, signature);
  }
}
