import { PactFailure } from './pact-failure';
import type { PactValue } from './pact-value';

/**
 * The constants and pure helpers every module defines the same way (see the defconsts and the
 * all-in-charset / valid-id / valid-root defuns of the .pact files). Pact counts characters, not
 * UTF-16 units, so strings are handled as code point arrays.
 */
export const HASH_ALGORITHM = 'SHA512t_256';
export const MAX_ID_LENGTH = 128n;
export const ID_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:';
export const ROOT_LENGTH = 43n;
export const BASE64URL_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ROOT_FINAL_CHARSET = 'AEIMQUYcgkosw048';
export const MAX_LEAF_COUNT = 4294967296n;
export const MAX_LOG_SIZE = 9007199254740991n;
export const DIGITS = '0123456789';
export const MAX_CHAIN_ID_LENGTH = 4n;

export const ADMIN_KEYSET_SUFFIX = '.spv-cloud-admin';
export const OPERATOR_KEYSET_SUFFIX = '.spv-cloud-operator';

/** `(length s)` for strings. */
export function pactLength(text: string): bigint {
  return BigInt(Array.from(text).length);
}

/** `(contains needle haystack)` for two strings: substring search. */
export function pactContainsString(needle: string, haystack: string): boolean {
  return haystack.includes(needle);
}

/** `(take -1 s)`: the last character, or "" for "". */
export function lastCharacter(text: string): string {
  const chars = Array.from(text);
  return chars.length === 0 ? '' : chars[chars.length - 1]!;
}

export function allInCharset(text: string, charset: string): boolean {
  return Array.from(text).every((c) => pactContainsString(c, charset));
}

export function validId(id: string): boolean {
  const n = pactLength(id);
  return n > 0n && n <= MAX_ID_LENGTH && allInCharset(id, ID_CHARSET);
}

export function validRoot(root: string): boolean {
  return (
    pactLength(root) === ROOT_LENGTH &&
    allInCharset(root, BASE64URL_CHARSET) &&
    pactContainsString(lastCharacter(root), ROOT_FINAL_CHARSET)
  );
}

export function validChainId(chainId: string): boolean {
  const n = pactLength(chainId);
  return n > 0n && n <= MAX_CHAIN_ID_LENGTH && allInCharset(chainId, DIGITS);
}

/** `(format "{}/{}" [a b])` with strings and integers (Pact renders strings raw, integers in decimal). */
export function pactFormat(template: string, values: readonly (string | bigint)[]): string {
  const parts = template.split('{}');
  if (parts.length - 1 > values.length)
    throw new PactFailure({
      type: 'EvalError',
      message: 'format: not enough arguments for template',
      exact: false,
    });
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += String(values[i - 1]) + parts[i]!;
  return out;
}

/** Row keys are ordered like chainweb's SQLite BINARY collation: by UTF-8 bytes. */
export function compareRowKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function asString(value: PactValue | undefined): string {
  if (typeof value !== 'string')
    throw new PactFailure({ type: 'EvalError', message: 'expected a string', exact: false });
  return value;
}

export function asInteger(value: PactValue | undefined): bigint {
  if (typeof value !== 'bigint')
    throw new PactFailure({ type: 'EvalError', message: 'expected an integer', exact: false });
  return value;
}
