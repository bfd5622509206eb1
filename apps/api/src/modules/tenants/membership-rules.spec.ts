import { assertMayInvite, assertMembershipChange } from './membership-rules';

describe('membership rules', () => {
  it('only owners touch the owner role', () => {
    expect(() =>
      assertMembershipChange('admin', { currentRole: 'developer', ownerCount: 1 }, 'owner'),
    ).toThrow(expect.objectContaining({ code: 'owner_required' }));
    expect(() => assertMembershipChange('admin', { currentRole: 'owner', ownerCount: 2 }, 'viewer')).toThrow(
      expect.objectContaining({ code: 'owner_required' }),
    );
    expect(() => assertMembershipChange('admin', { currentRole: 'owner', ownerCount: 2 }, null)).toThrow(
      expect.objectContaining({ code: 'owner_required' }),
    );
    expect(() =>
      assertMembershipChange('admin', { currentRole: 'developer', ownerCount: 1 }, 'admin'),
    ).not.toThrow();
    expect(() =>
      assertMembershipChange('owner', { currentRole: 'developer', ownerCount: 1 }, 'owner'),
    ).not.toThrow();
  });

  it('keeps at least one owner', () => {
    expect(() => assertMembershipChange('owner', { currentRole: 'owner', ownerCount: 1 }, 'admin')).toThrow(
      expect.objectContaining({ code: 'last_owner' }),
    );
    expect(() => assertMembershipChange('owner', { currentRole: 'owner', ownerCount: 1 }, null)).toThrow(
      expect.objectContaining({ code: 'last_owner' }),
    );
    expect(() =>
      assertMembershipChange('owner', { currentRole: 'owner', ownerCount: 2 }, null),
    ).not.toThrow();
    expect(() =>
      assertMembershipChange('owner', { currentRole: 'owner', ownerCount: 1 }, 'owner'),
    ).not.toThrow();
  });

  it('lets API keys (no role) do nothing to owners', () => {
    expect(() => assertMembershipChange(null, { currentRole: 'owner', ownerCount: 3 }, 'viewer')).toThrow(
      expect.objectContaining({ code: 'owner_required' }),
    );
    expect(() => assertMayInvite(null, 'owner')).toThrow(expect.objectContaining({ code: 'owner_required' }));
    expect(() => assertMayInvite('admin', 'owner')).toThrow(
      expect.objectContaining({ code: 'owner_required' }),
    );
    expect(() => assertMayInvite('admin', 'admin')).not.toThrow();
  });
});
