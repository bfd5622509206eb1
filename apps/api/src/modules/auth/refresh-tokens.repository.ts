import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';

export interface NewRefreshToken {
  readonly userId: string;
  readonly tenantId: string;
  readonly tokenHash: Buffer;
  readonly expiresAt: Date;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The outcome of presenting a refresh token. */
export type RefreshTokenExchange =
  | {
      readonly outcome: 'rotated';
      readonly userId: string;
      readonly email: string;
      readonly tenantId: string;
      readonly tenantName: string;
    }
  | { readonly outcome: 'unknown' | 'expired' | 'revoked' }
  | { readonly outcome: 'reused'; readonly familyId: string };

/**
 * Rotating refresh tokens in families. Presenting a token claims it (sets `used_at`) and issues
 * its child; presenting an already-claimed token is reuse, which revokes the whole family — the
 * revocation commits even though the caller gets an error.
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async create(token: NewRefreshToken, familyId?: string): Promise<void> {
    await this.database.system.runAcrossTenants('auth.session', async (tx) => {
      await tx.refreshToken.create({
        data: {
          userId: token.userId,
          tenantId: token.tenantId,
          familyId: familyId ?? randomUUID(),
          tokenHash: new Uint8Array(token.tokenHash),
          expiresAt: token.expiresAt,
          ip: token.ip,
          userAgent: token.userAgent,
        },
      });
    });
  }

  /**
   * Claims `presentedHash` and stores `next` as its child in the same family — provided the user
   * still acts in the token's tenant (active member, tenant active, account enabled); otherwise
   * the family is revoked.
   */
  exchange(
    presentedHash: Buffer,
    next: Omit<NewRefreshToken, 'userId' | 'tenantId'>,
    now: Date,
  ): Promise<RefreshTokenExchange> {
    return this.database.system.runAcrossTenants('auth.refresh', async (tx) => {
      const hash = new Uint8Array(presentedHash);
      const claimed = await tx.refreshToken.updateMany({
        where: { tokenHash: hash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      const row = await tx.refreshToken.findUnique({ where: { tokenHash: hash } });
      if (!row) return { outcome: 'unknown' };
      if (claimed.count === 0) {
        if (row.revokedAt) return { outcome: 'revoked' };
        if (row.usedAt) {
          await tx.refreshToken.updateMany({
            where: { familyId: row.familyId, revokedAt: null },
            data: { revokedAt: now, revokedReason: 'reuse_detected' },
          });
          return { outcome: 'reused', familyId: row.familyId };
        }
        return { outcome: 'expired' };
      }
      const membership = row.tenantId
        ? await tx.membership.findUnique({
            where: { tenantId_userId: { tenantId: row.tenantId, userId: row.userId } },
            select: {
              tenant: { select: { name: true, status: true } },
              user: { select: { email: true, disabledAt: true } },
            },
          })
        : null;
      if (
        !row.tenantId ||
        !membership ||
        membership.tenant.status !== 'ACTIVE' ||
        membership.user.disabledAt
      ) {
        await tx.refreshToken.updateMany({
          where: { familyId: row.familyId, revokedAt: null },
          data: { revokedAt: now, revokedReason: 'membership_ended' },
        });
        return { outcome: 'revoked' };
      }
      await tx.refreshToken.create({
        data: {
          userId: row.userId,
          tenantId: row.tenantId,
          familyId: row.familyId,
          parentId: row.id,
          tokenHash: new Uint8Array(next.tokenHash),
          expiresAt: next.expiresAt,
          ip: next.ip,
          userAgent: next.userAgent,
        },
      });
      return {
        outcome: 'rotated',
        userId: row.userId,
        email: membership.user.email,
        tenantId: row.tenantId,
        tenantName: membership.tenant.name,
      };
    });
  }

  /** Ends the session the token belongs to (its whole family). False for an unknown token. */
  revokeFamilyOf(tokenHash: Buffer, now: Date): Promise<boolean> {
    return this.database.system.runAcrossTenants('auth.logout', async (tx) => {
      const row = await tx.refreshToken.findUnique({
        where: { tokenHash: new Uint8Array(tokenHash) },
        select: { familyId: true },
      });
      if (!row) return false;
      await tx.refreshToken.updateMany({
        where: { familyId: row.familyId, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'logout' },
      });
      return true;
    });
  }
}
