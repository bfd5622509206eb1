import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { addMember, expectProblem, PASSWORD, signUp, uniqueEmail, type Session } from './support/fixtures';

describe('identity: sign-up, login, refresh rotation, logout, invitations', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
  });
  afterAll(async () => {
    await env?.close();
  });

  describe('sign-up', () => {
    it('creates a tenant and its owner and opens a session', async () => {
      const email = uniqueEmail('Founder').toUpperCase();
      const response = await api.request('POST', '/v1/auth/signup', {
        body: { email: `  ${email} `, password: PASSWORD, tenantName: 'Acme Ledger' },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^spv_rt_/),
        expiresIn: 300,
        user: { id: expect.any(String), email: email.toLowerCase() },
        tenant: { id: expect.any(String), name: 'Acme Ledger' },
      });
      const me = await api.request('GET', '/v1/me', { token: response.body.accessToken });
      expect(me.body).toMatchObject({
        kind: 'user',
        role: 'owner',
        plan: 'free',
        tenantId: response.body.tenant.id,
      });
      const tenant = await api.request('GET', '/v1/tenant', { token: response.body.accessToken });
      expect(tenant.body).toMatchObject({
        name: 'Acme Ledger',
        plan: 'free',
        status: 'active',
        slug: expect.stringMatching(/^acme-ledger-[0-9a-f]{8}$/),
      });
    });

    it('refuses a registered e-mail with 409 email_taken', async () => {
      const first = await signUp(api, 'dup');
      const again = await api.request('POST', '/v1/auth/signup', {
        body: { email: first.email, password: PASSWORD, tenantName: 'Other' },
      });
      expectProblem(again, 409, 'email_taken');
    });

    it('records tenant.created in the audit log', async () => {
      const owner = await signUp(api, 'audited');
      const log = await api.request('GET', '/v1/audit-log', { token: owner.accessToken });
      expect(log.body.items).toEqual([
        expect.objectContaining({
          action: 'tenant.created',
          actorType: 'user',
          actorId: owner.userId,
          targetId: owner.tenantId,
        }),
      ]);
    });
  });

  describe('login', () => {
    let owner: Session;
    beforeAll(async () => {
      owner = await signUp(api, 'login');
    });

    it('answers the same session shape as sign-up', async () => {
      const response = await api.request('POST', '/v1/auth/login', {
        body: { email: owner.email, password: PASSWORD },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        user: { id: owner.userId, email: owner.email },
        tenant: { id: owner.tenantId },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
    });

    it('answers wrong password and unknown e-mail alike, and logs which it was', async () => {
      const wrong = await api.request('POST', '/v1/auth/login', {
        body: { email: owner.email, password: 'nope nope nope' },
      });
      const unknown = await api.request('POST', '/v1/auth/login', {
        body: { email: uniqueEmail('ghost'), password: PASSWORD },
      });
      expectProblem(wrong, 401, 'invalid_credentials');
      expectProblem(unknown, 401, 'invalid_credentials');
      expect(wrong.body.detail).toBe(unknown.body.detail);
      const reasons = api.logs
        .lines()
        .filter(
          (line) =>
            line.requestId === wrong.headers['x-request-id'] ||
            line.requestId === unknown.headers['x-request-id'],
        )
        .map((line) => line.reason)
        .filter(Boolean);
      expect(reasons).toEqual(expect.arrayContaining(['wrong password', 'unknown email']));
    });

    it('opens a session for a chosen tenant only if the user is a member there', async () => {
      const other = await signUp(api, 'other');
      const response = await api.request('POST', '/v1/auth/login', {
        body: { email: owner.email, password: PASSWORD, tenantId: other.tenantId },
      });
      expectProblem(response, 401, 'invalid_credentials');
    });
  });

  describe('refresh', () => {
    it('rotates: a refresh token works once and yields a new pair', async () => {
      const owner = await signUp(api, 'rotate');
      const first = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(owner.refreshToken);
      expect(first.body.tenant).toEqual({ id: owner.tenantId, name: expect.any(String) });
      const me = await api.request('GET', '/v1/me', { token: first.body.accessToken });
      expect(me.body.userId).toBe(owner.userId);
      const second = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: first.body.refreshToken },
      });
      expect(second.status).toBe(200);
    });

    it('detects reuse of a used token and revokes the whole family', async () => {
      const owner = await signUp(api, 'reuse');
      const rotated = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expect(rotated.status).toBe(200);
      // An attacker replays the original token: reuse.
      const replay = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expectProblem(replay, 401, 'refresh_token_reused');
      // The legitimate holder's newer token died with the family.
      const legit = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      expectProblem(legit, 401, 'invalid_refresh_token');
      // Another session of the same user (a separate family) is unaffected.
      const login = await api.request('POST', '/v1/auth/login', {
        body: { email: owner.email, password: PASSWORD },
      });
      const other = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: login.body.refreshToken },
      });
      expect(other.status).toBe(200);
    });

    it('treats concurrent use of one token as reuse: at most one caller wins', async () => {
      const owner = await signUp(api, 'race');
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          api.request('POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } }),
        ),
      );
      expect(results.filter((result) => result.status === 200).length).toBeLessThanOrEqual(1);
      for (const result of results.filter((r) => r.status !== 200)) expect(result.status).toBe(401);
    });

    it('refuses unknown tokens', async () => {
      expectProblem(
        await api.request('POST', '/v1/auth/refresh', { body: { refreshToken: 'spv_rt_unknown' } }),
        401,
        'invalid_refresh_token',
      );
    });
  });

  describe('logout', () => {
    it('ends the session family; repeating it is harmless', async () => {
      const owner = await signUp(api, 'logout');
      const rotated = await api.request('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      const logout = await api.request('POST', '/v1/auth/logout', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      expect(logout.status).toBe(204);
      expectProblem(
        await api.request('POST', '/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } }),
        401,
        'invalid_refresh_token',
      );
      expect(
        (await api.request('POST', '/v1/auth/logout', { body: { refreshToken: rotated.body.refreshToken } }))
          .status,
      ).toBe(204);
    });
  });

  describe('invitations', () => {
    it('lets an invitee join with a new account, once', async () => {
      const owner = await signUp(api, 'inviter');
      const email = uniqueEmail('invitee');
      const invite = await api.request('POST', '/v1/tenant/members', {
        token: owner.accessToken,
        body: { email, role: 'developer' },
      });
      expect(invite.status).toBe(201);
      expect(invite.body).toMatchObject({
        email,
        role: 'developer',
        status: 'pending',
        token: expect.stringMatching(/^spv_inv_/),
      });
      const accepted = await api.request('POST', '/v1/auth/accept-invitation', {
        body: { token: invite.body.token, password: PASSWORD },
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.tenant.id).toBe(owner.tenantId);
      const me = await api.request('GET', '/v1/me', { token: accepted.body.accessToken });
      expect(me.body).toMatchObject({ role: 'developer', tenantId: owner.tenantId });
      const again = await api.request('POST', '/v1/auth/accept-invitation', {
        body: { token: invite.body.token, password: PASSWORD },
      });
      expectProblem(again, 400, 'invitation_invalid');
    });

    it('lets an existing user join a second tenant with their password, then choose it at login', async () => {
      const first = await signUp(api, 'multi');
      const second = await signUp(api, 'host');
      const invite = await api.request('POST', '/v1/tenant/members', {
        token: second.accessToken,
        body: { email: first.email, role: 'viewer' },
      });
      const wrong = await api.request('POST', '/v1/auth/accept-invitation', {
        body: { token: invite.body.token, password: 'not the password' },
      });
      expectProblem(wrong, 401, 'invalid_credentials');
      const joined = await api.request('POST', '/v1/auth/accept-invitation', {
        body: { token: invite.body.token, password: PASSWORD },
      });
      expect(joined.status).toBe(201);
      expect(joined.body.user.id).toBe(first.userId);
      const login = await api.request('POST', '/v1/auth/login', {
        body: { email: first.email, password: PASSWORD, tenantId: second.tenantId },
      });
      expect(login.body.tenant.id).toBe(second.tenantId);
      const defaultLogin = await api.request('POST', '/v1/auth/login', {
        body: { email: first.email, password: PASSWORD },
      });
      expect(defaultLogin.body.tenant.id).toBe(first.tenantId);
    });

    it('refuses revoked invitations and unknown tokens', async () => {
      const owner = await signUp(api, 'revoker');
      const invite = await api.request('POST', '/v1/tenant/members', {
        token: owner.accessToken,
        body: { email: uniqueEmail('late'), role: 'viewer' },
      });
      const revoke = await api.request('DELETE', `/v1/tenant/invitations/${invite.body.id}`, {
        token: owner.accessToken,
      });
      expect(revoke.body.status).toBe('revoked');
      expectProblem(
        await api.request('POST', '/v1/auth/accept-invitation', {
          body: { token: invite.body.token, password: PASSWORD },
        }),
        400,
        'invitation_invalid',
      );
      expectProblem(
        await api.request('POST', '/v1/auth/accept-invitation', {
          body: { token: 'spv_inv_nope', password: PASSWORD },
        }),
        400,
        'invitation_invalid',
      );
    });

    it("ends a removed member's access at once, tokens included", async () => {
      const owner = await signUp(api, 'remover');
      const member = await addMember(api, owner, 'developer');
      expect((await api.request('GET', '/v1/me', { token: member.accessToken })).status).toBe(200);
      expect(
        (await api.request('DELETE', `/v1/tenant/members/${member.userId}`, { token: owner.accessToken }))
          .status,
      ).toBe(204);
      expectProblem(
        await api.request('GET', '/v1/me', { token: member.accessToken }),
        401,
        'unauthenticated',
      );
      expectProblem(
        await api.request('POST', '/v1/auth/refresh', { body: { refreshToken: member.refreshToken } }),
        401,
        'invalid_refresh_token',
      );
    });
  });
});
