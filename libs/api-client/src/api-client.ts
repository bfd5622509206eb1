import { ApiError, isProblem } from './api-error';
import {
  OPERATIONS,
  type ApiKey,
  type ApiKeyPage,
  type AuditLogPage,
  type AuthSession,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type CreatedInvitation,
  type Invitation,
  type InvitationList,
  type InviteMemberRequest,
  type Member,
  type MemberList,
  type OperationId,
  type Operations,
  type RetentionPolicy,
  type Tenant,
  type UpdateRetentionPolicyRequest,
  type UpdateTenantRequest,
  type WhoAmI,
} from './generated/openapi-types';
import { MemorySessionStore, sessionFromAuth, type Session, type SessionStore } from './session';

type Op<K extends OperationId> = Operations[K];
type PathInput<O extends { pathParams: object }> =
  O['pathParams'] extends Record<string, never>
    ? { pathParams?: undefined }
    : { pathParams: O['pathParams'] };
type QueryInput<O extends { query: object }> =
  O['query'] extends Record<string, never>
    ? { query?: undefined }
    : object extends O['query']
      ? { query?: O['query'] }
      : { query: O['query'] };
type BodyInput<O extends { body: unknown }> = O['body'] extends undefined
  ? { body?: undefined }
  : { body: O['body'] };

/** What one call sends: path parameters, query and body as the operation declares them. */
export type RequestInput<K extends OperationId> = PathInput<Op<K>> &
  QueryInput<Op<K>> &
  BodyInput<Op<K>> & { signal?: AbortSignal };

/** A page query of the cursor-paginated lists. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; `''` for the page's own origin (the portal). */
  readonly baseUrl?: string;
  /** Authenticate every call with this API key instead of a user session (SDK, CLI). */
  readonly apiKey?: string;
  /** Where user sessions live; a fresh in-memory store when omitted. */
  readonly sessionStore?: SessionStore;
  readonly fetch?: typeof fetch;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
  /** Refresh this long before the access token expires rather than wait for a 401. */
  readonly refreshMarginMs?: number;
}

type SessionListener = (session: Session | null) => void;

/**
 * Typed client for the SPV Cloud REST API. Every operation of the API's OpenAPI document is
 * callable through {@link ApiClient.request} by its operationId; the portal's operations also have
 * named methods. User sessions renew themselves: the access token is refreshed shortly before it
 * expires, and once after a 401, with the single-use refresh token rotated on every refresh.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly store: SessionStore;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;
  private readonly listeners = new Set<SessionListener>();
  private refreshing: Promise<Session> | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.store = options.sessionStore ?? new MemorySessionStore();
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('ApiClient: no fetch implementation available');
    // Browsers require fetch to be called on the window: never call it as a method of this object.
    this.fetchImpl = (input, init) => fetchImpl(input, init);
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? 30_000;
  }

  /** The current user session, or null when signed out (or using an API key). */
  get session(): Session | null {
    return this.apiKey === undefined ? this.store.load() : null;
  }

  /** Called with the new session whenever this client signs in, refreshes or signs out. */
  onSessionChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- sessions ----

  async signup(body: Op<'signup'>['body']): Promise<Session> {
    return this.openSession(await this.request('signup', { body }));
  }

  async login(body: Op<'login'>['body']): Promise<Session> {
    return this.openSession(await this.request('login', { body }));
  }

  async acceptInvitation(body: Op<'acceptInvitation'>['body']): Promise<Session> {
    return this.openSession(await this.request('acceptInvitation', { body }));
  }

  /** Ends the session on the server (best effort) and forgets it here in any case. */
  async logout(): Promise<void> {
    const session = this.store.load();
    this.setSession(null);
    if (!session) return;
    try {
      await this.request('logout', { body: { refreshToken: session.refreshToken } });
    } catch (error) {
      // The tokens are gone from this client; a server that cannot be told lets them expire.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  /** Exchanges the refresh token for a new pair now (normally automatic). */
  refresh(): Promise<Session> {
    const session = this.store.load();
    if (!session) return Promise.reject(ApiError.notSignedIn());
    return this.refreshFrom(session);
  }

  // ---- the portal's operations ----

  whoAmI(): Promise<WhoAmI> {
    return this.request('whoAmI', {});
  }

  getTenant(): Promise<Tenant> {
    return this.request('getTenant', {});
  }

  updateTenant(body: UpdateTenantRequest): Promise<Tenant> {
    return this.request('updateTenant', { body });
  }

  listMembers(): Promise<MemberList> {
    return this.request('listMembers', {});
  }

  inviteMember(body: InviteMemberRequest): Promise<CreatedInvitation> {
    return this.request('inviteMember', { body });
  }

  changeMemberRole(userId: string, role: Member['role']): Promise<Member> {
    return this.request('changeMemberRole', { pathParams: { userId }, body: { role } });
  }

  removeMember(userId: string): Promise<void> {
    return this.request('removeMember', { pathParams: { userId } });
  }

  listInvitations(): Promise<InvitationList> {
    return this.request('listInvitations', {});
  }

  revokeInvitation(id: string): Promise<Invitation> {
    return this.request('revokeInvitation', { pathParams: { id } });
  }

  listApiKeys(query: PageQuery = {}): Promise<ApiKeyPage> {
    return this.request('listApiKeys', { query });
  }

  createApiKey(body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.request('createApiKey', { body });
  }

  revokeApiKey(id: string): Promise<ApiKey> {
    return this.request('revokeApiKey', { pathParams: { id } });
  }

  rotateApiKey(id: string, gracePeriodSeconds = 0): Promise<CreatedApiKey> {
    return this.request('rotateApiKey', { pathParams: { id }, body: { gracePeriodSeconds } });
  }

  listAuditLog(query: PageQuery & { action?: string } = {}): Promise<AuditLogPage> {
    return this.request('listAuditLog', { query });
  }

  getRetentionPolicy(): Promise<RetentionPolicy> {
    return this.request('getRetentionPolicy', {});
  }

  updateRetentionPolicy(body: UpdateRetentionPolicyRequest): Promise<RetentionPolicy> {
    return this.request('updateRetentionPolicy', { body });
  }

  // ---- any operation ----

  /** Calls any operation of the API by its operationId. */
  async request<K extends OperationId>(operationId: K, input: RequestInput<K>): Promise<Op<K>['response']> {
    const route = OPERATIONS[operationId];
    const url = this.urlFor(route.path, input.pathParams, input.query);
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    if (route.permission === null) {
      return (await this.send(route.method, url, body, undefined, input.signal)) as Op<K>['response'];
    }
    if (this.apiKey !== undefined) {
      return (await this.send(route.method, url, body, this.apiKey, input.signal)) as Op<K>['response'];
    }
    let session = this.store.load();
    if (!session) throw ApiError.notSignedIn();
    if (session.accessTokenExpiresAt - this.refreshMarginMs <= this.now())
      session = await this.refreshFrom(session);
    try {
      return (await this.send(
        route.method,
        url,
        body,
        session.accessToken,
        input.signal,
      )) as Op<K>['response'];
    } catch (error) {
      // An access token can die early (revoked session, restarted signing key): renew once.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      const renewed = await this.refreshFrom(session);
      return (await this.send(
        route.method,
        url,
        body,
        renewed.accessToken,
        input.signal,
      )) as Op<K>['response'];
    }
  }

  private openSession(auth: AuthSession): Session {
    const session = sessionFromAuth(auth, this.now());
    this.setSession(session);
    return session;
  }

  private setSession(session: Session | null): void {
    this.store.save(session);
    for (const listener of this.listeners) listener(session);
  }

  /**
   * One refresh at a time per client (concurrent 401s share it), and across holders of the store
   * when it can lock: a refresh token is single-use, and spending one twice ends the session.
   */
  private refreshFrom(used: Session): Promise<Session> {
    this.refreshing ??= this.exclusive(async () => {
      const latest = this.store.load();
      if (!latest) throw ApiError.notSignedIn('The session has ended: sign in again.');
      // Another holder (tab) refreshed since `used` was read: take its result.
      if (latest.refreshToken !== used.refreshToken) return latest;
      try {
        const auth = (await this.send(
          'POST',
          this.urlFor(OPERATIONS.refreshSession.path),
          JSON.stringify({ refreshToken: latest.refreshToken }),
          undefined,
          undefined,
        )) as AuthSession;
        return this.openSession(auth);
      } catch (error) {
        // Rejected (expired, revoked, reused): the session is over. A network error is not.
        if (error instanceof ApiError && error.status === 401) {
          this.setSession(null);
          throw ApiError.notSignedIn('The session has ended: sign in again.');
        }
        throw error;
      }
    }).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.store.exclusive ? this.store.exclusive(task) : task();
  }

  private urlFor(path: string, pathParams?: object, query?: object): string {
    const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
      const value = (pathParams as Record<string, unknown> | undefined)?.[name];
      if (typeof value !== 'string' || value === '')
        throw new TypeError(`ApiClient: path parameter ${name} is required`);
      return encodeURIComponent(value);
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) search.append(name, String(value));
    }
    const queryString = search.toString();
    return `${this.baseUrl}${filled}${queryString ? `?${queryString}` : ''}`;
  }

  private async send(
    method: string,
    url: string,
    body: string | undefined,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller cancelled: not a network failure
      throw ApiError.network(error);
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw ApiError.unexpected(
          response.status,
          `The API answered ${response.status} with a body that is not JSON.`,
          requestId,
        );
      }
    }
    if (response.ok) return response.status === 204 ? undefined : parsed;
    if (isProblem(parsed))
      throw ApiError.fromProblem(parsed, retryAfter(response.headers.get('retry-after')));
    throw ApiError.unexpected(
      response.status,
      `The API answered ${response.status} without a problem document.`,
      requestId,
    );
  }
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
