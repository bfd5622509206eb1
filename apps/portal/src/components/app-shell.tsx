import { useState, type ReactNode } from 'react';
import { Link, useRouter } from '../routing/router';
import type { PortalPermission } from '../session/role-permissions';
import { useSession } from '../session/session-context';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly permission: PortalPermission;
}

/** The pages, and the permission that makes each worth showing. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', permission: 'tenant:read' },
  { to: '/api-keys', label: 'API keys', permission: 'api_keys:read' },
  { to: '/members', label: 'Members', permission: 'members:read' },
  { to: '/retention', label: 'Retention', permission: 'tenant:read' },
  { to: '/audit-log', label: 'Audit log', permission: 'audit:read' },
];

/** Signed-in layout: header with tenant and account, navigation, and the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { session, role, can, signOut } = useSession();
  const { path } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = NAV_ITEMS.filter((item) => can(item.permission));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>SPV Cloud</span>
        </div>
        <div className="tenant-chip" title="Tenant">
          {session?.tenant.name}
        </div>
        <button
          type="button"
          className="button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div className="account">
          <span className="account-email">{session?.user.email}</span>
          {role && <span className={`badge badge-role-${role}`}>{role}</span>}
          <button type="button" className="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="primary-nav" aria-label="Primary" className={menuOpen ? 'sidenav open' : 'sidenav'}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  onClick={() => setMenuOpen(false)}
                  aria-current={path === item.to ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="sidenav-footer">
            <a href="/docs">API reference</a>
          </p>
        </nav>
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
