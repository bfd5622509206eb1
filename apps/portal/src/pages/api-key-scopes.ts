import { API_KEY_SCOPES, OPERATIONS, type ApiKeyScope, type OperationRoute } from '@spv-cloud/api-client';

export interface ScopeUse {
  readonly scope: ApiKeyScope;
  /** The API operations a key with this scope may call, from the OpenAPI document. */
  readonly operations: readonly OperationRoute[];
}

/** Each scope with what it unlocks today, read from the generated operation table. */
export function scopeUses(): ScopeUse[] {
  const routes: readonly OperationRoute[] = Object.values(OPERATIONS);
  return API_KEY_SCOPES.map((scope) => ({
    scope,
    operations: routes.filter((route) => route.scope === scope),
  }));
}
