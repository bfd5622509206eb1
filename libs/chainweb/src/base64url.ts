import { ChainwebError } from './errors';

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Canonical, unpadded base64url (RFC 4648 §5), as chainweb-node emits it. */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Strict base64url decoding: accepts the padded and unpadded forms (chainweb-node pads before
 * decoding) but rejects other alphabets and non-canonical trailing bits, which Node's lenient
 * decoder would silently accept.
 */
export function fromBase64Url(text: string, what = 'value'): Buffer {
  if (typeof text !== 'string')
    throw new ChainwebError('bad_encoding', `${what}: expected a base64url string`);
  const unpadded = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (!ALPHABET.test(unpadded) || unpadded.length % 4 === 1) {
    throw new ChainwebError('bad_encoding', `${what}: not valid base64url`);
  }
  if (unpadded.length !== text.length && text.length % 4 !== 0) {
    throw new ChainwebError('bad_encoding', `${what}: wrong base64url padding`);
  }
  const bytes = Buffer.from(unpadded, 'base64url');
  if (bytes.toString('base64url') !== unpadded) {
    throw new ChainwebError('bad_encoding', `${what}: non-canonical base64url`);
  }
  return bytes;
}

/** Decodes a base64url hash and checks it is exactly `length` bytes. */
export function hashFromBase64Url(text: string, what = 'hash', length = 32): Buffer {
  const bytes = fromBase64Url(text, what);
  if (bytes.length !== length) {
    throw new ChainwebError('bad_length', `${what}: expected ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}
