import { isSession, type Session, type SessionStore } from '@spv-cloud/api-client';

const LOCK_NAME = 'spv-cloud.session-refresh';

/**
 * The session in `localStorage`, shared by every tab of the portal: a reload keeps you signed in,
 * and signing out in one tab signs out the others. Refreshes run under a Web Lock, so two tabs never
 * spend the same single-use refresh token (the API would revoke the whole session family).
 */
export class BrowserSessionStore implements SessionStore {
  constructor(
    private readonly storage: Storage = window.localStorage,
    readonly key = 'spv-cloud.session',
  ) {}

  load(): Session | null {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return null; // storage disabled (privacy settings): behave as signed out
    }
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return isSession(value) ? value : null;
    } catch {
      return null;
    }
  }

  save(session: Session | null): void {
    try {
      if (session === null) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(session));
    } catch {
      // Storage full or disabled: the session lives only as long as this page.
    }
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? (locks.request(LOCK_NAME, task) as Promise<T>) : task();
  }

  /** Calls `listener` when another tab signs in, refreshes or signs out. */
  subscribe(listener: (session: Session | null) => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.storageArea === this.storage && (event.key === this.key || event.key === null))
        listener(this.load());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }
}
