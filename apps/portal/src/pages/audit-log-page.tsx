import type { AuditLogEntry } from '@spv-cloud/api-client';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { formatDateTime } from '../components/format-time';
import { PageHeading } from '../components/page-heading';
import { Pager, useCursorPages } from '../components/pager';
import { useApiData } from '../components/use-api-data';
import { useSession } from '../session/session-context';

export const AUDIT_PAGE_SIZE = 25;
const ACTION_PATTERN = '^[a-z_]+\\.[a-z_]+$';

/** Who did it, by e-mail when the actor is a current member. */
function actorOf(entry: AuditLogEntry, emails: ReadonlyMap<string, string>): string {
  if (entry.actorType === 'system') return 'system';
  if (entry.actorType === 'user' && entry.actorId && emails.has(entry.actorId))
    return emails.get(entry.actorId)!;
  return `${entry.actorType === 'api_key' ? 'API key' : 'user'} ${entry.actorId ?? ''}`.trim();
}

export function AuditLogPage() {
  const { client, can } = useSession();
  const pages = useCursorPages();
  const members = useApiData(
    () => (can('members:read') ? client.listMembers() : Promise.resolve(null)),
    'members',
  );
  const emails = new Map((members.data?.items ?? []).map((member) => [member.userId, member.email]));
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState('');
  const filterId = useId();
  const log = useApiData(
    () =>
      client.listAuditLog({
        limit: AUDIT_PAGE_SIZE,
        cursor: pages.cursor,
        ...(applied ? { action: applied } : {}),
      }),
    `${applied}|${pages.key}`,
  );

  const filter = (event: FormEvent) => {
    event.preventDefault();
    setApplied(action.trim());
    pages.first();
  };

  return (
    <>
      <PageHeading title="Audit log" />
      <p className="lead">Administrative actions in this tenant (keys, members, settings), newest first.</p>
      <form className="filter" role="search" onSubmit={filter}>
        <label htmlFor={filterId}>Action</label>
        <input
          id={filterId}
          placeholder="e.g. api_key.created"
          pattern={ACTION_PATTERN}
          title="A dotted action such as api_key.created"
          value={action}
          onChange={(event) => setAction(event.target.value)}
        />
        <button type="submit" className="button">
          Filter
        </button>
        {applied && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAction('');
              setApplied('');
              pages.first();
            }}
          >
            Clear
          </button>
        )}
      </form>
      <ErrorNotice error={log.error} />
      {log.data && log.data.items.length === 0 ? (
        <p className="empty">{applied ? `No “${applied}” entries.` : 'Nothing recorded yet.'}</p>
      ) : (
        <div className="table-wrap" aria-busy={log.loading}>
          <table className="table">
            <caption className="visually-hidden">
              Audit log entries, newest first, page {pages.pageNumber}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data?.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                  <th scope="row">
                    <code>{entry.action}</code>
                  </th>
                  <td className="mono-small">{actorOf(entry, emails)}</td>
                  <td className="mono-small">
                    {entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '—'}
                  </td>
                  <td className="mono-small nowrap">{entry.ip ?? '—'}</td>
                  <td>
                    <details>
                      <summary>Show</summary>
                      <dl className="details-list">
                        {entry.requestId && (
                          <>
                            <dt>Request id</dt>
                            <dd className="mono-small">{entry.requestId}</dd>
                          </>
                        )}
                        {entry.userAgent && (
                          <>
                            <dt>User agent</dt>
                            <dd>{entry.userAgent}</dd>
                          </>
                        )}
                        <dt>Metadata</dt>
                        <dd>
                          <pre>{JSON.stringify(entry.metadata, null, 2)}</pre>
                        </dd>
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.loading && !log.data && <p className="loading">Loading entries…</p>}
        </div>
      )}
      <Pager
        label="Audit log pages"
        pageNumber={pages.pageNumber}
        nextCursor={log.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}
