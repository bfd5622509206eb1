import type { MemberRole } from '@spv-cloud/api-client';

/**
 * What each role may do, as the API's permission table grants it (apps/api
 * platform/auth/permissions.ts). The portal only uses it to show the actions a role has; the API
 * decides, and a 403 is shown as such. `role-permissions.spec.ts` checks every permission named
 * here is one the API's operations declare (`x-permission`).
 */
export const PORTAL_PERMISSIONS = [
  'tenant:read',
  'tenant:update',
  'members:read',
  'members:invite',
  'members:update',
  'members:remove',
  'api_keys:read',
  'api_keys:write',
  'audit:read',
] as const;
export type PortalPermission = (typeof PORTAL_PERMISSIONS)[number];

const ALL: ReadonlySet<PortalPermission> = new Set(PORTAL_PERMISSIONS);

export const ROLE_PERMISSIONS: Readonly<Record<MemberRole, ReadonlySet<PortalPermission>>> = {
  owner: ALL,
  admin: ALL,
  developer: new Set<PortalPermission>(['tenant:read', 'members:read', 'api_keys:read', 'api_keys:write']),
  finance: new Set<PortalPermission>(['tenant:read', 'members:read', 'audit:read']),
  viewer: new Set<PortalPermission>(['tenant:read', 'members:read', 'api_keys:read']),
};

export function roleCan(role: MemberRole | null, permission: PortalPermission): boolean {
  return role !== null && ROLE_PERMISSIONS[role].has(permission);
}

/** Only owners grant, change or remove the owner role (the API's membership rules). */
export function rolesGrantableBy(role: MemberRole | null, all: readonly MemberRole[]): MemberRole[] {
  return all.filter((candidate) => candidate !== 'owner' || role === 'owner');
}

export const ROLE_DESCRIPTIONS: Readonly<Record<MemberRole, string>> = {
  owner: 'Everything, including the plan and other owners',
  admin: 'Runs the team, API keys and settings; not the plan or owners',
  developer: 'Creates and uses API keys and proofs',
  finance: 'Billing and the audit log',
  viewer: 'Reads the tenant, members and keys',
};
