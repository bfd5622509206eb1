import { MEMBER_ROLES, OPERATIONS } from '@spv-cloud/api-client';
import { PORTAL_PERMISSIONS, ROLE_PERMISSIONS, roleCan, rolesGrantableBy } from './role-permissions';

describe('role permissions', () => {
  it('names only permissions the API’s operations declare', () => {
    const declared = new Set(Object.values(OPERATIONS).map((operation) => operation.permission));
    for (const permission of PORTAL_PERMISSIONS)
      expect({ permission, declared: declared.has(permission) }).toEqual({ permission, declared: true });
  });

  it('covers every role of the document', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...MEMBER_ROLES].sort());
  });

  it('grants as the API’s table does for the portal’s actions', () => {
    expect(roleCan('developer', 'api_keys:write')).toBe(true);
    expect(roleCan('developer', 'audit:read')).toBe(false);
    expect(roleCan('finance', 'audit:read')).toBe(true);
    expect(roleCan('finance', 'api_keys:read')).toBe(false);
    expect(roleCan('viewer', 'members:invite')).toBe(false);
    expect(roleCan(null, 'tenant:read')).toBe(false);
  });

  it('lets only owners grant the owner role', () => {
    expect(rolesGrantableBy('owner', MEMBER_ROLES)).toContain('owner');
    expect(rolesGrantableBy('admin', MEMBER_ROLES)).toEqual(['admin', 'developer', 'finance', 'viewer']);
  });
});
