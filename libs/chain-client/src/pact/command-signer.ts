import { createSignWithKeypair, type IUnsignedCommand } from '@kadena/client';
import { createPublicKey, verify } from 'node:crypto';
import { ChainClientError } from '../chain-client.errors';
import type { SignedPactCommand } from '../chainweb-node.types';

/** Signs commands built by PactCommandFactory (a key store, a KMS, a wallet…). */
export interface CommandSigner {
  readonly publicKeys: readonly string[];
  sign(command: IUnsignedCommand): Promise<SignedPactCommand>;
}

/** An ed25519 key pair in Kadena's hex form (64 hex characters each; the secret is the 32-byte seed). */
export interface Ed25519KeyPair {
  readonly publicKey: string;
  readonly secretKey: string;
}

const HEX_KEY = /^[0-9a-f]{64}$/;
// DER prefix of an ed25519 SubjectPublicKeyInfo, followed by the 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Signs with ed25519 keys from configuration through @kadena/client (createSignWithKeypair). Every
 * signer of the command must be one of its keys, and every signature is checked before the command
 * leaves (a secret key that does not belong to its public key fails here, not at the node).
 */
export class KeypairCommandSigner implements CommandSigner {
  readonly publicKeys: readonly string[];
  private readonly keys: readonly Ed25519KeyPair[];

  constructor(keys: readonly Ed25519KeyPair[]) {
    if (!isList(keys) || keys.length === 0)
      throw new ChainClientError('invalid_argument', 'KeypairCommandSigner: expected at least one key pair');
    for (const key of keys) {
      if (!HEX_KEY.test(key?.publicKey ?? '') || !HEX_KEY.test(key?.secretKey ?? '')) {
        throw new ChainClientError(
          'invalid_argument',
          'KeypairCommandSigner: keys are 64 lower-case hex characters',
        );
      }
    }
    this.keys = keys.map((k) => ({ publicKey: k.publicKey, secretKey: k.secretKey }));
    this.publicKeys = Object.freeze(this.keys.map((k) => k.publicKey));
  }

  async sign(command: IUnsignedCommand): Promise<SignedPactCommand> {
    const signers = signersOf(command);
    const missing = signers.filter((key) => !this.publicKeys.includes(key));
    if (missing.length > 0)
      throw new ChainClientError('invalid_argument', `no key for signer(s) ${missing.join(', ')}`);
    const selected: Ed25519KeyPair[] = this.keys.filter((k) => signers.includes(k.publicKey));
    const signed = await createSignWithKeypair(selected)(command);
    const hash = Buffer.from(command.hash, 'base64url');
    const sigs = signed.sigs.map((entry, i) => {
      const sig = entry?.sig;
      const publicKey = signers[i]!;
      if (typeof sig !== 'string' || !verifySignature(publicKey, hash, sig)) {
        throw new ChainClientError(
          'invalid_argument',
          `the signature of ${publicKey} does not verify (does the secret key belong to it?)`,
        );
      }
      return { sig };
    });
    return { hash: command.hash, sigs, cmd: command.cmd };
  }
}

/** The public keys of a command's signers, in order (the order of `sigs`). */
export function signersOf(command: IUnsignedCommand): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(command.cmd);
  } catch {
    throw new ChainClientError('invalid_argument', 'the command payload is not JSON');
  }
  const signers = (parsed as { signers?: unknown }).signers;
  if (!Array.isArray(signers))
    throw new ChainClientError('invalid_argument', 'the command has no signers list');
  return signers.map((s: unknown) => {
    const key = (s as { pubKey?: unknown })?.pubKey;
    if (typeof key !== 'string') throw new ChainClientError('invalid_argument', 'a signer has no pubKey');
    return key;
  });
}

/** ed25519 over the command hash bytes, as Pact checks it. */
export function verifySignature(publicKeyHex: string, hash: Buffer, sigHex: string): boolean {
  if (!HEX_KEY.test(publicKeyHex) || !/^[0-9a-f]{128}$/.test(sigHex)) return false;
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, hash, key, Buffer.from(sigHex, 'hex'));
}

/** Not a type guard: Array.isArray would narrow a readonly array to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
