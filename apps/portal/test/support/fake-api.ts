import {
  ApiClient,
  MemorySessionStore,
  type ApiKey,
  type AuditLogEntry,
  type Invitation,
  type Member,
  type MemberRole,
  type RetentionPolicy,
  type Session,
  type Tenant,
} from '@spv-cloud/api-client';

/**
 * An in-memory stand-in for the REST API, for component tests in jsdom (which has no fetch): it
 * keeps tenant, members, invitations, keys and audit entries, checks the bearer token, paginates
 * like the API (limit + opaque cursor), and answers problem documents. Every request is recorded.
 * The browser end-to-end test runs against the real API instead.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: any;
  readonly authorization: string | undefined;
}

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  tenant: Tenant = {
    id: uuid(1),
    name: 'Acme Anchors',
    slug: 'acme-anchors',
    plan: 'pro',
    status: 'active',
    settings: { 'retention.days': 30 },
    createdAt: iso(0),
  };
  members: Member[] = [];
  invitations: Invitation[] = [];
  keys: ApiKey[] = [];
  audit: AuditLogEntry[] = [];
  retention: RetentionPolicy = {
    hotTtlDays: 30,
    archiveYears: 7,
    legalHold: false,
    legalHoldReason: null,
    legalHoldSetAt: null,
    hotTtlDayChoices: [1, 7, 30, 90, 180, 365],
    deleteAfterDays: 30 + 7 * 365,
  };
  /** Access tokens the fake accepts; refresh tokens it will rotate. */
  readonly validAccess = new Set<string>();
  readonly validRefresh = new Set<string>();
  /** The signed-in user's id and role, as /v1/me reports them. */
  me = { userId: uuid(100), role: 'owner' as MemberRole };
  /** Answers to force for the next matching request: `METHOD /path` → problem. */
  readonly failNext = new Map<string, { status: number; code: string; detail: string }>();
  private counter = 1000;

  constructor() {
    this.members.push({
      userId: this.me.userId,
      email: 'owner@acme.test',
      displayName: 'Olive Owner',
      role: 'owner',
      joinedAt: iso(1),
    });
  }

  /** A session for the current user, registered as valid. */
  session(role: MemberRole = this.me.role): Session {
    this.me.role = role;
    const member = this.members.find((m) => m.userId === this.me.userId);
    if (member) member.role = role;
    const n = this.counter++;
    this.validAccess.add(`access-${n}`);
    this.validRefresh.add(`refresh-${n}`);
    return {
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      accessTokenExpiresAt: Date.now() + 15 * 60_000,
      user: { id: this.me.userId, email: member?.email ?? 'owner@acme.test' },
      tenant: { id: this.tenant.id, name: this.tenant.name },
    };
  }

  client(session: Session | null = this.session()): { client: ApiClient; store: MemorySessionStore } {
    const store = new MemorySessionStore(session);
    return { client: new ApiClient({ fetch: this.fetch, sessionStore: store }), store };
  }

  addMember(email: string, role: MemberRole, displayName: string | null = null): Member {
    const member: Member = {
      userId: uuid(this.counter++),
      email,
      displayName,
      role,
      joinedAt: iso(this.members.length + 2),
    };
    this.members.push(member);
    return member;
  }

  addKey(name: string, overrides: Partial<ApiKey> = {}): ApiKey {
    const n = this.counter++;
    const key: ApiKey = {
      id: uuid(n),
      name,
      scopes: ['proofs:read'],
      start: `spv_test_${n}`,
      environment: 'test',
      status: 'active',
      createdAt: iso(100 + this.keys.length),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      rotatedFromId: null,
      ...overrides,
    };
    this.keys.unshift(key);
    return key;
  }

  addAudit(action: string, minutes: number): AuditLogEntry {
    const entry: AuditLogEntry = {
      id: uuid(this.counter++),
      action,
      actorType: 'user',
      actorId: this.me.userId,
      targetType: 'api_key',
      targetId: uuid(7),
      ip: '203.0.113.9',
      userAgent: 'jest',
      requestId: `req-${minutes}`,
      metadata: { minutes },
      createdAt: iso(minutes),
    };
    this.audit.unshift(entry);
    return entry;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://portal.test',
    );
    const headers = (init.headers ?? {}) as Record<string, string>;
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.authorization,
    };
    this.requests.push(request);
    await Promise.resolve(); // answer asynchronously, like a network
    const forced = this.failNext.get(`${request.method} ${request.path}`);
    if (forced) {
      this.failNext.delete(`${request.method} ${request.path}`);
      return problem(forced.status, forced.code, forced.detail);
    }
    return this.route(request);
  };

  private route(request: RecordedRequest): Response {
    const { method, path, body } = request;
    if (method === 'POST' && path === '/v1/auth/login') {
      const member = this.members.find((m) => m.email === body.email);
      if (!member || body.password !== 'correct horse battery staple') {
        return problem(401, 'invalid_credentials', 'The e-mail address or password is wrong.');
      }
      this.me.userId = member.userId;
      this.me.role = member.role;
      return json(200, this.authFor(member.email));
    }
    if (method === 'POST' && path === '/v1/auth/signup') {
      if (this.members.some((m) => m.email === body.email)) {
        return problem(409, 'email_taken', 'An account with this e-mail address exists; log in instead.');
      }
      this.tenant = { ...this.tenant, name: body.tenantName };
      this.members = [
        { userId: this.me.userId, email: body.email, displayName: null, role: 'owner', joinedAt: iso(5) },
      ];
      this.me.role = 'owner';
      return json(201, this.authFor(body.email));
    }
    if (method === 'POST' && path === '/v1/auth/refresh') {
      if (!this.validRefresh.delete(body.refreshToken)) {
        return problem(
          401,
          'invalid_refresh_token',
          'The refresh token is unknown, expired or revoked; log in again.',
        );
      }
      return json(200, this.authFor(this.members.find((m) => m.userId === this.me.userId)?.email ?? ''));
    }
    if (method === 'POST' && path === '/v1/auth/logout') {
      this.validRefresh.delete(body.refreshToken);
      return new FakeResponse(204, '') as unknown as Response;
    }
    if (method === 'POST' && path === '/v1/auth/accept-invitation') {
      const invitation = this.invitations.find(
        (i) => `token-${i.id}` === body.token && i.status === 'pending',
      );
      if (!invitation)
        return problem(401, 'invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
      invitation.status = 'accepted';
      const member = this.addMember(invitation.email, invitation.role);
      this.me.userId = member.userId;
      this.me.role = member.role;
      return json(201, this.authFor(member.email));
    }

    if (!request.authorization || !this.validAccess.has(request.authorization.replace(/^Bearer /, ''))) {
      return problem(401, 'unauthenticated', 'Missing, invalid or expired credentials.');
    }

    if (method === 'GET' && path === '/v1/me') {
      return json(200, {
        kind: 'user',
        tenantId: this.tenant.id,
        userId: this.me.userId,
        role: this.me.role,
        apiKeyId: null,
        scopes: null,
        plan: this.tenant.plan,
      });
    }
    if (method === 'GET' && path === '/v1/tenant') return json(200, this.tenant);
    if (method === 'PATCH' && path === '/v1/tenant') {
      const settings = { ...this.tenant.settings };
      for (const [key, value] of Object.entries((body.settings ?? {}) as Record<string, unknown>)) {
        if (value === null) delete settings[key];
        else settings[key] = value as string;
      }
      this.tenant = { ...this.tenant, ...(body.name ? { name: body.name } : {}), settings };
      return json(200, this.tenant);
    }
    if (method === 'GET' && path === '/v1/tenant/members') return json(200, { items: this.members });
    if (method === 'POST' && path === '/v1/tenant/members') {
      const invitation: Invitation = {
        id: uuid(this.counter++),
        email: body.email,
        role: body.role,
        status: 'pending',
        expiresAt: iso(7 * 24 * 60),
        createdAt: iso(50),
      };
      this.invitations.unshift(invitation);
      return json(201, { ...invitation, token: `token-${invitation.id}` });
    }
    const memberMatch = /^\/v1\/tenant\/members\/([^/]+)$/.exec(path);
    if (memberMatch) {
      const member = this.members.find((m) => m.userId === decodeURIComponent(memberMatch[1]!));
      if (!member) return problem(404, 'member_not_found', 'No such member in this tenant.');
      if (method === 'PATCH') {
        member.role = body.role;
        return json(200, member);
      }
      if (method === 'DELETE') {
        this.members = this.members.filter((m) => m !== member);
        return new FakeResponse(204, '') as unknown as Response;
      }
    }
    if (method === 'GET' && path === '/v1/tenant/invitations') return json(200, { items: this.invitations });
    const invitationMatch = /^\/v1\/tenant\/invitations\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && invitationMatch) {
      const invitation = this.invitations.find((i) => i.id === invitationMatch[1]);
      if (!invitation)
        return problem(404, 'invitation_not_found', 'No such pending invitation in this tenant.');
      invitation.status = 'revoked';
      return json(200, invitation);
    }
    if (method === 'GET' && path === '/v1/tenant/retention') return json(200, this.retention);
    if (method === 'PUT' && path === '/v1/tenant/retention') {
      if (body.legalHold === true && !body.legalHoldReason) {
        return problem(400, 'validation_failed', 'The request is invalid.', [
          { name: 'body.legalHoldReason', reason: 'a legal hold needs a legalHoldReason' },
        ]);
      }
      const next = { ...this.retention, ...body };
      if (body.legalHold === false) Object.assign(next, { legalHoldReason: null, legalHoldSetAt: null });
      if (body.legalHold === true) next.legalHoldSetAt = iso(600);
      next.deleteAfterDays = next.legalHold ? null : next.hotTtlDays + 365 * next.archiveYears;
      this.retention = next;
      return json(200, this.retention);
    }
    if (method === 'GET' && path === '/v1/api-keys') return json(200, page(this.keys, request.query));
    if (method === 'POST' && path === '/v1/api-keys') {
      if (!body.name || body.scopes.length === 0) {
        return problem(400, 'validation_failed', 'The request is invalid.', [
          { name: 'body.scopes', reason: 'must name at least one scope' },
        ]);
      }
      const key = this.addKey(body.name, { scopes: body.scopes, expiresAt: body.expiresAt ?? null });
      return json(201, this.created(key));
    }
    const keyMatch = /^\/v1\/api-keys\/([^/]+)\/(revoke|rotate)$/.exec(path);
    if (method === 'POST' && keyMatch) {
      const key = this.keys.find((k) => k.id === keyMatch[1]);
      if (!key) return problem(404, 'api_key_not_found', 'No such API key in this tenant.');
      if (keyMatch[2] === 'revoke') {
        key.status = 'revoked';
        key.revokedAt = iso(500);
        return json(200, key);
      }
      const rotated = this.addKey(key.name, {
        scopes: key.scopes,
        expiresAt: key.expiresAt,
        rotatedFromId: key.id,
      });
      if (body.gracePeriodSeconds === 0) {
        key.status = 'revoked';
        key.revokedAt = iso(500);
      } else {
        key.expiresAt = iso(500 + body.gracePeriodSeconds / 60);
      }
      return json(201, this.created(rotated));
    }
    if (method === 'GET' && path === '/v1/audit-log') {
      const action = request.query.get('action');
      return json(
        200,
        page(action ? this.audit.filter((e) => e.action === action) : this.audit, request.query),
      );
    }
    return problem(404, 'not_found', `No route ${method} ${path}.`);
  }

  private authFor(email: string) {
    const n = this.counter++;
    this.validAccess.add(`access-${n}`);
    this.validRefresh.add(`refresh-${n}`);
    return {
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      expiresIn: 900,
      user: { id: this.me.userId, email },
      tenant: { id: this.tenant.id, name: this.tenant.name },
    };
  }

  private created(key: ApiKey) {
    return {
      id: key.id,
      name: key.name,
      scopes: key.scopes,
      start: key.start,
      key: `${key.start}SECRETSECRETSECRET`,
      environment: key.environment,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
    };
  }
}

function page<T>(items: readonly T[], query: URLSearchParams) {
  const limit = Number(query.get('limit') ?? 50);
  const offset = Number(query.get('cursor') ?? 0);
  const slice = items.slice(offset, offset + limit);
  return { items: slice, nextCursor: offset + limit < items.length ? String(offset + limit) : null };
}

/** Enough of `Response` for the client: jsdom has none. */
class FakeResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly status: number,
    private readonly body: string,
    headers: Record<string, string> = {},
  ) {
    this.ok = status >= 200 && status < 300;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    this.headers = { get: (name) => lower[name.toLowerCase()] ?? null };
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

function json(status: number, body: unknown): Response {
  return new FakeResponse(status, JSON.stringify(body), {
    'content-type': 'application/json',
    'x-request-id': 'req-fake',
  }) as unknown as Response;
}

function problem(
  status: number,
  code: string,
  detail: string,
  invalidParams?: { name: string; reason: string }[],
): Response {
  return new FakeResponse(
    status,
    JSON.stringify({
      type: `about:blank#${code}`,
      title: code.replace(/_/g, ' '),
      status,
      detail,
      code,
      requestId: 'req-fake',
      ...(invalidParams ? { invalidParams } : {}),
    }),
    { 'content-type': 'application/problem+json', 'x-request-id': 'req-fake' },
  ) as unknown as Response;
}
