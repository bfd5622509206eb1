import { Inject, Injectable } from '@nestjs/common';
import type { Database, ScopedTransaction } from '@spv-cloud/db';
import type { Role } from '../../platform/auth/permissions';
import { DATABASE } from '../../platform/database/database.providers';
import type { AuditEntryInput } from '../audit/audit-entry';
import { writeAuditEntry } from '../audit/audit.repository';
import { fromDbRole, TO_DB_ROLE } from '../tenants/members.repository';

export interface LoginCandidate {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly lockedUntil: Date | null;
  readonly failedLoginCount: number;
  /** Active tenants the user belongs to, oldest membership first. */
  readonly memberships: readonly { tenantId: string; tenantName: string; role: Role }[];
}

export interface PendingInvitation {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly email: string;
  readonly role: Role;
  readonly expiresAt: Date;
  readonly open: boolean;
}

/**
 * Identity data read and written before a tenant is chosen (sign-up, login, accepting an
 * invitation): the system door, each transaction named by its purpose.
 */
@Injectable()
export class IdentityRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    return this.database.system.runAcrossTenants('auth.login', async (tx) => {
      const user = await tx.user.findUnique({
        where: { email },
        include: {
          memberships: {
            where: { tenant: { status: 'ACTIVE' } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            select: { tenantId: true, role: true, tenant: { select: { name: true } } },
          },
        },
      });
      if (!user) return null;
      return {
        id: user.id,
        email: user.email,
        passwordHash: user.passwordHash,
        disabled: user.disabledAt !== null,
        lockedUntil: user.lockedUntil,
        failedLoginCount: user.failedLoginCount,
        memberships: user.memberships.map((membership) => ({
          tenantId: membership.tenantId,
          tenantName: membership.tenant.name,
          role: fromDbRole(membership.role),
        })),
      };
    });
  }

  async emailExists(email: string): Promise<boolean> {
    return this.database.system.runAcrossTenants('auth.signup', async (tx) => {
      const count = await tx.user.count({ where: { email } });
      return count > 0;
    });
  }

  async recordLoginFailure(userId: string, lockUntil: Date | null): Promise<void> {
    await this.database.system.runAcrossTenants('auth.login', (tx) =>
      tx.user.update({
        where: { id: userId },
        data: { failedLoginCount: { increment: 1 }, ...(lockUntil ? { lockedUntil: lockUntil } : {}) },
      }),
    );
  }

  async recordLoginSuccess(userId: string, at: Date): Promise<void> {
    await this.database.system.runAcrossTenants('auth.login', (tx) =>
      tx.user.update({
        where: { id: userId },
        data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at },
      }),
    );
  }

  /**
   * Creates user, tenant and owner membership in one transaction. 'email_taken' when the address
   * is registered (checked under the unique index, so concurrent sign-ups cannot both win).
   */
  createTenantWithOwner(
    input: { email: string; passwordHash: string; tenantName: string; slug: string },
    audit: (ids: { userId: string; tenantId: string }) => AuditEntryInput,
  ): Promise<{ userId: string; tenantId: string } | 'email_taken' | 'slug_taken'> {
    return this.database.system
      .runAcrossTenants('auth.signup', async (tx) => {
        const user = await tx.user.create({ data: { email: input.email, passwordHash: input.passwordHash } });
        const tenant = await tx.tenant.create({ data: { name: input.tenantName, slug: input.slug } });
        await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'OWNER' } });
        const ids = { userId: user.id, tenantId: tenant.id };
        await writeAuditEntry(tx, tenant.id, audit(ids));
        return ids;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'email')) return 'email_taken' as const;
        if (isUniqueViolation(error, 'slug')) return 'slug_taken' as const;
        throw error;
      });
  }

  findInvitation(tokenHash: Buffer, now: Date): Promise<PendingInvitation | null> {
    return this.database.system.runAcrossTenants('auth.invitation', async (tx) => {
      const row = await tx.invitation.findUnique({
        where: { tokenHash: new Uint8Array(tokenHash) },
        include: { tenant: { select: { name: true, status: true } } },
      });
      if (!row) return null;
      return {
        id: row.id,
        tenantId: row.tenantId,
        tenantName: row.tenant.name,
        email: row.email,
        role: fromDbRole(row.role),
        expiresAt: row.expiresAt,
        open: !row.acceptedAt && !row.revokedAt && row.expiresAt > now && row.tenant.status === 'ACTIVE',
      };
    });
  }

  findUserCredentials(
    email: string,
  ): Promise<{ id: string; passwordHash: string; disabled: boolean } | null> {
    return this.database.system.runAcrossTenants('auth.invitation', async (tx) => {
      const user = await tx.user.findUnique({
        where: { email },
        select: { id: true, passwordHash: true, disabledAt: true },
      });
      return user
        ? { id: user.id, passwordHash: user.passwordHash, disabled: user.disabledAt !== null }
        : null;
    });
  }

  /**
   * Claims the invitation (once: concurrent accepts race on `accepted_at IS NULL`) and adds the
   * membership, creating the user first when `newUser` is given. False when it was no longer open.
   */
  acceptInvitation(
    invitation: PendingInvitation,
    account:
      { userId: string } | { newUser: { email: string; passwordHash: string; displayName: string | null } },
    now: Date,
    audit: (userId: string) => AuditEntryInput,
  ): Promise<{ userId: string } | 'not_open'> {
    return this.database.system
      .runAcrossTenants('auth.invitation', async (tx) => {
        const userId =
          'userId' in account ? account.userId : (await tx.user.create({ data: account.newUser })).id;
        const claimed = await tx.invitation.updateMany({
          where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { acceptedAt: now, acceptedByUserId: userId },
        });
        if (claimed.count !== 1) throw new InvitationClosed();
        await this.upsertMembership(tx, invitation.tenantId, userId, invitation.role);
        await writeAuditEntry(tx, invitation.tenantId, audit(userId));
        return { userId };
      })
      .catch((error: unknown) => {
        if (error instanceof InvitationClosed) return 'not_open' as const;
        throw error;
      });
  }

  private async upsertMembership(
    tx: ScopedTransaction,
    tenantId: string,
    userId: string,
    role: Role,
  ): Promise<void> {
    await tx.membership.upsert({
      where: { tenantId_userId: { tenantId, userId } },
      create: { tenantId, userId, role: TO_DB_ROLE[role] },
      update: {},
    });
  }
}

/** Thrown inside the transaction to roll back a user created for an invitation that closed meanwhile. */
class InvitationClosed extends Error {}

function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: unknown };
  if (code !== 'P2002') return false;
  return JSON.stringify(meta ?? {}).includes(field);
}
