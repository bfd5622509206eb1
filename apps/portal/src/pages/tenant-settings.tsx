import type { Tenant } from '@spv-cloud/api-client';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';

type SettingValue = Tenant['settings'][string];
type ValueKind = 'text' | 'number' | 'boolean';

const NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_.\\-]{0,63}$';
const FIELDS = { 'body.settings': 'Settings' };

function kindOf(value: SettingValue): ValueKind {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

function display(value: SettingValue): string {
  return value === null ? '—' : String(value);
}

/** Parses the form's text into the setting's type, or says why it cannot. */
export function parseSettingValue(
  kind: ValueKind,
  text: string,
): { value: SettingValue } | { error: string } {
  switch (kind) {
    case 'number': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) ? { value } : { error: 'must be a number' };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { error: 'must be true or false' };
    case 'text':
      return text.length <= 1000 ? { value: text } : { error: 'must be at most 1000 characters' };
  }
}

/**
 * The tenant's free-form settings (`PATCH /v1/tenant` merges them; null removes one). Read-only
 * without `tenant:update`.
 */
export function TenantSettings({
  tenant,
  editable,
  onSave,
}: {
  tenant: Tenant;
  editable: boolean;
  onSave: (settings: Record<string, SettingValue>) => Promise<void>;
}) {
  const entries = Object.entries(tenant.settings).sort(([a], [b]) => a.localeCompare(b));
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ValueKind>('text');
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), name: useId(), kind: useId(), value: useId() };

  const save = async (settings: Record<string, SettingValue>) => {
    setBusy(true);
    setError(undefined);
    try {
      await onSave(settings);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSettingValue(kind, text);
    if ('error' in parsed) {
      setLocalError(`Value ${parsed.error}.`);
      return;
    }
    setLocalError('');
    if (await save({ [name.trim()]: parsed.value })) {
      setName('');
      setText('');
    }
  };

  return (
    <section className="panel panel-wide" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Settings</h2>
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      {entries.length === 0 ? (
        <p className="empty">No settings.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                <td>
                  <span className="mono-small">{display(value)}</span>{' '}
                  <span className="badge badge-quiet">{kindOf(value)}</span>
                </td>
                {editable && (
                  <td className="actions">
                    <button
                      type="button"
                      className="button"
                      aria-label={`Edit setting ${key}`}
                      onClick={() => {
                        setName(key);
                        setKind(kindOf(value));
                        setText(value === null ? '' : String(value));
                      }}
                    >
                      Edit
                    </button>
                    <ConfirmButton
                      label="Remove"
                      accessibleLabel={`Remove setting ${key}`}
                      confirmLabel="Remove setting"
                      question={`Remove ${key}?`}
                      onConfirm={async () => {
                        await save({ [key]: null });
                      }}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form className="form form-inline" onSubmit={(event) => void submit(event)}>
          <div>
            <label htmlFor={ids.name}>Setting name</label>
            <input
              id={ids.name}
              required
              pattern={NAME_PATTERN}
              title="1–64 letters, digits, _ . -, starting with a letter"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={ids.kind}>Type</label>
            <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as ValueKind)}>
              <option value="text">text</option>
              <option value="number">number</option>
              <option value="boolean">true/false</option>
            </select>
          </div>
          <div>
            <label htmlFor={ids.value}>Value</label>
            {kind === 'boolean' ? (
              <select id={ids.value} value={text} required onChange={(event) => setText(event.target.value)}>
                <option value="">Choose…</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input
                id={ids.value}
                inputMode={kind === 'number' ? 'decimal' : undefined}
                aria-invalid={localError ? true : undefined}
                aria-describedby={localError ? `${ids.value}-error` : undefined}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Save setting
          </button>
          {localError && (
            <p id={`${ids.value}-error`} className="field-error" role="alert">
              {localError}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
