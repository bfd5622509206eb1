import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { Link, useRouter } from '../routing/router';
import { useSession } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = { 'body.email': 'E-mail', 'body.password': 'Password', 'body.tenantId': 'Tenant id' };

export function LoginPage() {
  const { client, endedBecause } = useSession();
  const { navigate, search } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId(), tenant: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.login({ email, password, ...(tenantId.trim() ? { tenantId: tenantId.trim() } : {}) });
      navigate(safeNext(search), { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <p>
          New to SPV Cloud? <Link to="/signup">Create an organisation</Link>
        </p>
      }
    >
      {endedBecause === 'expired' && (
        <p className="notice" role="status">
          Your session ended. Sign in again to continue.
        </p>
      )}
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.email}>E-mail</label>
        <input
          id={ids.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <details className="form-more">
          <summary>Sign in to a specific tenant</summary>
          <label htmlFor={ids.tenant}>Tenant id</label>
          <input
            id={ids.tenant}
            value={tenantId}
            onChange={(event) => setTenantId(event.target.value)}
            aria-describedby={`${ids.tenant}-hint`}
          />
          <p id={`${ids.tenant}-hint`} className="hint">
            For accounts in several tenants. Without it you sign in to your oldest membership.
          </p>
        </details>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}

/** Where to go after signing in: an in-app path from `?next=`, never another site. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}
