/** @jest-environment jsdom */
import type { Member } from '@spv-cloud/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../../test/support/fake-api';
import { renderPortal } from '../../test/support/render-portal';
import { membershipLock } from './members-page';

function rowOf(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!;
}

function roleSelect(email: string): HTMLSelectElement {
  return screen.getByRole<HTMLSelectElement>('combobox', { name: `Role of ${email}` });
}

describe('members page', () => {
  it('lets an admin change a developer’s role but not touch an owner, and never offers owner', async () => {
    const fake = new FakeApi();
    const dev = fake.addMember('dev@acme.test', 'developer', 'Dee Veloper');
    fake.addMember('boss@acme.test', 'owner');
    renderPortal(fake, '/members', fake.session('admin')); // the fake's first member, now an admin

    await waitFor(() => rowOf('Dee Veloper'));
    expect(roleSelect('boss@acme.test').disabled).toBe(true);
    expect(rowOf('boss@acme.test').textContent).toContain('Only an owner can change an owner');
    const removeBoss = within(rowOf('boss@acme.test')).getByRole<HTMLButtonElement>('button', {
      name: 'Remove boss@acme.test',
    });
    expect(removeBoss.disabled).toBe(true);
    const options = [...roleSelect('dev@acme.test').options].filter((o) => !o.disabled).map((o) => o.value);
    expect(options).toEqual(['admin', 'developer', 'finance', 'viewer']);

    fireEvent.change(roleSelect('dev@acme.test'), { target: { value: 'viewer' } });
    fireEvent.click(within(rowOf('Dee Veloper')).getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(fake.requestsTo('PATCH', `/v1/tenant/members/${dev.userId}`)).toHaveLength(1));
    expect(fake.requestsTo('PATCH', `/v1/tenant/members/${dev.userId}`)[0]!.body).toEqual({ role: 'viewer' });
    await screen.findByText('dev@acme.test is now viewer.');
  });

  it('locks owners for admins and the last owner for everyone, saying why', async () => {
    const fake = new FakeApi();
    fake.addMember('dev@acme.test', 'developer');
    renderPortal(fake, '/members', fake.session('owner'));

    const ownerRow = await waitFor(() => rowOf('Olive Owner'));
    expect(roleSelect('owner@acme.test').disabled).toBe(true);
    expect(ownerRow.textContent).toContain('The last owner cannot be changed or removed');
    expect(
      within(ownerRow).getByRole<HTMLButtonElement>('button', { name: 'Leave this tenant' }).disabled,
    ).toBe(true);
    // An owner may grant owner.
    expect([...roleSelect('dev@acme.test').options].map((o) => o.value)).toContain('owner');
  });

  it('invites a member and shows the invitation link once, with the token in the fragment', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/members', fake.session('admin'));
    fireEvent.click(await screen.findByRole('button', { name: 'Invite member' }));
    expect([...screen.getByLabelText<HTMLSelectElement>('Role').options].map((o) => o.value)).not.toContain(
      'owner',
    );
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'fin@acme.test' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'finance' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create invitation' }));

    const link = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Invitation link' });
    const invitation = fake.invitations[0]!;
    expect(link.value).toBe(
      `${window.location.origin}/portal/accept-invitation#token=token-${invitation.id}`,
    );
    expect(fake.requestsTo('POST', '/v1/tenant/members')[0]!.body).toEqual({
      email: 'fin@acme.test',
      role: 'finance',
    });
    await waitFor(() => rowOf('fin@acme.test'));
    expect(within(rowOf('fin@acme.test')).getByText('pending')).toBeTruthy();
  });

  it('removes a member and revokes an invitation after confirming', async () => {
    const fake = new FakeApi();
    const viewer = fake.addMember('view@acme.test', 'viewer');
    fake.invitations.push({
      id: '00000000-0000-4000-8000-0000000000ee',
      email: 'late@acme.test',
      role: 'viewer',
      status: 'pending',
      expiresAt: '2026-12-01T00:00:00.000Z',
      createdAt: '2026-11-20T00:00:00.000Z',
    });
    renderPortal(fake, '/members', fake.session('owner'));

    fireEvent.click(await screen.findByRole('button', { name: 'Remove view@acme.test' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /view@acme.test/ })).toBeNull());
    expect(fake.requestsTo('DELETE', `/v1/tenant/members/${viewer.userId}`)).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation for late@acme.test' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(within(rowOf('late@acme.test')).getByText('revoked')).toBeTruthy());
  });

  it('shows roles read-only to members without members:update', async () => {
    const fake = new FakeApi();
    fake.addMember('dev@acme.test', 'developer');
    renderPortal(fake, '/members', fake.session('viewer'));
    await waitFor(() => rowOf('dev@acme.test'));
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invite member' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('shows the API’s refusal when a rule it enforces is hit', async () => {
    const fake = new FakeApi();
    const dev = fake.addMember('dev@acme.test', 'developer');
    fake.failNext.set(`PATCH /v1/tenant/members/${dev.userId}`, {
      status: 403,
      code: 'owner_required',
      detail: 'Only an owner can grant the owner role or change or remove an owner.',
    });
    renderPortal(fake, '/members', fake.session('owner'));
    await waitFor(() => rowOf('dev@acme.test'));
    fireEvent.change(roleSelect('dev@acme.test'), { target: { value: 'owner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save role' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Only an owner can grant the owner role');
    expect(alert.textContent).toContain('Not allowed');
  });
});

describe('membershipLock', () => {
  const member = (role: Member['role']): Member => ({
    userId: 'u',
    email: 'x@y.z',
    displayName: null,
    role,
    joinedAt: '2026-01-01T00:00:00.000Z',
  });

  it('follows the API’s membership rules', () => {
    expect(membershipLock('admin', member('owner'), 2)).toBe('Only an owner can change an owner');
    expect(membershipLock('owner', member('owner'), 1)).toBe('The last owner cannot be changed or removed');
    expect(membershipLock('owner', member('owner'), 2)).toBeNull();
    expect(membershipLock('admin', member('developer'), 1)).toBeNull();
  });
});
