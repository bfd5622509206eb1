import type { Tenant } from '@spv-cloud/api-client';
import { useId, useState, type FormEvent } from 'react';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice } from '../components/error-notice';
import { formatDate } from '../components/format-time';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';
import { Link } from '../routing/router';
import { useSession } from '../session/session-context';
import { TenantSettings } from './tenant-settings';

export function OverviewPage() {
  const { client, can, session, me, role } = useSession();
  const tenant = useApiData(() => client.getTenant(), 'tenant');
  const members = useApiData(
    () => (can('members:read') ? client.listMembers() : Promise.resolve(null)),
    `members:${role ?? ''}`,
  );
  const keys = useApiData(
    () => (can('api_keys:read') ? client.listApiKeys({ limit: 100 }) : Promise.resolve(null)),
    `keys:${role ?? ''}`,
  );
  const activeKeys = keys.data?.items.filter((key) => key.status === 'active').length;

  return (
    <>
      <PageHeading title="Overview" />
      <ErrorNotice error={tenant.error} />
      {tenant.data && (
        <div className="grid">
          <TenantCard
            tenant={tenant.data}
            editable={can('tenant:update')}
            onRename={async (name) => {
              await client.updateTenant({ name });
              tenant.reload();
            }}
          />
          <section className="panel" aria-labelledby="you-heading">
            <h2 id="you-heading">You</h2>
            <dl className="facts">
              <dt>E-mail</dt>
              <dd>{session?.user.email}</dd>
              <dt>Role</dt>
              <dd>{role ?? '…'}</dd>
              <dt>Plan</dt>
              <dd>{me?.plan ?? tenant.data.plan}</dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="glance-heading">
            <h2 id="glance-heading">At a glance</h2>
            <ul className="stats">
              {members.data && (
                <li>
                  <span className="stat-value">{members.data.items.length}</span>
                  <Link to="/members">{members.data.items.length === 1 ? 'member' : 'members'}</Link>
                </li>
              )}
              {activeKeys !== undefined && (
                <li>
                  <span className="stat-value">
                    {activeKeys}
                    {keys.data?.nextCursor ? '+' : ''}
                  </span>
                  <Link to="/api-keys">active API {activeKeys === 1 ? 'key' : 'keys'}</Link>
                </li>
              )}
            </ul>
            <p className="hint">
              The API is documented at <a href="/docs">/docs</a> (OpenAPI at{' '}
              <a href="/v1/openapi.json">/v1/openapi.json</a>).
            </p>
          </section>
          <TenantSettings
            tenant={tenant.data}
            editable={can('tenant:update')}
            onSave={async (settings) => {
              await client.updateTenant({ settings });
              tenant.reload();
            }}
          />
        </div>
      )}
      {tenant.loading && !tenant.data && <p className="loading">Loading…</p>}
    </>
  );
}

function TenantCard({
  tenant,
  editable,
  onRename,
}: {
  tenant: Tenant;
  editable: boolean;
  onRename: (name: string) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tenant.name);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const nameId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onRename(name.trim());
      setEditing(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="tenant-heading">
      <h2 id="tenant-heading">Tenant</h2>
      <ErrorNotice error={error} fieldLabels={{ 'body.name': 'Name' }} />
      {editing ? (
        <form className="form form-inline" onSubmit={(event) => void submit(event)}>
          <div>
            <label htmlFor={nameId}>Tenant name</label>
            <input
              id={nameId}
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button" onClick={() => setEditing(false)} disabled={busy}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="tenant-name">
          {tenant.name}{' '}
          {editable && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setName(tenant.name);
                setEditing(true);
              }}
            >
              Rename
            </button>
          )}
        </p>
      )}
      <dl className="facts">
        <dt>Plan</dt>
        <dd>
          <span className="badge">{tenant.plan}</span>
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-status-${tenant.status}`}>{tenant.status}</span>
        </dd>
        <dt>Slug</dt>
        <dd>
          <code>{tenant.slug}</code>
        </dd>
        <dt>Tenant id</dt>
        <dd className="with-copy">
          <code className="mono-small">{tenant.id}</code>{' '}
          <CopyButton text={tenant.id} className="button button-small" />
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(tenant.createdAt)}</dd>
      </dl>
    </section>
  );
}
