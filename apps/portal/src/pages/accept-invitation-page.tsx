import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { Link, useRouter } from '../routing/router';
import { useSession } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = { 'body.token': 'Invitation token', 'body.password': 'Password', 'body.displayName': 'Name' };

/** The token travels in the URL fragment (`#token=…`), which browsers never send to a server. */
function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function AcceptInvitationPage() {
  const { client } = useSession();
  const { navigate, hash } = useRouter();
  const [token, setToken] = useState(() => tokenFromHash(hash));
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = { token: useId(), password: useId(), name: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.acceptInvitation({
        token: token.trim(),
        password,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      });
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Join your team"
      footer={
        <p>
          <Link to="/login">Sign in</Link> instead
        </p>
      }
    >
      <p>
        Accept the invitation you received. If you already have an account, enter its password; otherwise
        choose one.
      </p>
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.token}>Invitation token</label>
        <input
          id={ids.token}
          required
          spellCheck={false}
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <label htmlFor={ids.name}>Your name (optional)</label>
        <input
          id={ids.name}
          maxLength={100}
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          required
          maxLength={256}
          autoComplete="current-password"
          aria-describedby={`${ids.password}-hint`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={`${ids.password}-hint`} className="hint">
          New accounts need at least 12 characters.
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Joining…' : 'Accept invitation'}
        </button>
      </form>
    </AuthLayout>
  );
}
