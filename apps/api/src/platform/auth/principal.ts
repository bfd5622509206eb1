import type { ApiKeyScope } from './api-key-scopes';
import type { Role } from './permissions';

/** A signed-in person acting within one tenant through one membership. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  readonly plan: string;
}

/** A machine caller authenticated by an API key of one tenant. */
export interface ApiKeyPrincipal {
  readonly kind: 'api_key';
  readonly tenantId: string;
  readonly apiKeyId: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly plan: string;
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** `user:<id>` / `api_key:<id>`: how logs and the audit trail name a caller. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `api_key:${principal.apiKeyId}`;
}
