import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { Link, useRouter } from '../routing/router';
import { useSession } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = {
  'body.email': 'E-mail',
  'body.password': 'Password',
  'body.tenantName': 'Organisation name',
};

export function SignupPage() {
  const { client } = useSession();
  const { navigate } = useRouter();
  const [tenantName, setTenantName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = { tenant: useId(), email: useId(), password: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.signup({ tenantName, email, password });
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Create your organisation"
      footer={
        <p>
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      }
    >
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.tenant}>Organisation name</label>
        <input
          id={ids.tenant}
          required
          maxLength={100}
          autoComplete="organization"
          value={tenantName}
          onChange={(event) => setTenantName(event.target.value)}
        />
        <label htmlFor={ids.email}>Work e-mail</label>
        <input
          id={ids.email}
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          required
          minLength={12}
          maxLength={256}
          autoComplete="new-password"
          aria-describedby={`${ids.password}-hint`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={`${ids.password}-hint`} className="hint">
          At least 12 characters. A passphrase of several words works well.
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
    </AuthLayout>
  );
}
