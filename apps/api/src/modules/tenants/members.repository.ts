import { Inject, Injectable } from '@nestjs/common';
import type { Database, Invitation, MemberRole, ScopedTransaction } from '@spv-cloud/db';
import type { Role } from '../../platform/auth/permissions';
import { DATABASE } from '../../platform/database/database.providers';
import type { AuditEntryInput } from '../audit/audit-entry';
import { writeAuditEntry } from '../audit/audit.repository';

export interface MemberRecord {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly role: Role;
  readonly joinedAt: Date;
}

export type InvitationRecord = Invitation;

/** What a user session needs per request: its role, and whether tenant and user may act. */
export interface MembershipPrincipalRecord {
  readonly role: Role;
  readonly plan: string;
  readonly tenantActive: boolean;
  readonly userDisabled: boolean;
}

export const TO_DB_ROLE: Readonly<Record<Role, MemberRole>> = {
  owner: 'OWNER',
  admin: 'ADMIN',
  developer: 'DEVELOPER',
  finance: 'FINANCE',
  viewer: 'VIEWER',
};

export function fromDbRole(role: MemberRole): Role {
  return role.toLowerCase() as Role;
}

/** A membership change decided inside the transaction, after the current state is locked. */
export type MembershipChangeCheck = (state: { currentRole: Role; ownerCount: number }) => void;

@Injectable()
export class MembersRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  findPrincipal(tenantId: string, userId: string): Promise<MembershipPrincipalRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const row = await tx.membership.findUnique({
        where: { tenantId_userId: { tenantId, userId } },
        select: {
          role: true,
          tenant: { select: { status: true, planCode: true } },
          user: { select: { disabledAt: true } },
        },
      });
      if (!row) return null;
      return {
        role: fromDbRole(row.role),
        plan: row.tenant.planCode,
        tenantActive: row.tenant.status === 'ACTIVE',
        userDisabled: row.user.disabledAt !== null,
      };
    });
  }

  list(tenantId: string): Promise<MemberRecord[]> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const rows = await tx.membership.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          role: true,
          createdAt: true,
          user: { select: { id: true, email: true, displayName: true } },
        },
      });
      return rows.map((row) => ({
        userId: row.user.id,
        email: row.user.email,
        displayName: row.user.displayName,
        role: fromDbRole(row.role),
        joinedAt: row.createdAt,
      }));
    });
  }

  find(tenantId: string, userId: string): Promise<MemberRecord | null> {
    return this.database.tenant.run(tenantId, (tx) => this.findIn(tx, tenantId, userId));
  }

  /**
   * Changes a member's role. `check` sees the locked current state (the member's role and the
   * tenant's owner count) and throws to refuse; null when the user is not a member.
   */
  changeRole(
    tenantId: string,
    userId: string,
    role: Role,
    check: MembershipChangeCheck,
    audit: (previous: Role) => AuditEntryInput,
  ): Promise<MemberRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const state = await this.lockedState(tx, tenantId, userId);
      if (!state) return null;
      check(state);
      await tx.membership.update({
        where: { tenantId_userId: { tenantId, userId } },
        data: { role: TO_DB_ROLE[role] },
      });
      await writeAuditEntry(tx, tenantId, audit(state.currentRole));
      return this.findIn(tx, tenantId, userId);
    });
  }

  /** Removes a member (and ends their sessions for this tenant); null when not a member. */
  remove(
    tenantId: string,
    userId: string,
    check: MembershipChangeCheck,
    audit: (previous: Role) => AuditEntryInput,
  ): Promise<MemberRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const state = await this.lockedState(tx, tenantId, userId);
      if (!state) return null;
      check(state);
      const member = await this.findIn(tx, tenantId, userId);
      await tx.membership.delete({ where: { tenantId_userId: { tenantId, userId } } });
      await writeAuditEntry(tx, tenantId, audit(state.currentRole));
      return member;
    });
  }

  async isMemberByEmail(tenantId: string, email: string): Promise<boolean> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const count = await tx.membership.count({ where: { tenantId, user: { email } } });
      return count > 0;
    });
  }

  createInvitation(
    tenantId: string,
    invitation: {
      email: string;
      role: Role;
      tokenHash: Buffer;
      invitedByUserId: string | null;
      expiresAt: Date;
      at: Date;
    },
    audit: (id: string) => AuditEntryInput,
  ): Promise<InvitationRecord> {
    return this.database.tenant.run(tenantId, async (tx) => {
      // A newer invitation to the same address replaces any pending one.
      await tx.invitation.updateMany({
        where: { tenantId, email: invitation.email, acceptedAt: null, revokedAt: null },
        data: { revokedAt: invitation.at },
      });
      const created = await tx.invitation.create({
        data: {
          tenantId,
          email: invitation.email,
          role: TO_DB_ROLE[invitation.role],
          tokenHash: new Uint8Array(invitation.tokenHash),
          invitedByUserId: invitation.invitedByUserId,
          expiresAt: invitation.expiresAt,
        },
      });
      await writeAuditEntry(tx, tenantId, audit(created.id));
      return created;
    });
  }

  listInvitations(tenantId: string): Promise<InvitationRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.invitation.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 200,
      }),
    );
  }

  /** Revokes a pending invitation; null when there is no pending invitation with this id. */
  revokeInvitation(
    tenantId: string,
    id: string,
    at: Date,
    audit: AuditEntryInput,
  ): Promise<InvitationRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const pending = await tx.invitation.findFirst({
        where: { tenantId, id, acceptedAt: null, revokedAt: null },
      });
      if (!pending) return null;
      const revoked = await tx.invitation.update({ where: { id }, data: { revokedAt: at } });
      await writeAuditEntry(tx, tenantId, audit);
      return revoked;
    });
  }

  private async findIn(
    tx: ScopedTransaction,
    tenantId: string,
    userId: string,
  ): Promise<MemberRecord | null> {
    const row = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId, userId } },
      select: { role: true, createdAt: true, user: { select: { id: true, email: true, displayName: true } } },
    });
    if (!row) return null;
    return {
      userId: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      role: fromDbRole(row.role),
      joinedAt: row.createdAt,
    };
  }

  /** Serializes membership changes of one tenant, so two demotions cannot both pass the owner count. */
  private async lockedState(
    tx: ScopedTransaction,
    tenantId: string,
    userId: string,
  ): Promise<{ currentRole: Role; ownerCount: number } | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`memberships:${tenantId}`}, 0))`;
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId, userId } },
      select: { role: true },
    });
    if (!membership) return null;
    const ownerCount = await tx.membership.count({ where: { tenantId, role: 'OWNER' } });
    return { currentRole: fromDbRole(membership.role), ownerCount };
  }
}
