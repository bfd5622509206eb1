import {
  MEMBER_ROLES,
  type CreatedInvitation,
  type Invitation,
  type Member,
  type MemberRole,
} from '@spv-cloud/api-client';
import { useId, useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorNotice } from '../components/error-notice';
import { formatDate, formatDateTime } from '../components/format-time';
import { PageHeading } from '../components/page-heading';
import { SecretReveal } from '../components/secret-reveal';
import { useApiData } from '../components/use-api-data';
import { useRouter } from '../routing/router';
import { rolesGrantableBy } from '../session/role-permissions';
import { useSession } from '../session/session-context';
import { InviteMemberForm } from './invite-member-form';

/**
 * Why the signed-in user cannot change `member`, or null if they can: the API's membership rules
 * (only owners touch owners; the last owner stays), shown before the API would refuse.
 */
export function membershipLock(
  actorRole: MemberRole | null,
  member: Member,
  ownerCount: number,
): string | null {
  if (member.role === 'owner' && actorRole !== 'owner') return 'Only an owner can change an owner';
  if (member.role === 'owner' && ownerCount <= 1) return 'The last owner cannot be changed or removed';
  return null;
}

export function MembersPage() {
  const { client, can, role, session, reloadMe, signOut } = useSession();
  const { href } = useRouter();
  const members = useApiData(() => client.listMembers(), 'members');
  const invitations = useApiData(() => client.listInvitations(), 'invitations');
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<CreatedInvitation | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const ownerCount = members.data?.items.filter((member) => member.role === 'owner').length ?? 0;

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      setActionError(undefined);
      setStatus(message);
      members.reload();
      invitations.reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const inviteLink = (token: string) =>
    `${window.location.origin}${href('/accept-invitation')}#token=${encodeURIComponent(token)}`;

  return (
    <>
      <PageHeading title="Members">
        {can('members:invite') && !inviting && (
          <button type="button" className="button button-primary" onClick={() => setInviting(true)}>
            Invite member
          </button>
        )}
      </PageHeading>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {invited && (
        <SecretReveal
          title="Invitation link"
          secret={inviteLink(invited.token)}
          description={`Send this link to ${invited.email} (${invited.role}). It works once, until ${formatDateTime(invited.expiresAt)}.`}
          dismissLabel="Done"
          onDismiss={() => setInvited(null)}
        />
      )}
      {inviting && (
        <InviteMemberForm
          onCancel={() => setInviting(false)}
          onInvited={(invitation) => {
            setInviting(false);
            setInvited(invitation);
            setStatus(`Invitation for ${invitation.email} created.`);
            invitations.reload();
          }}
        />
      )}
      <ErrorNotice error={actionError} />
      <ErrorNotice error={members.error} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Team</h2>
        <div className="table-wrap" aria-busy={members.loading}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {can('members:remove') && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.data?.items.map((member) => (
                <MemberRow
                  key={`${member.userId}:${member.role}`}
                  member={member}
                  isSelf={member.userId === session?.user.id}
                  lock={membershipLock(role, member, ownerCount)}
                  grantable={rolesGrantableBy(role, MEMBER_ROLES)}
                  canUpdate={can('members:update')}
                  canRemove={can('members:remove')}
                  onChangeRole={(next) =>
                    act(async () => {
                      await client.changeMemberRole(member.userId, next);
                      if (member.userId === session?.user.id) await reloadMe();
                    }, `${member.email} is now ${next}.`)
                  }
                  onRemove={async () => {
                    await act(() => client.removeMember(member.userId), `${member.email} removed.`);
                    // Leaving ends this session's access to the tenant: sign out rather than fail on every page.
                    if (member.userId === session?.user.id) await signOut();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Invitations</h2>
        <ErrorNotice error={invitations.error} />
        {invitations.data && invitations.data.items.length === 0 ? (
          <p className="empty">No invitations.</p>
        ) : (
          <div className="table-wrap" aria-busy={invitations.loading}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Expires</th>
                  {can('members:invite') && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {invitations.data?.items.map((invitation: Invitation) => (
                  <tr
                    key={invitation.id}
                    className={invitation.status === 'pending' ? undefined : 'row-muted'}
                  >
                    <th scope="row">{invitation.email}</th>
                    <td>{invitation.role}</td>
                    <td>
                      <span className={`badge badge-status-${invitation.status}`}>{invitation.status}</span>
                    </td>
                    <td>{formatDateTime(invitation.expiresAt)}</td>
                    {can('members:invite') && (
                      <td className="actions">
                        {invitation.status === 'pending' && (
                          <ConfirmButton
                            label="Revoke"
                            accessibleLabel={`Revoke invitation for ${invitation.email}`}
                            confirmLabel="Revoke invitation"
                            question={`Revoke the invitation for ${invitation.email}?`}
                            onConfirm={() =>
                              act(
                                () => client.revokeInvitation(invitation.id),
                                `Invitation for ${invitation.email} revoked.`,
                              )
                            }
                          />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function MemberRow({
  member,
  isSelf,
  lock,
  grantable,
  canUpdate,
  canRemove,
  onChangeRole,
  onRemove,
}: {
  member: Member;
  isSelf: boolean;
  lock: string | null;
  grantable: MemberRole[];
  canUpdate: boolean;
  canRemove: boolean;
  onChangeRole: (role: MemberRole) => Promise<void>;
  onRemove: () => Promise<void>;
}) {
  const selectId = useId();
  const lockId = useId();
  const [nextRole, setNextRole] = useState<MemberRole>(member.role);
  const [busy, setBusy] = useState(false);
  // The member's current role is always listed, even one this user may not grant.
  const options = grantable.includes(member.role) ? grantable : [member.role, ...grantable];
  return (
    <tr>
      <th scope="row">
        <span className="member-name">{member.displayName ?? member.email}</span>
        {member.displayName && <span className="member-email">{member.email}</span>}
        {isSelf && <span className="badge badge-quiet">you</span>}
      </th>
      <td>
        {canUpdate ? (
          <span className="role-editor">
            <label className="visually-hidden" htmlFor={selectId}>
              Role of {member.email}
            </label>
            <select
              id={selectId}
              value={nextRole}
              disabled={lock !== null || busy}
              aria-describedby={lock ? lockId : undefined}
              onChange={(event) => setNextRole(event.target.value as MemberRole)}
            >
              {options.map((candidate) => (
                <option
                  key={candidate}
                  value={candidate}
                  disabled={candidate !== member.role && !grantable.includes(candidate)}
                >
                  {candidate}
                </option>
              ))}
            </select>
            {nextRole !== member.role && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void onChangeRole(nextRole).finally(() => setBusy(false));
                }}
              >
                Save role
              </button>
            )}
            {lock && (
              <span id={lockId} className="hint">
                {lock}
              </span>
            )}
          </span>
        ) : (
          <span className={`badge badge-role-${member.role}`}>{member.role}</span>
        )}
      </td>
      <td>{formatDate(member.joinedAt)}</td>
      {canRemove && (
        <td className="actions">
          <ConfirmButton
            label={isSelf ? 'Leave' : 'Remove'}
            accessibleLabel={isSelf ? 'Leave this tenant' : `Remove ${member.email}`}
            confirmLabel={isSelf ? 'Leave tenant' : 'Remove member'}
            question={
              isSelf
                ? 'Leave this tenant? You lose access at once.'
                : `Remove ${member.email} from the tenant?`
            }
            disabled={lock !== null}
            onConfirm={onRemove}
          />
        </td>
      )}
    </tr>
  );
}
