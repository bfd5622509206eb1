import { strictMock } from '../../../test/support/strict-mock';
import type { ApiSettings } from '../../platform/config/api-settings';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { AccessTokenService } from './access-token.service';
import { AuthService, LOCK_DURATION_MS, MAX_FAILED_LOGINS } from './auth.service';
import { IdentityRepository, type LoginCandidate } from './identity.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const origin = { ip: '203.0.113.1', userAgent: 'jest', requestId: 'req-1' };
const settings = { auth: { refreshTokenTtlSeconds: 3600 } } as ApiSettings;

function candidate(overrides: Partial<LoginCandidate> = {}): LoginCandidate {
  return {
    id: 'u1',
    email: 'a@example.com',
    passwordHash: '$argon2id$stored',
    disabled: false,
    lockedUntil: null,
    failedLoginCount: 0,
    memberships: [
      { tenantId: 't1', tenantName: 'First', role: 'owner' },
      { tenantId: 't2', tenantName: 'Second', role: 'viewer' },
    ],
    ...overrides,
  };
}

describe('AuthService', () => {
  let identity: jest.Mocked<IdentityRepository>;
  let refreshTokens: jest.Mocked<RefreshTokensRepository>;
  let accessTokens: jest.Mocked<AccessTokenService>;
  let crypto: jest.Mocked<CryptoRepository>;
  let service: AuthService;

  beforeEach(() => {
    identity = strictMock(IdentityRepository);
    refreshTokens = strictMock(RefreshTokensRepository);
    accessTokens = strictMock(AccessTokenService);
    Object.defineProperty(accessTokens, 'ttlSeconds', { value: 300 });
    accessTokens.sign.mockImplementation((user, tenant) => Promise.resolve(`jwt:${user}:${tenant}`));
    crypto = strictMock(CryptoRepository);
    crypto.randomBytes.mockImplementation((length) => Buffer.alloc(length, 7));
    crypto.sha256.mockImplementation((input) => Buffer.from(`sha:${String(input)}`));
    crypto.burnPasswordVerification.mockResolvedValue();
    const clock = strictMock(ClockRepository);
    clock.now.mockReturnValue(NOW);
    refreshTokens.create.mockResolvedValue();
    service = new AuthService(identity, refreshTokens, accessTokens, crypto, clock, settings);
  });

  describe('signup', () => {
    it('hashes the password, creates tenant and owner, audits, and opens a session', async () => {
      identity.emailExists.mockResolvedValue(false);
      crypto.hashPassword.mockResolvedValue('$argon2id$new');
      identity.createTenantWithOwner.mockImplementation((input, audit) => {
        expect(input).toMatchObject({
          email: 'a@example.com',
          passwordHash: '$argon2id$new',
          slug: 'acme-co-07070707',
        });
        expect(audit({ userId: 'u1', tenantId: 't1' })).toMatchObject({
          action: 'tenant.created',
          targetId: 't1',
        });
        return Promise.resolve({ userId: 'u1', tenantId: 't1' });
      });
      const session = await service.signup(
        { email: 'a@example.com', password: 'long enough password', tenantName: 'Acme & Co' },
        origin,
      );
      expect(session).toMatchObject({
        accessToken: 'jwt:u1:t1',
        user: { id: 'u1' },
        tenant: { id: 't1', name: 'Acme & Co' },
      });
      expect(refreshTokens.create).toHaveBeenCalledWith(
        expect.objectContaining({
          userId: 'u1',
          tenantId: 't1',
          expiresAt: new Date(NOW.getTime() + 3600_000),
          tokenHash: Buffer.from(`sha:${session.refreshToken}`),
        }),
      );
    });

    it('retries with a new slug suffix on a slug collision', async () => {
      identity.emailExists.mockResolvedValue(false);
      crypto.hashPassword.mockResolvedValue('h');
      identity.createTenantWithOwner
        .mockResolvedValueOnce('slug_taken')
        .mockResolvedValueOnce({ userId: 'u', tenantId: 't' });
      await service.signup(
        { email: 'a@example.com', password: 'long enough password', tenantName: '###' },
        origin,
      );
      expect(identity.createTenantWithOwner.mock.calls[1]![0].slug).toMatch(/^tenant-/);
    });

    it('refuses a taken e-mail, also when the race is lost at insert time', async () => {
      identity.emailExists.mockResolvedValueOnce(true);
      await expect(
        service.signup({ email: 'a@example.com', password: 'p'.repeat(12), tenantName: 'x' }, origin),
      ).rejects.toMatchObject({ code: 'email_taken' });
      identity.emailExists.mockResolvedValueOnce(false);
      crypto.hashPassword.mockResolvedValue('h');
      identity.createTenantWithOwner.mockResolvedValue('email_taken');
      await expect(
        service.signup({ email: 'a@example.com', password: 'p'.repeat(12), tenantName: 'x' }, origin),
      ).rejects.toMatchObject({ code: 'email_taken' });
    });
  });

  describe('login', () => {
    it('spends a password verification on unknown e-mails (no timing oracle)', async () => {
      identity.findLoginCandidate.mockResolvedValue(null);
      await expect(service.login({ email: 'x@example.com', password: 'pw' }, origin)).rejects.toMatchObject({
        code: 'invalid_credentials',
        logReason: 'unknown email',
      });
      expect(crypto.burnPasswordVerification).toHaveBeenCalledWith('pw');
    });

    it('counts failures and locks the account at the threshold', async () => {
      identity.findLoginCandidate.mockResolvedValue(candidate({ failedLoginCount: MAX_FAILED_LOGINS - 1 }));
      crypto.verifyPassword.mockResolvedValue(false);
      identity.recordLoginFailure.mockResolvedValue();
      await expect(service.login({ email: 'a@example.com', password: 'bad' }, origin)).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
      expect(identity.recordLoginFailure).toHaveBeenCalledWith(
        'u1',
        new Date(NOW.getTime() + LOCK_DURATION_MS),
      );
    });

    it('refuses a locked account even with the right password', async () => {
      identity.findLoginCandidate.mockResolvedValue(
        candidate({ lockedUntil: new Date(NOW.getTime() + 1000) }),
      );
      await expect(
        service.login({ email: 'a@example.com', password: 'right' }, origin),
      ).rejects.toMatchObject({ logReason: 'account locked' });
    });

    it('opens the oldest membership by default, or the chosen tenant', async () => {
      identity.findLoginCandidate.mockResolvedValue(candidate());
      crypto.verifyPassword.mockResolvedValue(true);
      identity.recordLoginSuccess.mockResolvedValue();
      expect((await service.login({ email: 'a@example.com', password: 'right' }, origin)).tenant).toEqual({
        id: 't1',
        name: 'First',
      });
      expect(
        (await service.login({ email: 'a@example.com', password: 'right', tenantId: 't2' }, origin)).tenant,
      ).toEqual({ id: 't2', name: 'Second' });
      await expect(
        service.login({ email: 'a@example.com', password: 'right', tenantId: 't9' }, origin),
      ).rejects.toMatchObject({ code: 'invalid_credentials' });
    });

    it('answers no_membership for an account without active tenants', async () => {
      identity.findLoginCandidate.mockResolvedValue(candidate({ memberships: [] }));
      crypto.verifyPassword.mockResolvedValue(true);
      await expect(
        service.login({ email: 'a@example.com', password: 'right' }, origin),
      ).rejects.toMatchObject({ code: 'no_membership', status: 403 });
    });
  });

  describe('refresh', () => {
    it('issues a new pair on rotation', async () => {
      refreshTokens.exchange.mockResolvedValue({
        outcome: 'rotated',
        userId: 'u1',
        email: 'a@example.com',
        tenantId: 't1',
        tenantName: 'First',
      });
      const session = await service.refresh({ refreshToken: 'spv_rt_old' }, origin);
      expect(refreshTokens.exchange.mock.calls[0]![0]).toEqual(Buffer.from('sha:spv_rt_old'));
      expect(refreshTokens.exchange.mock.calls[0]![1].tokenHash).toEqual(
        Buffer.from(`sha:${session.refreshToken}`),
      );
      expect(session).toMatchObject({
        accessToken: 'jwt:u1:t1',
        user: { id: 'u1', email: 'a@example.com' },
        tenant: { id: 't1' },
      });
    });

    it.each([
      ['reused', 'refresh_token_reused'],
      ['unknown', 'invalid_refresh_token'],
      ['expired', 'invalid_refresh_token'],
      ['revoked', 'invalid_refresh_token'],
    ] as const)('maps %s to %s', async (outcome, code) => {
      refreshTokens.exchange.mockResolvedValue(
        outcome === 'reused' ? { outcome, familyId: 'f' } : { outcome },
      );
      await expect(service.refresh({ refreshToken: 'x' }, origin)).rejects.toMatchObject({
        code,
        status: 401,
      });
    });
  });

  describe('acceptInvitation', () => {
    const invitation = {
      id: 'i1',
      tenantId: 't1',
      tenantName: 'First',
      email: 'new@example.com',
      role: 'developer' as const,
      expiresAt: NOW,
      open: true,
    };

    it('creates the account for a new e-mail (password policy applies)', async () => {
      identity.findInvitation.mockResolvedValue(invitation);
      identity.findUserCredentials.mockResolvedValue(null);
      await expect(service.acceptInvitation({ token: 't', password: 'short' }, origin)).rejects.toMatchObject(
        { code: 'validation_failed' },
      );
      crypto.hashPassword.mockResolvedValue('h');
      identity.acceptInvitation.mockResolvedValue({ userId: 'u9' });
      const session = await service.acceptInvitation(
        { token: 't', password: 'long enough password' },
        origin,
      );
      expect(identity.acceptInvitation.mock.calls[0]![1]).toEqual({
        newUser: { email: 'new@example.com', passwordHash: 'h', displayName: null },
      });
      expect(session.tenant.id).toBe('t1');
    });

    it('refuses closed invitations and races lost to another accept', async () => {
      identity.findInvitation.mockResolvedValueOnce({ ...invitation, open: false });
      await expect(service.acceptInvitation({ token: 't', password: 'x' }, origin)).rejects.toMatchObject({
        code: 'invitation_invalid',
      });
      identity.findInvitation.mockResolvedValueOnce(invitation);
      identity.findUserCredentials.mockResolvedValue({ id: 'u1', passwordHash: 'h', disabled: false });
      crypto.verifyPassword.mockResolvedValue(true);
      identity.acceptInvitation.mockResolvedValue('not_open');
      await expect(service.acceptInvitation({ token: 't', password: 'x' }, origin)).rejects.toMatchObject({
        code: 'invitation_invalid',
      });
    });
  });
});
