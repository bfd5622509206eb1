import type { CreateApiKeyRequest, Member } from './generated/openapi-types';

export type ApiKeyScope = CreateApiKeyRequest['scopes'][number];
export type MemberRole = Member['role'];

/** Every member of a union, each once: the compiler rejects a list that misses or invents one. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never]
  ? List
  : never;

function exhaustive<Union>() {
  return <const List extends readonly Union[]>(list: Exhaustive<Union, List>): List => list;
}

/** The scopes an API key can hold, in the API's order (from the generated document types). */
export const API_KEY_SCOPES = exhaustive<ApiKeyScope>()([
  'proofs:read',
  'proofs:write',
  'events:write',
  'batches:read',
  'batches:write',
  'verify',
  'audit:read',
  'usage:read',
]);

/** Membership roles, most to least privileged. */
export const MEMBER_ROLES = exhaustive<MemberRole>()(['owner', 'admin', 'developer', 'finance', 'viewer']);
