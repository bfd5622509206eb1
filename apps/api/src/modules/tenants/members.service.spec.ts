import { strictMock } from '../../../test/support/strict-mock';
import type { ActorContext } from '../../platform/auth/actor-context';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { MembersRepository } from './members.repository';
import { INVITATION_TTL_MS, MembersService } from './members.service';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const actorWith = (role: 'owner' | 'admin'): ActorContext => ({
  principal: { kind: 'user', tenantId: 't1', userId: 'actor', role, plan: 'FREE' },
  ip: '203.0.113.1',
  userAgent: null,
  requestId: 'r',
});

describe('MembersService', () => {
  let repository: jest.Mocked<MembersRepository>;
  let service: MembersService;

  beforeEach(() => {
    repository = strictMock(MembersRepository);
    const crypto = strictMock(CryptoRepository);
    crypto.randomBytes.mockReturnValue(Buffer.alloc(32, 3));
    crypto.sha256.mockImplementation((input) => Buffer.from(`sha:${String(input)}`));
    const clock = strictMock(ClockRepository);
    clock.now.mockReturnValue(NOW);
    service = new MembersService(repository, crypto, clock);
  });

  it('invites with a hashed single-use token valid for seven days', async () => {
    repository.isMemberByEmail.mockResolvedValue(false);
    repository.createInvitation.mockImplementation((_tenant, invitation, audit) => {
      expect(audit('i1')).toMatchObject({
        action: 'member.invited',
        targetType: 'invitation',
        metadata: { role: 'viewer' },
      });
      return Promise.resolve({
        id: 'i1',
        tenantId: 't1',
        email: invitation.email,
        role: 'VIEWER',
        tokenHash: new Uint8Array(invitation.tokenHash),
        invitedByUserId: 'actor',
        expiresAt: invitation.expiresAt,
        acceptedAt: null,
        acceptedByUserId: null,
        revokedAt: null,
        createdAt: NOW,
      });
    });
    const created = await service.invite('t1', actorWith('admin'), {
      email: 'v@example.com',
      role: 'viewer',
    });
    expect(created).toMatchObject({
      status: 'pending',
      role: 'viewer',
      token: expect.stringMatching(/^spv_inv_/),
    });
    const stored = repository.createInvitation.mock.calls[0]![1];
    expect(stored.tokenHash).toEqual(Buffer.from(`sha:${created.token}`));
    expect(stored.expiresAt).toEqual(new Date(NOW.getTime() + INVITATION_TTL_MS));
  });

  it('checks owner rules inside the repository transaction and answers 404 for non-members', async () => {
    repository.changeRole.mockImplementation((_t, _u, _role, check) => {
      check({ currentRole: 'owner', ownerCount: 1 });
      return Promise.resolve(null);
    });
    await expect(service.changeRole('t1', actorWith('owner'), 'u2', { role: 'admin' })).rejects.toMatchObject(
      { code: 'last_owner' },
    );
    repository.changeRole.mockResolvedValue(null);
    await expect(service.changeRole('t1', actorWith('owner'), 'u2', { role: 'admin' })).rejects.toMatchObject(
      { code: 'member_not_found', status: 404 },
    );
    repository.remove.mockResolvedValue(null);
    await expect(service.remove('t1', actorWith('owner'), 'u2')).rejects.toMatchObject({
      code: 'member_not_found',
    });
  });

  it('refuses to invite an existing member', async () => {
    repository.isMemberByEmail.mockResolvedValue(true);
    await expect(
      service.invite('t1', actorWith('owner'), { email: 'm@example.com', role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'already_member' });
  });
});
