/** What an API key may do; a key holds a subset chosen at creation. */
export const API_KEY_SCOPES = [
  'proofs:read',
  'proofs:write',
  'events:write',
  'batches:read',
  'batches:write',
  'verify',
  'audit:read',
  'usage:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
