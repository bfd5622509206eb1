/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../test/support/fake-api';
import { currentPath, renderPortal } from '../test/support/render-portal';

describe('portal sign-in and navigation', () => {
  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    const fake = new FakeApi();
    const { store } = renderPortal(fake, '/members', null);

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(currentPath()).toBe('/login');
    expect(window.location.search).toBe('?next=%2Fmembers');

    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'owner@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'correct horse battery staple' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Members' });
    expect(currentPath()).toBe('/members');
    expect(store.load()).toMatchObject({
      user: { email: 'owner@acme.test' },
      tenant: { name: 'Acme Anchors' },
    });
    expect(fake.requestsTo('POST', '/v1/auth/login')[0]!.body).toEqual({
      email: 'owner@acme.test',
      password: 'correct horse battery staple',
    });
  });

  it('shows the API problem when sign-in fails, and stays on the page', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/login', null);
    fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: 'owner@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The e-mail address or password is wrong.');
    expect(alert.textContent).toContain('Request id req-fake');
    expect(currentPath()).toBe('/login');
  });

  it('signs up a new organisation and opens its overview', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/signup', null);
    fireEvent.change(await screen.findByLabelText('Organisation name'), { target: { value: 'Globex' } });
    fireEvent.change(screen.getByLabelText('Work e-mail'), { target: { value: 'hank@globex.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long enough passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create organisation' }));

    await screen.findByRole('heading', { level: 1, name: 'Overview' });
    expect(fake.requestsTo('POST', '/v1/auth/signup')[0]!.body).toEqual({
      tenantName: 'Globex',
      email: 'hank@globex.test',
      password: 'a long enough passphrase',
    });
    expect(await screen.findByText('Globex', { selector: '.tenant-name' })).toBeTruthy();
  });

  it('shows only the pages a role may use, and refuses the others', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/audit-log', fake.session('developer'));

    const nav = await screen.findByRole('navigation', { name: 'Primary' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'API keys' })).toBeTruthy());
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();
    expect(await screen.findByText(/Your role does not include this page/)).toBeTruthy();
    expect(fake.requestsTo('GET', '/v1/audit-log')).toHaveLength(0);
  });

  it('returns to sign-in with an explanation when the session can no longer be refreshed', async () => {
    const fake = new FakeApi();
    const session = fake.session('owner');
    fake.validAccess.delete(session.accessToken); // the access token died early…
    fake.validRefresh.delete(session.refreshToken); // …and the refresh token is no longer accepted
    const { store } = renderPortal(fake, '/', session);

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.getByRole('status').textContent).toBe('Your session ended. Sign in again to continue.');
    expect(store.load()).toBeNull();
  });

  it('signs out on the server and forgets the session', async () => {
    const fake = new FakeApi();
    const session = fake.session('owner');
    const { store } = renderPortal(fake, '/', session);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(fake.requestsTo('POST', '/v1/auth/logout')[0]!.body).toEqual({
      refreshToken: session.refreshToken,
    });
    expect(store.load()).toBeNull();
    expect(screen.queryByText('Your session ended. Sign in again to continue.')).toBeNull();
  });

  it('joins a tenant with the invitation token from the link fragment', async () => {
    const fake = new FakeApi();
    fake.invitations.push({
      id: '00000000-0000-4000-8000-00000000abcd',
      email: 'new@acme.test',
      role: 'viewer',
      status: 'pending',
      expiresAt: '2026-12-01T00:00:00.000Z',
      createdAt: '2026-11-20T00:00:00.000Z',
    });
    const { client } = renderPortal(
      fake,
      '/accept-invitation#token=token-00000000-0000-4000-8000-00000000abcd',
      null,
    );

    const token = await screen.findByLabelText<HTMLInputElement>('Invitation token');
    expect(token.value).toBe('token-00000000-0000-4000-8000-00000000abcd');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));

    await screen.findByRole('heading', { level: 1, name: 'Overview' });
    expect(client.session?.user.email).toBe('new@acme.test');
  });

  it('answers an unknown in-app path with a page-not-found inside the shell', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(document.title).toBe('Page not found · SPV Cloud');
  });
});
