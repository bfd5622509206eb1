import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from './api-key-scopes';
import type { Permission } from './permissions';

/**
 * Who may call a route or GraphQL field. `public` skips authentication. Otherwise a user session
 * needs `permission` (through its membership role), and an API key needs `scope`: without one the
 * route is for user sessions only; `'any'` admits every valid key of the tenant.
 */
export type Access = 'public' | { readonly permission: Permission; readonly scope?: ApiKeyScope | 'any' };

export const ACCESS_METADATA = 'spv-cloud:access';
export const RATE_LIMIT_EXEMPT_METADATA = 'spv-cloud:rate-limit-exempt';

/** Declares the access rule; handlers without one are denied (default deny). */
export function RequireAccess(access: Access): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, access);
}

/** Operational routes (health, metrics, docs): public and outside the rate limits. */
export function OperationalRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, 'public'),
    SetMetadata(RATE_LIMIT_EXEMPT_METADATA, true),
  );
}
