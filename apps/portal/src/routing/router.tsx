import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/** Where the app is mounted (`/portal`) and the in-app location below it. */
interface RouterState {
  readonly base: string;
  /** The path inside the app, always starting with `/` (`/api-keys`). */
  readonly path: string;
  readonly search: string;
  readonly hash: string;
  readonly navigate: (to: string, options?: { replace?: boolean }) => void;
  readonly href: (to: string) => string;
}

const RouterContext = createContext<RouterState | null>(null);

function readLocation(base: string): { path: string; search: string; hash: string } {
  const { pathname, search, hash } = window.location;
  const inside =
    pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
  return { path: inside === '' ? '/' : inside, search, hash };
}

/**
 * History-API routing for a handful of pages: no library needed. `base` is the mount path without
 * a trailing slash (`/portal`); links and navigation take in-app paths (`/members`).
 */
export function Router({ base, children }: { base: string; children: ReactNode }) {
  const normalizedBase = base.replace(/\/+$/, '');
  const [location, setLocation] = useState(() => readLocation(normalizedBase));

  useEffect(() => {
    const onPopState = () => setLocation(readLocation(normalizedBase));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [normalizedBase]);

  const href = useCallback(
    (to: string) => `${normalizedBase}${to.startsWith('/') ? to : `/${to}`}`,
    [normalizedBase],
  );
  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      const target = href(to);
      if (options.replace) window.history.replaceState(null, '', target);
      else window.history.pushState(null, '', target);
      setLocation(readLocation(normalizedBase));
    },
    [href, normalizedBase],
  );

  const value = useMemo(
    () => ({ base: normalizedBase, ...location, navigate, href }),
    [normalizedBase, location, navigate, href],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside <Router>');
  return router;
}

/** An in-app link: a real `<a href>` (open in new tab works) that navigates without a reload. */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { navigate, href, path } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  const current = path === to ? 'page' : undefined;
  return (
    <a aria-current={current} {...rest} href={href(to)} onClick={onClick}>
      {children}
    </a>
  );
}

/** Navigates once on render (redirects). */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}
