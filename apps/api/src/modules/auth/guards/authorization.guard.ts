import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type Access } from '../../../platform/auth/access.decorator';
import { requestOf } from '../../../platform/auth/actor-context';
import { roleHasPermission } from '../../../platform/auth/permissions';
import { PlatformErrors } from '../../../platform/errors/platform.errors';

/**
 * Third global guard: checks the route's permission against the user's role, or its scope against
 * the API key's scopes. A handler without an access rule is refused (default deny).
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    if (!access) throw PlatformErrors.forbidden('This operation is not available.');
    const principal = requestOf(context).principal;
    if (!principal) throw PlatformErrors.unauthenticated('no principal after authentication');
    if (principal.kind === 'user') {
      if (!roleHasPermission(principal.role, access.permission)) {
        throw PlatformErrors.forbidden(`Your role (${principal.role}) lacks the '${access.permission}' permission.`);
      }
      return true;
    }
    if (!access.scope) throw PlatformErrors.forbidden('This operation needs a user session, not an API key.');
    if (access.scope !== 'any' && !principal.scopes.includes(access.scope)) {
      throw PlatformErrors.insufficientScope(access.scope);
    }
    return true;
  }
}
