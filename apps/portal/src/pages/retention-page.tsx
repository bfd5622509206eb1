import type { RetentionPolicy, UpdateRetentionPolicyRequest } from '@spv-cloud/api-client';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { formatDateTime } from '../components/format-time';
import { PageHeading } from '../components/page-heading';
import { useApiData } from '../components/use-api-data';
import { useSession } from '../session/session-context';

const FIELDS = {
  'body.hotTtlDays': 'Hot storage',
  'body.archiveYears': 'Archive',
  'body.legalHold': 'Legal hold',
  'body.legalHoldReason': 'Reason',
};

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function years(n: number): string {
  return n === 1 ? '1 year' : `${n} years`;
}

/** Only what the form changed, so an unchanged legal hold is never re-sent. */
export function retentionChanges(
  current: RetentionPolicy,
  form: { hotTtlDays: number; archiveYears: number; legalHold: boolean; legalHoldReason: string },
): UpdateRetentionPolicyRequest {
  const changes: UpdateRetentionPolicyRequest = {};
  if (form.hotTtlDays !== current.hotTtlDays) changes.hotTtlDays = form.hotTtlDays;
  if (form.archiveYears !== current.archiveYears) changes.archiveYears = form.archiveYears;
  if (form.legalHold !== current.legalHold) changes.legalHold = form.legalHold;
  const reason = form.legalHoldReason.trim();
  if (
    form.legalHold &&
    reason !== '' &&
    (changes.legalHold !== undefined || reason !== (current.legalHoldReason ?? ''))
  ) {
    changes.legalHoldReason = reason;
  }
  return changes;
}

/** How long issued proofs are kept (`GET`/`PUT /v1/tenant/retention`). */
export function RetentionPage() {
  const { client, can } = useSession();
  const policy = useApiData(() => client.getRetentionPolicy(), 'retention');
  const [status, setStatus] = useState('');
  return (
    <>
      <PageHeading title="Retention" />
      <p className="lead">
        How long issued proofs are kept. A proof stays in hot storage first, then in the archive; afterwards
        it is deleted with a signed deletion receipt. Nothing is deleted while a legal hold is set.
      </p>
      <ErrorNotice error={policy.error} />
      <p className="status-line" role="status">
        {status}
      </p>
      {policy.data && (
        <div className="grid">
          <RetentionSummary policy={policy.data} />
          {can('tenant:update') ? (
            <RetentionForm
              key={JSON.stringify(policy.data)}
              policy={policy.data}
              onSave={async (changes) => {
                setStatus('');
                await client.updateRetentionPolicy(changes);
                setStatus('Retention policy saved.');
                policy.reload();
              }}
              onNothingToChange={() => setStatus('Nothing to change.')}
            />
          ) : (
            <p className="notice">Owners and admins can change the retention policy.</p>
          )}
        </div>
      )}
      {policy.loading && !policy.data && <p className="loading">Loading…</p>}
    </>
  );
}

function RetentionSummary({ policy }: { policy: RetentionPolicy }) {
  return (
    <section className="panel" aria-labelledby="retention-now">
      <h2 id="retention-now">Current policy</h2>
      <dl className="facts">
        <dt>Hot storage</dt>
        <dd>{days(policy.hotTtlDays)}</dd>
        <dt>Archive</dt>
        <dd>{policy.archiveYears === 0 ? 'none' : years(policy.archiveYears)}</dd>
        <dt>Deleted</dt>
        <dd>
          {policy.legalHold || policy.deleteAfterDays === null
            ? 'never while the legal hold is set'
            : `${days(policy.deleteAfterDays)} after issue`}
        </dd>
        <dt>Legal hold</dt>
        <dd>
          {policy.legalHold ? (
            <>
              <span className="badge badge-status-pending">on hold</span> {policy.legalHoldReason}
              {policy.legalHoldSetAt && (
                <span className="hint"> since {formatDateTime(policy.legalHoldSetAt)}</span>
              )}
            </>
          ) : (
            'none'
          )}
        </dd>
      </dl>
    </section>
  );
}

function RetentionForm({
  policy,
  onSave,
  onNothingToChange,
}: {
  policy: RetentionPolicy;
  onSave: (changes: UpdateRetentionPolicyRequest) => Promise<void>;
  onNothingToChange: () => void;
}) {
  const [hotTtlDays, setHotTtlDays] = useState(policy.hotTtlDays);
  const [archiveYears, setArchiveYears] = useState(String(policy.archiveYears));
  const [legalHold, setLegalHold] = useState(policy.legalHold);
  const [legalHoldReason, setLegalHoldReason] = useState(policy.legalHoldReason ?? '');
  const [error, setError] = useState<unknown>();
  const [localError, setLocalError] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), hot: useId(), archive: useId(), hold: useId(), reason: useId() };
  const choices = policy.hotTtlDayChoices.includes(policy.hotTtlDays)
    ? policy.hotTtlDayChoices
    : [policy.hotTtlDays, ...policy.hotTtlDayChoices];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const archive = Number(archiveYears);
    if (archiveYears.trim() === '' || !Number.isInteger(archive) || archive < 0) {
      setLocalError('Archive years must be a whole number, 0 or more.');
      return;
    }
    if (legalHold && legalHoldReason.trim() === '') {
      setLocalError('A legal hold needs a reason.');
      return;
    }
    setLocalError('');
    const changes = retentionChanges(policy, {
      hotTtlDays,
      archiveYears: archive,
      legalHold,
      legalHoldReason,
    });
    if (Object.keys(changes).length === 0) {
      onNothingToChange();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSave(changes); // the page reloads the policy, which renews this form
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="panel form" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)}>
      <h2 id={ids.title}>Change</h2>
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <label htmlFor={ids.hot}>Hot storage</label>
      <select id={ids.hot} value={hotTtlDays} onChange={(event) => setHotTtlDays(Number(event.target.value))}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {days(choice)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.archive}>Archive (years)</label>
      <input
        id={ids.archive}
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={archiveYears}
        onChange={(event) => setArchiveYears(event.target.value)}
      />
      <label className="checkbox" htmlFor={ids.hold}>
        <input
          id={ids.hold}
          type="checkbox"
          checked={legalHold}
          onChange={(event) => setLegalHold(event.target.checked)}
        />
        Legal hold: keep every proof until it is released
      </label>
      {legalHold && (
        <>
          <label htmlFor={ids.reason}>Reason</label>
          <input
            id={ids.reason}
            maxLength={500}
            required
            value={legalHoldReason}
            onChange={(event) => setLegalHoldReason(event.target.value)}
          />
        </>
      )}
      {localError && (
        <p className="field-error" role="alert">
          {localError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
