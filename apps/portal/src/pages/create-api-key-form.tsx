import { type ApiKeyScope, type CreatedApiKey } from '@spv-cloud/api-client';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { daysFrom } from '../components/format-time';
import { useSession } from '../session/session-context';
import { scopeUses } from './api-key-scopes';

const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
  { value: 'custom', label: 'On a date…' },
] as const;
type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const FIELDS = { 'body.name': 'Name', 'body.scopes': 'Scopes', 'body.expiresAt': 'Expiry' };

/** The end of a `yyyy-mm-dd` day in the user's time zone, as an ISO timestamp; undefined if not a date. */
export function endOfDay(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

export function CreateApiKeyForm({
  onCreated,
  onCancel,
  now = () => new Date(),
}: {
  onCreated: (key: CreatedApiKey) => void;
  onCancel: () => void;
  now?: () => Date;
}) {
  const { client } = useSession();
  const uses = useMemo(scopeUses, []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<ApiKeyScope>>(new Set());
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [customDate, setCustomDate] = useState('');
  const [error, setError] = useState<unknown>();
  const [scopeMissing, setScopeMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), expiry: useId(), date: useId(), scopes: useId() };

  const toggle = (scope: ApiKeyScope) =>
    setScopes((current) => {
      const next = new Set(current);
      if (next.has(scope)) next.delete(scope);
      else next.add(scope);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (scopes.size === 0) {
      setScopeMissing(true);
      return;
    }
    setScopeMissing(false);
    const expiresAt =
      expiry === 'never'
        ? undefined
        : expiry === 'custom'
          ? endOfDay(customDate)
          : daysFrom(now(), Number(expiry));
    if (expiry === 'custom' && expiresAt === undefined) {
      setError(new Error('Choose the expiry date.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await client.createApiKey({
        name: name.trim(),
        // In the API's order, whatever order they were ticked in.
        scopes: uses.map((use) => use.scope).filter((scope) => scopes.has(scope)),
        ...(expiresAt ? { expiresAt } : {}),
      });
      onCreated(created);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form
      className="panel form"
      aria-labelledby={`${ids.name}-title`}
      onSubmit={(event) => void submit(event)}
    >
      <h2 id={`${ids.name}-title`}>New API key</h2>
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <label htmlFor={ids.name}>Name</label>
      <input
        id={ids.name}
        required
        maxLength={100}
        placeholder="e.g. CI deploy"
        aria-describedby={`${ids.name}-hint`}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <p id={`${ids.name}-hint`} className="hint">
        Only for you to recognise the key.
      </p>
      <fieldset
        aria-describedby={scopeMissing ? `${ids.scopes}-error` : undefined}
        aria-invalid={scopeMissing || undefined}
      >
        <legend>Scopes</legend>
        <p className="hint">A key can call only what its scopes allow. Give it the fewest it needs.</p>
        {scopeMissing && (
          <p id={`${ids.scopes}-error`} className="field-error" role="alert">
            Choose at least one scope.
          </p>
        )}
        <ul className="scope-list">
          {uses.map(({ scope, operations }) => (
            <li key={scope}>
              <label className="checkbox">
                <input type="checkbox" checked={scopes.has(scope)} onChange={() => toggle(scope)} />
                <code>{scope}</code>
              </label>
              <p className="hint scope-uses">
                {operations.length === 0
                  ? 'No API operation requires this scope yet.'
                  : operations.map((operation) => operation.summary).join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      </fieldset>
      <label htmlFor={ids.expiry}>Expires</label>
      <select
        id={ids.expiry}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
      >
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {expiry === 'custom' && (
        <>
          <label htmlFor={ids.date}>Expiry date</label>
          <input
            id={ids.date}
            type="date"
            required
            min={now().toISOString().slice(0, 10)}
            value={customDate}
            onChange={(event) => setCustomDate(event.target.value)}
          />
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
