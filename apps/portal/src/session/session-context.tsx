import { ApiError, type ApiClient, type MemberRole, type Session, type WhoAmI } from '@spv-cloud/api-client';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { roleCan, type PortalPermission } from './role-permissions';

export type SessionEndReason = 'signed_out' | 'expired';

interface SessionState {
  readonly client: ApiClient;
  /** The signed-in user's tokens and tenant, or null. */
  readonly session: Session | null;
  /** The caller as the API sees it (role, plan); null until loaded or when signed out. */
  readonly me: WhoAmI | null;
  /** Why /v1/me could not be read (the pages wait for the role until it is). */
  readonly meError: unknown;
  readonly role: MemberRole | null;
  /** Why the last session ended, to tell the user on the sign-in page. */
  readonly endedBecause: SessionEndReason | null;
  readonly can: (permission: PortalPermission) => boolean;
  readonly signOut: () => Promise<void>;
  /** Re-reads /v1/me (after a role change, for example). */
  readonly reloadMe: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** The client, the session and the caller's role for every page. */
export function SessionProvider({
  client,
  subscribeExternal,
  children,
}: {
  client: ApiClient;
  /** Session changes made elsewhere (another tab); see BrowserSessionStore.subscribe. */
  subscribeExternal?: (listener: (session: Session | null) => void) => () => void;
  children: ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(() => client.session);
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [meError, setMeError] = useState<unknown>(undefined);
  const [endedBecause, setEndedBecause] = useState<SessionEndReason | null>(null);
  const signingOut = useRef(false);

  useEffect(() => {
    const offClient = client.onSessionChange((next) => {
      setSession(next);
      // Ended here without "sign out": the refresh token was rejected (expired or revoked).
      setEndedBecause(next ? null : signingOut.current ? 'signed_out' : 'expired');
    });
    const offExternal = subscribeExternal?.((next) => {
      setSession(next);
      setEndedBecause(next ? null : 'signed_out');
    });
    return () => {
      offClient();
      offExternal?.();
    };
  }, [client, subscribeExternal]);

  const userId = session?.user.id;
  const tenantId = session?.tenant.id;
  const reloadMe = useCallback(async () => {
    if (!client.session) return;
    setMeError(undefined);
    try {
      setMe(await client.whoAmI());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_signed_in') return; // handled by the session listener
      setMeError(error);
    }
  }, [client]);

  useEffect(() => {
    setMe(null);
    if (userId && tenantId) void reloadMe();
  }, [userId, tenantId, reloadMe]);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await client.logout();
    } finally {
      signingOut.current = false;
    }
  }, [client]);

  const value = useMemo<SessionState>(() => {
    const role = (me?.role as MemberRole | null | undefined) ?? null;
    return {
      client,
      session,
      me,
      meError,
      role,
      endedBecause,
      can: (permission) => roleCan(role, permission),
      signOut,
      reloadMe,
    };
  }, [client, session, me, meError, endedBecause, signOut, reloadMe]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside <SessionProvider>');
  return state;
}
