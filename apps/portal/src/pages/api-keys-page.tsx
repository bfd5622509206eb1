import type { ApiKey, CreatedApiKey } from '@spv-cloud/api-client';
import { useId, useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';
import { formatDate, formatDateTime } from '../components/format-time';
import { PageHeading } from '../components/page-heading';
import { Pager, useCursorPages } from '../components/pager';
import { SecretReveal } from '../components/secret-reveal';
import { useApiData } from '../components/use-api-data';
import { useSession } from '../session/session-context';
import { CreateApiKeyForm } from './create-api-key-form';

export const API_KEYS_PAGE_SIZE = 20;

const GRACE_PERIODS = [
  { seconds: 0, label: 'Stops at once' },
  { seconds: 3600, label: 'Keeps working for 1 hour' },
  { seconds: 24 * 3600, label: 'Keeps working for 24 hours' },
  { seconds: 7 * 24 * 3600, label: 'Keeps working for 7 days' },
] as const;

interface Revealed {
  readonly title: string;
  readonly key: CreatedApiKey;
}

export function ApiKeysPage() {
  const { client, can } = useSession();
  const pages = useCursorPages();
  const keys = useApiData(
    () => client.listApiKeys({ limit: API_KEYS_PAGE_SIZE, cursor: pages.cursor }),
    pages.key,
  );
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const canWrite = can('api_keys:write');

  const afterChange = (message: string) => {
    setStatus(message);
    setActionError(undefined);
    pages.first();
    keys.reload();
  };

  const revoke = async (key: ApiKey) => {
    try {
      await client.revokeApiKey(key.id);
      afterChange(`Key “${key.name}” revoked.`);
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <>
      <PageHeading title="API keys">
        {canWrite && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create API key
          </button>
        )}
      </PageHeading>
      <p className="lead">
        Keys authenticate your services with <code>Authorization: Bearer &lt;key&gt;</code>. Only a key’s
        first characters are stored in readable form: a lost key cannot be recovered, only rotated.
      </p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {revealed && (
        <SecretReveal
          title={revealed.title}
          secret={revealed.key.key}
          description={`Copy the key for “${revealed.key.name}” now and keep it in your secret store.`}
          onDismiss={() => setRevealed(null)}
        />
      )}
      {creating && (
        <CreateApiKeyForm
          onCancel={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setRevealed({ title: 'Your new API key', key });
            afterChange(`Key “${key.name}” created.`);
          }}
        />
      )}
      <ErrorNotice error={actionError} />
      <ErrorNotice error={keys.error} />
      {keys.data && keys.data.items.length === 0 && pages.pageNumber === 1 ? (
        <div className="empty">
          <p>No API keys yet.</p>
          {canWrite && <p>Create one to call the API from your services.</p>}
        </div>
      ) : (
        <div className="table-wrap" aria-busy={keys.loading}>
          <table className="table">
            <caption className="visually-hidden">API keys, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {keys.data?.items.map((key) => (
                <ApiKeyRow
                  key={key.id}
                  apiKey={key}
                  canWrite={canWrite}
                  rotating={rotating === key.id}
                  onRotateStart={() => setRotating(key.id)}
                  onRotateCancel={() => setRotating(null)}
                  onRotate={async (gracePeriodSeconds) => {
                    try {
                      const created = await client.rotateApiKey(key.id, gracePeriodSeconds);
                      setRotating(null);
                      setRevealed({ title: `New secret for “${key.name}”`, key: created });
                      afterChange(`Key “${key.name}” rotated.`);
                    } catch (error) {
                      setActionError(error);
                    }
                  }}
                  onRevoke={() => revoke(key)}
                />
              ))}
            </tbody>
          </table>
          {keys.loading && !keys.data && <p className="loading">Loading keys…</p>}
        </div>
      )}
      <Pager
        label="API key pages"
        pageNumber={pages.pageNumber}
        nextCursor={keys.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}

function ApiKeyRow({
  apiKey,
  canWrite,
  rotating,
  onRotateStart,
  onRotateCancel,
  onRotate,
  onRevoke,
}: {
  apiKey: ApiKey;
  canWrite: boolean;
  rotating: boolean;
  onRotateStart: () => void;
  onRotateCancel: () => void;
  onRotate: (gracePeriodSeconds: number) => Promise<void>;
  onRevoke: () => Promise<void>;
}) {
  const graceId = useId();
  const [grace, setGrace] = useState(0);
  const [busy, setBusy] = useState(false);
  const active = apiKey.status === 'active';
  return (
    <tr className={active ? undefined : 'row-muted'}>
      <th scope="row">{apiKey.name}</th>
      <td>
        <code className="key-start">{apiKey.start}…</code>
        <span className="badge badge-quiet">{apiKey.environment}</span>
      </td>
      <td>
        <ul className="tags">
          {apiKey.scopes.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>
        <span className={`badge badge-status-${apiKey.status}`}>{apiKey.status}</span>
      </td>
      <td>{formatDate(apiKey.createdAt)}</td>
      <td>{apiKey.expiresAt ? formatDateTime(apiKey.expiresAt) : 'Never'}</td>
      <td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</td>
      {canWrite && (
        <td className="actions">
          {active && !rotating && (
            <>
              <button
                type="button"
                className="button"
                aria-label={`Rotate key ${apiKey.name}`}
                onClick={onRotateStart}
              >
                Rotate
              </button>
              <ConfirmButton
                label="Revoke"
                accessibleLabel={`Revoke key ${apiKey.name}`}
                confirmLabel="Revoke now"
                question={`Revoke “${apiKey.name}”? Calls with it fail at once.`}
                onConfirm={onRevoke}
              />
            </>
          )}
          {active && rotating && (
            <span className="rotate" role="group" aria-label={`Rotate key ${apiKey.name}`}>
              <label htmlFor={graceId}>The old key</label>
              <select id={graceId} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
                {GRACE_PERIODS.map((period) => (
                  <option key={period.seconds} value={period.seconds}>
                    {period.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void onRotate(grace).finally(() => setBusy(false));
                }}
              >
                Rotate key
              </button>
              <button type="button" className="button" onClick={onRotateCancel} disabled={busy}>
                Cancel
              </button>
            </span>
          )}
        </td>
      )}
    </tr>
  );
}
