import { Inject, Injectable } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { base58Encode } from '../../platform/crypto/base58';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { AccessTokenService } from './access-token.service';
import { AuthErrors } from './auth.errors';
import type {
  AcceptInvitationBody,
  AuthSession,
  LoginBody,
  RefreshBody,
  SignupBody,
} from './dto/auth.schemas';
import { IdentityRepository } from './identity.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Where a session request came from; stored with refresh tokens and audit rows. */
export interface ClientOrigin {
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string;
}

export const REFRESH_TOKEN_PREFIX = 'spv_rt_';
/** Consecutive wrong passwords before the account locks for LOCK_DURATION_MS. */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
const MIN_NEW_PASSWORD_LENGTH = 12;

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly crypto: CryptoRepository,
    private readonly clock: ClockRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async signup(input: SignupBody, origin: ClientOrigin): Promise<AuthSession> {
    if (await this.identity.emailExists(input.email)) throw AuthErrors.emailTaken();
    const passwordHash = await this.crypto.hashPassword(input.password);
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.identity.createTenantWithOwner(
        {
          email: input.email,
          passwordHash,
          tenantName: input.tenantName,
          slug: this.slugFor(input.tenantName),
        },
        ({ userId, tenantId }) => ({
          action: 'tenant.created',
          actor: {
            kind: 'user',
            userId,
            ip: origin.ip,
            userAgent: origin.userAgent,
            requestId: origin.requestId,
          },
          targetType: 'tenant',
          targetId: tenantId,
          metadata: { name: input.tenantName },
        }),
      );
      if (created === 'email_taken') throw AuthErrors.emailTaken();
      if (created === 'slug_taken') continue;
      return this.openSession(
        { id: created.userId, email: input.email },
        { id: created.tenantId, name: input.tenantName },
        origin,
      );
    }
    // Three random slug suffixes colliding means something is wrong with the generator.
    throw PlatformErrors.internal();
  }

  async login(input: LoginBody, origin: ClientOrigin): Promise<AuthSession> {
    const candidate = await this.identity.findLoginCandidate(input.email);
    if (!candidate) {
      await this.crypto.burnPasswordVerification(input.password);
      throw AuthErrors.invalidCredentials('unknown email');
    }
    const now = this.clock.now();
    if (candidate.lockedUntil && candidate.lockedUntil > now) {
      await this.crypto.burnPasswordVerification(input.password);
      throw AuthErrors.invalidCredentials('account locked');
    }
    if (!(await this.crypto.verifyPassword(candidate.passwordHash, input.password))) {
      const lock =
        candidate.failedLoginCount + 1 >= MAX_FAILED_LOGINS
          ? new Date(now.getTime() + LOCK_DURATION_MS)
          : null;
      await this.identity.recordLoginFailure(candidate.id, lock);
      throw AuthErrors.invalidCredentials(lock ? 'wrong password, account now locked' : 'wrong password');
    }
    if (candidate.disabled) throw AuthErrors.invalidCredentials('account disabled');
    const membership = input.tenantId
      ? candidate.memberships.find((entry) => entry.tenantId === input.tenantId)
      : candidate.memberships[0];
    if (!membership) {
      if (input.tenantId) throw AuthErrors.invalidCredentials('not a member of the requested tenant');
      throw AuthErrors.noMembership();
    }
    await this.identity.recordLoginSuccess(candidate.id, now);
    return this.openSession(
      { id: candidate.id, email: candidate.email },
      { id: membership.tenantId, name: membership.tenantName },
      origin,
    );
  }

  async refresh(input: RefreshBody, origin: ClientOrigin): Promise<AuthSession> {
    const now = this.clock.now();
    const nextToken = this.newRefreshToken();
    const result = await this.refreshTokens.exchange(
      this.crypto.sha256(input.refreshToken),
      {
        tokenHash: this.crypto.sha256(nextToken),
        expiresAt: this.refreshExpiry(now),
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
      now,
    );
    switch (result.outcome) {
      case 'rotated':
        return {
          accessToken: await this.accessTokens.sign(result.userId, result.tenantId),
          refreshToken: nextToken,
          expiresIn: this.accessTokens.ttlSeconds,
          user: { id: result.userId, email: result.email },
          tenant: { id: result.tenantId, name: result.tenantName },
        };
      case 'reused':
        throw AuthErrors.refreshTokenReused();
      default:
        throw AuthErrors.invalidRefreshToken(`refresh token ${result.outcome}`);
    }
  }

  /** Ends the session family of a refresh token. Unknown tokens are ignored: logout is idempotent. */
  async logout(input: RefreshBody): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(this.crypto.sha256(input.refreshToken), this.clock.now());
  }

  async acceptInvitation(input: AcceptInvitationBody, origin: ClientOrigin): Promise<AuthSession> {
    const now = this.clock.now();
    const invitation = await this.identity.findInvitation(this.crypto.sha256(input.token), now);
    if (!invitation || !invitation.open) throw AuthErrors.invitationInvalid();
    const existing = await this.identity.findUserCredentials(invitation.email);
    let account: Parameters<IdentityRepository['acceptInvitation']>[1];
    if (existing) {
      if (existing.disabled || !(await this.crypto.verifyPassword(existing.passwordHash, input.password))) {
        throw AuthErrors.invalidCredentials('invitation accepted with a wrong password');
      }
      account = { userId: existing.id };
    } else {
      if (input.password.length < MIN_NEW_PASSWORD_LENGTH) {
        throw PlatformErrors.validationFailed([
          { name: 'body.password', reason: `must be at least ${MIN_NEW_PASSWORD_LENGTH} characters` },
        ]);
      }
      account = {
        newUser: {
          email: invitation.email,
          passwordHash: await this.crypto.hashPassword(input.password),
          displayName: input.displayName ?? null,
        },
      };
    }
    const accepted = await this.identity.acceptInvitation(invitation, account, now, (userId) => ({
      action: 'member.joined',
      actor: {
        kind: 'user',
        userId,
        ip: origin.ip,
        userAgent: origin.userAgent,
        requestId: origin.requestId,
      },
      targetType: 'user',
      targetId: userId,
      metadata: { invitationId: invitation.id, role: invitation.role },
    }));
    if (accepted === 'not_open') throw AuthErrors.invitationInvalid();
    return this.openSession(
      { id: accepted.userId, email: invitation.email },
      { id: invitation.tenantId, name: invitation.tenantName },
      origin,
    );
  }

  private async openSession(
    user: { id: string; email: string },
    tenant: { id: string; name: string },
    origin: ClientOrigin,
  ): Promise<AuthSession> {
    const now = this.clock.now();
    const refreshToken = this.newRefreshToken();
    await this.refreshTokens.create({
      userId: user.id,
      tenantId: tenant.id,
      tokenHash: this.crypto.sha256(refreshToken),
      expiresAt: this.refreshExpiry(now),
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    return {
      accessToken: await this.accessTokens.sign(user.id, tenant.id),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      user,
      tenant,
    };
  }

  private newRefreshToken(): string {
    return `${REFRESH_TOKEN_PREFIX}${base58Encode(this.crypto.randomBytes(32))}`;
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.settings.auth.refreshTokenTtlSeconds * 1000);
  }

  private slugFor(tenantName: string): string {
    const base = tenantName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
    const suffix = this.crypto.randomBytes(4).toString('hex');
    return `${base || 'tenant'}-${suffix}`;
  }
}
