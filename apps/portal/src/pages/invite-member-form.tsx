import { MEMBER_ROLES, type CreatedInvitation, type MemberRole } from '@spv-cloud/api-client';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { ROLE_DESCRIPTIONS, rolesGrantableBy } from '../session/role-permissions';
import { useSession } from '../session/session-context';

const FIELDS = { 'body.email': 'E-mail', 'body.role': 'Role' };

export function InviteMemberForm({
  onInvited,
  onCancel,
}: {
  onInvited: (invitation: CreatedInvitation) => void;
  onCancel: () => void;
}) {
  const { client, role } = useSession();
  const roles = rolesGrantableBy(role, MEMBER_ROLES);
  const [email, setEmail] = useState('');
  const [memberRole, setMemberRole] = useState<MemberRole>('developer');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), email: useId(), role: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onInvited(await client.inviteMember({ email, role: memberRole }));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="panel form" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)}>
      <h2 id={ids.title}>Invite a member</h2>
      <ErrorNotice error={error} fieldLabels={FIELDS} />
      <label htmlFor={ids.email}>E-mail</label>
      <input
        id={ids.email}
        type="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor={ids.role}>Role</label>
      <select
        id={ids.role}
        value={memberRole}
        aria-describedby={`${ids.role}-hint`}
        onChange={(event) => setMemberRole(event.target.value as MemberRole)}
      >
        {roles.map((candidate) => (
          <option key={candidate} value={candidate}>
            {candidate}
          </option>
        ))}
      </select>
      <p id={`${ids.role}-hint`} className="hint">
        {ROLE_DESCRIPTIONS[memberRole]}.
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Create invitation'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
