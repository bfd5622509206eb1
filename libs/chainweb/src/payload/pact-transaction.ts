import { ChainwebError, invalidInput } from '../errors';
import { blake2b256 } from '../hash';
import { hashFromBase64Url, toBase64Url } from '../base64url';
import { parseStoredJsonObject } from './stored-json';

export interface PactSignature {
  readonly sig: string | null;
}

/**
 * The parsed `cmd` of a Pact command. Only the envelope is described here; Pact owns the meaning,
 * so fields are typed loosely and every other key is kept.
 */
export interface PactCommandBody {
  readonly networkId?: string | null;
  readonly payload?: {
    readonly exec?: { readonly code: string; readonly data: unknown };
    readonly cont?: {
      readonly pactId: string;
      readonly step: number;
      readonly rollback: boolean;
      readonly data: unknown;
      readonly proof: string | null;
    };
  };
  readonly signers?: ReadonlyArray<{
    readonly pubKey: string;
    readonly scheme?: string;
    readonly clist?: unknown[];
  }>;
  readonly meta?: {
    readonly chainId?: string;
    readonly sender?: string;
    readonly gasLimit?: number;
    readonly gasPrice?: number;
    readonly ttl?: number;
    readonly creationTime?: number;
  };
  readonly nonce?: string;
  readonly [key: string]: unknown;
}

/**
 * A transaction of a block payload: the signed Pact command `{hash, sigs, cmd}` as stored. `cmd` is
 * the command text Pact signed and hashed; it is parsed only when `body` is read.
 */
export class PactTransaction {
  private parsedBody: PactCommandBody | undefined;

  constructor(
    /** The request key as stored in the command (base64url, 32 bytes). */
    readonly hash: string,
    readonly sigs: readonly PactSignature[],
    readonly cmd: string,
  ) {}

  /** The parsed command text; throws `bad_encoding` if `cmd` is not a JSON object. */
  get body(): PactCommandBody {
    if (this.parsedBody === undefined) {
      let value: unknown;
      try {
        value = JSON.parse(this.cmd);
      } catch {
        throw new ChainwebError('bad_encoding', `transaction ${this.hash}: cmd is not JSON`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ChainwebError('bad_encoding', `transaction ${this.hash}: cmd is not a JSON object`);
      }
      this.parsedBody = value as PactCommandBody;
    }
    return this.parsedBody;
  }
}

/** Decodes the stored bytes of a payload transaction. */
export function decodePactTransaction(transactionBytes: Uint8Array): PactTransaction {
  const fields = parseStoredJsonObject(transactionBytes, 'transaction');
  const { hash, sigs, cmd } = fields;
  if (typeof hash !== 'string') throw invalidInput('transaction: hash must be a string');
  hashFromBase64Url(hash, 'transaction hash');
  if (typeof cmd !== 'string') throw invalidInput('transaction: cmd must be a string');
  if (!Array.isArray(sigs)) throw invalidInput('transaction: sigs must be an array');
  sigs.forEach((sig: unknown, i) => {
    const value = typeof sig === 'object' && sig !== null ? (sig as { sig?: unknown }).sig : undefined;
    if (typeof value !== 'string' && value !== null) throw invalidInput(`transaction: sigs[${i}] has no sig`);
  });
  return new PactTransaction(hash, sigs as PactSignature[], cmd);
}

/** base64url(BLAKE2b-256(UTF-8 cmd)): the request key Pact derives from a command's text. */
export function computeRequestKey(cmd: string): string {
  if (typeof cmd !== 'string') throw invalidInput('cmd: expected a string');
  return toBase64Url(blake2b256(Buffer.from(cmd, 'utf8')));
}

/**
 * Whether the command's stored `hash` equals base64url(blake2b256(cmd)). True for every ordinary
 * signed transaction; genesis transactions do not satisfy it, so payloads are never rejected for it.
 */
export function checkRequestKey(transaction: PactTransaction | Uint8Array): boolean {
  const tx = transaction instanceof PactTransaction ? transaction : decodePactTransaction(transaction);
  return computeRequestKey(tx.cmd) === tx.hash;
}

export interface RequestKeyOptions {
  /** Throw `hash_mismatch` unless hash = base64url(blake2b256(cmd)). Off by default: genesis transactions fail it. */
  readonly verify?: boolean;
}

/** The request key of a stored transaction: its command's `hash` field (a checked 32-byte base64url). */
export function requestKeyOf(transactionBytes: Uint8Array, options: RequestKeyOptions = {}): string {
  const tx = decodePactTransaction(transactionBytes);
  if (options.verify === true && !checkRequestKey(tx)) {
    throw new ChainwebError('hash_mismatch', `transaction ${tx.hash}: hash is not blake2b-256 of its cmd`);
  }
  return tx.hash;
}
