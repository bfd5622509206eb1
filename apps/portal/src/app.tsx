import type { ApiClient, Session } from '@spv-cloud/api-client';
import type { ReactNode } from 'react';
import { AppShell, NAV_ITEMS } from './components/app-shell';
import { ErrorNotice } from './components/error-notice';
import { PageHeading } from './components/page-heading';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
import { ApiKeysPage } from './pages/api-keys-page';
import { AuditLogPage } from './pages/audit-log-page';
import { LoginPage } from './pages/login-page';
import { MembersPage } from './pages/members-page';
import { OverviewPage } from './pages/overview-page';
import { RetentionPage } from './pages/retention-page';
import { SignupPage } from './pages/signup-page';
import { Link, Redirect, Router, useRouter } from './routing/router';
import { SessionProvider, useSession } from './session/session-context';

const SIGNED_OUT_PAGES: Record<string, () => ReactNode> = {
  '/login': () => <LoginPage />,
  '/signup': () => <SignupPage />,
};

const SIGNED_IN_PAGES: Record<string, () => ReactNode> = {
  '/': () => <OverviewPage />,
  '/api-keys': () => <ApiKeysPage />,
  '/members': () => <MembersPage />,
  '/audit-log': () => <AuditLogPage />,
  '/retention': () => <RetentionPage />,
};

function Routes() {
  const { session, me, meError, can, reloadMe } = useSession();
  const { path, search } = useRouter();

  // Invitations work signed in or out: joining another tenant opens a session for it.
  if (path === '/accept-invitation') return <AcceptInvitationPage />;

  const signedOutPage = SIGNED_OUT_PAGES[path];
  if (!session) {
    if (signedOutPage) return signedOutPage();
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path + search)}`;
    return <Redirect to={`/login${next}`} />;
  }
  if (signedOutPage) return <Redirect to="/" />;

  const page = SIGNED_IN_PAGES[path];
  const navItem = NAV_ITEMS.find((item) => item.to === path);
  let content: ReactNode;
  if (!page) {
    content = <NotFound />;
  } else if (!me) {
    // Pages show what the role allows: wait for it rather than guess.
    content = meError ? (
      <>
        <ErrorNotice error={meError} />
        <button type="button" className="button" onClick={() => void reloadMe()}>
          Try again
        </button>
      </>
    ) : (
      <p className="loading">Loading…</p>
    );
  } else if (navItem && !can(navItem.permission)) {
    content = <Forbidden title={navItem.label} />;
  } else {
    content = page();
  }
  return <AppShell>{content}</AppShell>;
}

function NotFound() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>
        There is no such page. Go to the <Link to="/">overview</Link>.
      </p>
    </>
  );
}

function Forbidden({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p className="notice">
        Your role does not include this page. An owner or admin of your tenant can change your role.
      </p>
    </>
  );
}

/** The portal: routing under `base`, the API client, and the session (kept by `client`'s store). */
export function App({
  client,
  base,
  subscribeExternal,
}: {
  client: ApiClient;
  base: string;
  subscribeExternal?: (listener: (session: Session | null) => void) => () => void;
}) {
  return (
    <Router base={base}>
      <SessionProvider client={client} {...(subscribeExternal ? { subscribeExternal } : {})}>
        <Routes />
      </SessionProvider>
    </Router>
  );
}
