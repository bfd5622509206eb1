import { base58Encode } from '../../platform/crypto/base58';

export type ApiKeyEnvironment = 'live' | 'test';

/** 32 random bytes: 256 bits of secret, 43–44 base58 characters. */
export const API_KEY_SECRET_BYTES = 32;
/** Characters of the secret kept (with the prefix) as the display start, e.g. `spv_live_3fQ9zA`. */
const DISPLAY_SECRET_CHARACTERS = 6;
const API_KEY_PATTERN = /^spv_(live|test)_([1-9A-HJ-NP-Za-km-z]{40,48})$/;

export interface GeneratedApiKey {
  /** The whole key, shown to the caller once and never stored. */
  readonly key: string;
  /** `spv_live` / `spv_test`. */
  readonly prefix: string;
  /** What listings show to tell keys apart. */
  readonly start: string;
  readonly environment: ApiKeyEnvironment;
}

export function generateApiKey(environment: ApiKeyEnvironment, secret: Uint8Array): GeneratedApiKey {
  if (secret.length !== API_KEY_SECRET_BYTES)
    throw new Error(`API key secret must be ${API_KEY_SECRET_BYTES} bytes`);
  const prefix = `spv_${environment}`;
  const encoded = base58Encode(secret);
  const key = `${prefix}_${encoded}`;
  return { key, prefix, start: `${prefix}_${encoded.slice(0, DISPLAY_SECRET_CHARACTERS)}`, environment };
}

/** Cheap structural check before hashing: anything else cannot be one of our keys. */
export function looksLikeApiKey(token: string): boolean {
  return token.length <= 64 && API_KEY_PATTERN.test(token);
}

/** True when a bearer token claims to be an API key (anything else is treated as an access token). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith('spv_live_') || token.startsWith('spv_test_');
}
