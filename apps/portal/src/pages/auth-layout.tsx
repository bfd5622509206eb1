import type { ReactNode } from 'react';
import { PageHeading } from '../components/page-heading';

/** The signed-out pages: one centred card. */
export function AuthLayout({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <p className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          SPV Cloud
        </p>
        <PageHeading title={title} />
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </div>
    </main>
  );
}
