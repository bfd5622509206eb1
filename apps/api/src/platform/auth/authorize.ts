import { PlatformErrors } from '../errors/platform.errors';
import type { Access } from './access.decorator';
import { roleHasPermission } from './permissions';
import type { Principal } from './principal';

/**
 * A user needs the route's permission through their role; an API key needs the route's scope
 * (routes without a scope are for user sessions only; `'any'` admits every key of the tenant).
 */
export function authorize(principal: Principal, access: Exclude<Access, 'public'>): void {
  if (principal.kind === 'user') {
    if (!roleHasPermission(principal.role, access.permission)) {
      throw PlatformErrors.forbidden(
        `Your role (${principal.role}) lacks the '${access.permission}' permission.`,
      );
    }
    return;
  }
  if (!access.scope) throw PlatformErrors.forbidden('This operation needs a user session, not an API key.');
  if (access.scope !== 'any' && !principal.scopes.includes(access.scope)) {
    throw PlatformErrors.insufficientScope(access.scope);
  }
}
