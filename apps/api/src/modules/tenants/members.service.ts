import { Injectable } from '@nestjs/common';
import type { ActorContext } from '../../platform/auth/actor-context';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { base58Encode } from '../../platform/crypto/base58';
import { auditByPrincipal } from '../audit/audit-entry';
import type {
  ChangeRoleBody,
  CreatedInvitation,
  InvitationView,
  InviteMemberBody,
  MemberView,
} from './dto/tenant.schemas';
import { assertMayInvite, assertMembershipChange } from './membership-rules';
import {
  fromDbRole,
  MembersRepository,
  type InvitationRecord,
  type MemberRecord,
} from './members.repository';
import { TenantErrors } from './tenants.errors';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const INVITATION_TOKEN_PREFIX = 'spv_inv_';

/** Inviting, listing, re-roling and removing a tenant's members. */
@Injectable()
export class MembersService {
  constructor(
    private readonly membersRepository: MembersRepository,
    private readonly crypto: CryptoRepository,
    private readonly clock: ClockRepository,
  ) {}

  async list(tenantId: string): Promise<{ items: MemberView[] }> {
    const members = await this.membersRepository.list(tenantId);
    return { items: members.map(toMemberView) };
  }

  async get(tenantId: string, userId: string): Promise<MemberView> {
    const member = await this.membersRepository.find(tenantId, userId);
    if (!member) throw TenantErrors.memberNotFound();
    return toMemberView(member);
  }

  async invite(tenantId: string, actor: ActorContext, input: InviteMemberBody): Promise<CreatedInvitation> {
    assertMayInvite(actorRole(actor), input.role);
    if (await this.membersRepository.isMemberByEmail(tenantId, input.email))
      throw TenantErrors.alreadyMember();
    const now = this.clock.now();
    const token = `${INVITATION_TOKEN_PREFIX}${base58Encode(this.crypto.randomBytes(32))}`;
    const invitation = await this.membersRepository.createInvitation(
      tenantId,
      {
        email: input.email,
        role: input.role,
        tokenHash: this.crypto.sha256(token),
        invitedByUserId: actor.principal.kind === 'user' ? actor.principal.userId : null,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        at: now,
      },
      (id) =>
        auditByPrincipal(actor, 'member.invited', 'invitation', id, { email: input.email, role: input.role }),
    );
    return { ...toInvitationView(invitation, now), token };
  }

  async listInvitations(tenantId: string): Promise<{ items: InvitationView[] }> {
    const now = this.clock.now();
    const invitations = await this.membersRepository.listInvitations(tenantId);
    return { items: invitations.map((invitation) => toInvitationView(invitation, now)) };
  }

  async revokeInvitation(tenantId: string, actor: ActorContext, id: string): Promise<InvitationView> {
    const now = this.clock.now();
    const revoked = await this.membersRepository.revokeInvitation(
      tenantId,
      id,
      now,
      auditByPrincipal(actor, 'invitation.revoked', 'invitation', id),
    );
    if (!revoked) throw TenantErrors.invitationNotFound();
    return toInvitationView(revoked, now);
  }

  async changeRole(
    tenantId: string,
    actor: ActorContext,
    userId: string,
    input: ChangeRoleBody,
  ): Promise<MemberView> {
    const updated = await this.membersRepository.changeRole(
      tenantId,
      userId,
      input.role,
      (state) => assertMembershipChange(actorRole(actor), state, input.role),
      (previous) =>
        auditByPrincipal(actor, 'member.role_changed', 'user', userId, { from: previous, to: input.role }),
    );
    if (!updated) throw TenantErrors.memberNotFound();
    return toMemberView(updated);
  }

  async remove(tenantId: string, actor: ActorContext, userId: string): Promise<void> {
    const removed = await this.membersRepository.remove(
      tenantId,
      userId,
      (state) => assertMembershipChange(actorRole(actor), state, null),
      (previous) => auditByPrincipal(actor, 'member.removed', 'user', userId, { role: previous }),
    );
    if (!removed) throw TenantErrors.memberNotFound();
  }
}

function actorRole(actor: ActorContext) {
  return actor.principal.kind === 'user' ? actor.principal.role : null;
}

export function toMemberView(member: MemberRecord): MemberView {
  return {
    userId: member.userId,
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export function toInvitationView(invitation: InvitationRecord, now: Date): InvitationView {
  let status: InvitationView['status'] = 'pending';
  if (invitation.acceptedAt) status = 'accepted';
  else if (invitation.revokedAt) status = 'revoked';
  else if (invitation.expiresAt <= now) status = 'expired';
  return {
    id: invitation.id,
    email: invitation.email,
    role: fromDbRole(invitation.role),
    status,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
