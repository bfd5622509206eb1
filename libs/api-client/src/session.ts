import type { AuthSession } from './generated/openapi-types';

/** A signed-in user's tokens, as the client keeps them. */
export interface Session {
  readonly accessToken: string;
  /** Single-use: every refresh answers a new one, and presenting a used one ends the session family. */
  readonly refreshToken: string;
  /** When the access token stops working (epoch milliseconds, this machine's clock). */
  readonly accessTokenExpiresAt: number;
  readonly user: AuthSession['user'];
  readonly tenant: AuthSession['tenant'];
}

/**
 * Where the client keeps the session. A browser keeps it across reloads and tabs; a CLI in a file;
 * a test in memory. Several clients may share one store (tabs): before refreshing, the client
 * re-reads the store and uses a newer session if another holder already refreshed.
 */
export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
  /**
   * Runs `task` while no other holder of this store runs one (e.g. the Web Locks API across tabs),
   * so two holders never spend the same single-use refresh token. Without it, only this client's
   * own refreshes are serialized.
   */
  exclusive?<T>(task: () => Promise<T>): Promise<T>;
}

/** A store for one process (tests, scripts). */
export class MemorySessionStore implements SessionStore {
  private session: Session | null;

  constructor(initial: Session | null = null) {
    this.session = initial;
  }

  load(): Session | null {
    return this.session;
  }

  save(session: Session | null): void {
    this.session = session;
  }
}

/** The client's session for an API answer received at `now` (epoch ms). */
export function sessionFromAuth(auth: AuthSession, now: number): Session {
  return {
    accessToken: auth.accessToken,
    refreshToken: auth.refreshToken,
    accessTokenExpiresAt: now + auth.expiresIn * 1000,
    user: auth.user,
    tenant: auth.tenant,
  };
}

/** Whether `value` is a well-formed stored session (a store may hold anything after an upgrade). */
export function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const user = record.user as Record<string, unknown> | null | undefined;
  const tenant = record.tenant as Record<string, unknown> | null | undefined;
  return (
    typeof record.accessToken === 'string' &&
    typeof record.refreshToken === 'string' &&
    typeof record.accessTokenExpiresAt === 'number' &&
    typeof user?.id === 'string' &&
    typeof user.email === 'string' &&
    typeof tenant?.id === 'string' &&
    typeof tenant.name === 'string'
  );
}
