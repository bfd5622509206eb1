import type { Role } from '../../platform/auth/permissions';
import { TenantErrors } from './tenants.errors';

/**
 * Target-dependent membership rules the permission table cannot express:
 * only owners create, change or remove owners; the last owner can be neither demoted nor removed.
 * `nextRole` is null for a removal.
 */
export function assertMembershipChange(
  actorRole: Role | null,
  state: { currentRole: Role; ownerCount: number },
  nextRole: Role | null,
): void {
  const touchesOwner = state.currentRole === 'owner' || nextRole === 'owner';
  if (touchesOwner && actorRole !== 'owner') throw TenantErrors.ownerRequired();
  const losesOwner = state.currentRole === 'owner' && nextRole !== 'owner';
  if (losesOwner && state.ownerCount <= 1) throw TenantErrors.lastOwner();
}

/** Who may invite whom: inviting an owner takes an owner. */
export function assertMayInvite(actorRole: Role | null, role: Role): void {
  if (role === 'owner' && actorRole !== 'owner') throw TenantErrors.ownerRequired();
}
