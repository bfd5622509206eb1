/** Membership roles, most to least privileged. */
export const ROLES = ['owner', 'admin', 'developer', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'tenant:read',
  'tenant:update',
  'plan:update',
  'members:read',
  'members:invite',
  'members:update',
  'members:remove',
  'api_keys:read',
  'api_keys:write',
  'audit:read',
  'billing:read',
  'billing:write',
  'proofs:read',
  'proofs:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The permission table. Owners hold everything; admins run the team and keys but not the plan;
 * developers build with keys and proofs; finance sees billing and the audit trail; viewers read.
 * Rules that depend on the target (admins cannot touch owners, the last owner stays) live in the
 * members service, because a table cannot express them.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(PERMISSIONS),
  admin: new Set<Permission>([
    'tenant:read',
    'tenant:update',
    'members:read',
    'members:invite',
    'members:update',
    'members:remove',
    'api_keys:read',
    'api_keys:write',
    'audit:read',
    'billing:read',
    'proofs:read',
    'proofs:write',
  ]),
  developer: new Set<Permission>([
    'tenant:read',
    'members:read',
    'api_keys:read',
    'api_keys:write',
    'proofs:read',
    'proofs:write',
  ]),
  finance: new Set<Permission>([
    'tenant:read',
    'members:read',
    'audit:read',
    'billing:read',
    'billing:write',
    'proofs:read',
  ]),
  viewer: new Set<Permission>(['tenant:read', 'members:read', 'api_keys:read', 'proofs:read']),
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
