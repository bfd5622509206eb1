import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { addMember, expectProblem, signUp, uniqueEmail, type Session } from './support/fixtures';

type Role = 'owner' | 'admin' | 'developer' | 'finance' | 'viewer';
const ROLES: Role[] = ['owner', 'admin', 'developer', 'finance', 'viewer'];

interface Action {
  readonly name: string;
  /** Which roles may do it — the product's permission table, spelled out independently of the code. */
  readonly allowed: readonly Role[];
  run(
    api: ApiUnderTest,
    actor: Session,
    owner: Session,
  ): Promise<{ status: number; body: any; headers: any }>;
}

const ACTIONS: Action[] = [
  {
    name: 'read the tenant',
    allowed: ROLES,
    run: (api, actor) => api.request('GET', '/v1/tenant', { token: actor.accessToken }),
  },
  {
    name: 'rename the tenant',
    allowed: ['owner', 'admin'],
    run: (api, actor) =>
      api.request('PATCH', '/v1/tenant', { token: actor.accessToken, body: { name: 'Renamed' } }),
  },
  {
    name: 'list members',
    allowed: ROLES,
    run: (api, actor) => api.request('GET', '/v1/tenant/members', { token: actor.accessToken }),
  },
  {
    name: 'list invitations',
    allowed: ROLES,
    run: (api, actor) => api.request('GET', '/v1/tenant/invitations', { token: actor.accessToken }),
  },
  {
    name: 'invite a viewer',
    allowed: ['owner', 'admin'],
    run: (api, actor) =>
      api.request('POST', '/v1/tenant/members', {
        token: actor.accessToken,
        body: { email: uniqueEmail('v'), role: 'viewer' },
      }),
  },
  {
    name: "change a developer's role",
    allowed: ['owner', 'admin'],
    run: async (api, actor, owner) => {
      const target = await addMember(api, owner, 'developer', 'target');
      return api.request('PATCH', `/v1/tenant/members/${target.userId}`, {
        token: actor.accessToken,
        body: { role: 'viewer' },
      });
    },
  },
  {
    name: 'remove a developer',
    allowed: ['owner', 'admin'],
    run: async (api, actor, owner) => {
      const target = await addMember(api, owner, 'developer', 'target');
      return api.request('DELETE', `/v1/tenant/members/${target.userId}`, { token: actor.accessToken });
    },
  },
  {
    name: 'list API keys',
    allowed: ['owner', 'admin', 'developer', 'viewer'],
    run: (api, actor) => api.request('GET', '/v1/api-keys', { token: actor.accessToken }),
  },
  {
    name: 'create an API key',
    allowed: ['owner', 'admin', 'developer'],
    run: (api, actor) =>
      api.request('POST', '/v1/api-keys', {
        token: actor.accessToken,
        body: { name: 'k', scopes: ['verify'] },
      }),
  },
  {
    name: 'revoke an API key',
    allowed: ['owner', 'admin', 'developer'],
    run: async (api, actor, owner) => {
      const key = await api.request('POST', '/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'victim', scopes: ['verify'] },
      });
      return api.request('POST', `/v1/api-keys/${key.body.id}/revoke`, { token: actor.accessToken });
    },
  },
  {
    name: 'read the audit log',
    allowed: ['owner', 'admin', 'finance'],
    run: (api, actor) => api.request('GET', '/v1/audit-log', { token: actor.accessToken }),
  },
  {
    name: 'read the tenant over GraphQL',
    allowed: ROLES,
    run: async (api, actor) => graphqlAsRest(await api.graphql('{ tenant { id } }', {}, actor.accessToken)),
  },
  {
    name: 'create an API key over GraphQL',
    allowed: ['owner', 'admin', 'developer'],
    run: async (api, actor) =>
      graphqlAsRest(
        await api.graphql(
          'mutation { createApiKey(input: { name: "g", scopes: ["verify"] }) { id } }',
          {},
          actor.accessToken,
        ),
      ),
  },
  {
    name: 'read the audit log over GraphQL',
    allowed: ['owner', 'admin', 'finance'],
    run: async (api, actor) =>
      graphqlAsRest(await api.graphql('{ auditLog { items { id } } }', {}, actor.accessToken)),
  },
];

/** A GraphQL answer seen as a status: the first error's extensions.status, else 200. */
function graphqlAsRest(response: { body: any; headers: any }) {
  const error = response.body.errors?.[0];
  return {
    status: error ? (error.extensions.status as number) : 200,
    body: error
      ? { ...error.extensions, detail: error.message, type: 'graphql', title: 'graphql' }
      : response.body.data,
    headers: { 'content-type': 'application/problem+json' },
  };
}

describe("roles: every role's allowed and forbidden actions", () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  const tenants = new Map<Role, { owner: Session; actor: Session }>();

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
    for (const role of ROLES) {
      const owner = await signUp(api, `org-${role}`);
      tenants.set(role, { owner, actor: role === 'owner' ? owner : await addMember(api, owner, role) });
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(ACTIONS.map((action) => [action.name, action] as const))('%s', async (_name, action) => {
      const { owner, actor } = tenants.get(role)!;
      const response = await action.run(api, actor, owner);
      if (action.allowed.includes(role)) {
        expect(response.status).toBeLessThan(300);
      } else {
        expectProblem(response, 403, 'forbidden');
      }
    });
  });

  describe('target-dependent rules', () => {
    let owner: Session;
    let admin: Session;

    beforeEach(async () => {
      owner = await signUp(api, 'rules');
      admin = await addMember(api, owner, 'admin');
    });

    it('admins cannot grant the owner role, invite owners, or touch an owner', async () => {
      const developer = await addMember(api, owner, 'developer');
      expectProblem(
        await api.request('PATCH', `/v1/tenant/members/${developer.userId}`, {
          token: admin.accessToken,
          body: { role: 'owner' },
        }),
        403,
        'owner_required',
      );
      expectProblem(
        await api.request('POST', '/v1/tenant/members', {
          token: admin.accessToken,
          body: { email: uniqueEmail('o'), role: 'owner' },
        }),
        403,
        'owner_required',
      );
      expectProblem(
        await api.request('PATCH', `/v1/tenant/members/${owner.userId}`, {
          token: admin.accessToken,
          body: { role: 'viewer' },
        }),
        403,
        'owner_required',
      );
      expectProblem(
        await api.request('DELETE', `/v1/tenant/members/${owner.userId}`, { token: admin.accessToken }),
        403,
        'owner_required',
      );
    });

    it('the last owner can be neither demoted nor removed, even by themself', async () => {
      expectProblem(
        await api.request('PATCH', `/v1/tenant/members/${owner.userId}`, {
          token: owner.accessToken,
          body: { role: 'admin' },
        }),
        409,
        'last_owner',
      );
      expectProblem(
        await api.request('DELETE', `/v1/tenant/members/${owner.userId}`, { token: owner.accessToken }),
        409,
        'last_owner',
      );
    });

    it('an owner can hand over ownership and then step down', async () => {
      const promoted = await api.request('PATCH', `/v1/tenant/members/${admin.userId}`, {
        token: owner.accessToken,
        body: { role: 'owner' },
      });
      expect(promoted.body.role).toBe('owner');
      const demoted = await api.request('PATCH', `/v1/tenant/members/${owner.userId}`, {
        token: owner.accessToken,
        body: { role: 'viewer' },
      });
      expect(demoted.body.role).toBe('viewer');
      // The role change applies to the very next request with the same access token.
      expectProblem(
        await api.request('PATCH', '/v1/tenant', { token: owner.accessToken, body: { name: 'x' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await api.request('PATCH', `/v1/tenant/members/${admin.userId}`, {
          token: admin.accessToken,
          body: { role: 'viewer' },
        }),
        409,
        'last_owner',
      );
    });

    it('two owners demoting each other at once leave exactly one owner', async () => {
      await api.request('PATCH', `/v1/tenant/members/${admin.userId}`, {
        token: owner.accessToken,
        body: { role: 'owner' },
      });
      const results = await Promise.all([
        api.request('PATCH', `/v1/tenant/members/${admin.userId}`, {
          token: owner.accessToken,
          body: { role: 'viewer' },
        }),
        api.request('PATCH', `/v1/tenant/members/${owner.userId}`, {
          token: admin.accessToken,
          body: { role: 'viewer' },
        }),
      ]);
      const statuses = results.map((result) => result.status).sort();
      expect(statuses[0]).toBe(200);
      expect(statuses[1]).toBeGreaterThanOrEqual(401);
      const members = await api.request('GET', '/v1/tenant/members', {
        token: results[0].status === 200 ? owner.accessToken : admin.accessToken,
      });
      expect(members.body.items.filter((member: { role: string }) => member.role === 'owner')).toHaveLength(
        1,
      );
    });

    it('refuses inviting an existing member and records member changes in the audit log', async () => {
      expectProblem(
        await api.request('POST', '/v1/tenant/members', {
          token: owner.accessToken,
          body: { email: admin.email, role: 'viewer' },
        }),
        409,
        'already_member',
      );
      await api.request('PATCH', `/v1/tenant/members/${admin.userId}`, {
        token: owner.accessToken,
        body: { role: 'finance' },
      });
      await api.request('DELETE', `/v1/tenant/members/${admin.userId}`, { token: owner.accessToken });
      const log = await api.request('GET', '/v1/audit-log', { token: owner.accessToken });
      expect(log.body.items.slice(0, 2)).toEqual([
        expect.objectContaining({
          action: 'member.removed',
          targetId: admin.userId,
          metadata: { role: 'finance' },
        }),
        expect.objectContaining({
          action: 'member.role_changed',
          metadata: { from: 'admin', to: 'finance' },
        }),
      ]);
      const actions = log.body.items.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['member.invited', 'member.joined', 'tenant.created']));
    });
  });
});
