/** @jest-environment jsdom */
import type { Session } from '@spv-cloud/api-client';
import { BrowserSessionStore } from './browser-session-store';

const session: Session = {
  accessToken: 'a',
  refreshToken: 'r',
  accessTokenExpiresAt: 1,
  user: { id: 'u', email: 'e@x.test' },
  tenant: { id: 't', name: 'T' },
};

describe('BrowserSessionStore', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps the session in localStorage across instances (reloads, tabs)', () => {
    new BrowserSessionStore().save(session);
    expect(new BrowserSessionStore().load()).toEqual(session);
    new BrowserSessionStore().save(null);
    expect(window.localStorage.getItem('spv-cloud.session')).toBeNull();
  });

  it('treats unreadable or foreign content as signed out', () => {
    window.localStorage.setItem('spv-cloud.session', '{not json');
    expect(new BrowserSessionStore().load()).toBeNull();
    window.localStorage.setItem('spv-cloud.session', JSON.stringify({ accessToken: 'a' }));
    expect(new BrowserSessionStore().load()).toBeNull();
  });

  it('survives storage that refuses to work (privacy modes)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    const store = new BrowserSessionStore(broken);
    expect(() => store.save(session)).not.toThrow();
    expect(store.load()).toBeNull();
  });

  it('reports changes made by other tabs', () => {
    const store = new BrowserSessionStore();
    const seen: (Session | null)[] = [];
    const off = store.subscribe((next) => seen.push(next));
    window.localStorage.setItem('spv-cloud.session', JSON.stringify(session));
    window.dispatchEvent(
      new StorageEvent('storage', { key: 'spv-cloud.session', storageArea: window.localStorage }),
    );
    window.dispatchEvent(
      new StorageEvent('storage', { key: 'something-else', storageArea: window.localStorage }),
    );
    off();
    window.dispatchEvent(
      new StorageEvent('storage', { key: 'spv-cloud.session', storageArea: window.localStorage }),
    );
    expect(seen).toEqual([session]);
  });

  it('runs refreshes under a Web Lock when the browser has them', async () => {
    const request = jest.fn((_name: string, task: () => Promise<unknown>) => task());
    Object.defineProperty(navigator, 'locks', { configurable: true, value: { request } });
    try {
      await expect(new BrowserSessionStore().exclusive(() => Promise.resolve(7))).resolves.toBe(7);
      expect(request).toHaveBeenCalledWith('spv-cloud.session-refresh', expect.any(Function));
    } finally {
      Object.defineProperty(navigator, 'locks', { configurable: true, value: undefined });
    }
    await expect(new BrowserSessionStore().exclusive(() => Promise.resolve(8))).resolves.toBe(8);
  });
});
