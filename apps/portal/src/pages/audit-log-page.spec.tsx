/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../../test/support/fake-api';
import { renderPortal } from '../../test/support/render-portal';

describe('audit log page', () => {
  it('pages through entries newest first and shows an entry’s details', async () => {
    const fake = new FakeApi();
    for (let i = 1; i <= 30; i++) fake.addAudit(i % 2 ? 'api_key.created' : 'member.invited', i);
    renderPortal(fake, '/audit-log', fake.session('finance'));

    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(26)); // header + 25
    expect(screen.getAllByText('req-30')).toHaveLength(1);
    expect(screen.queryByText('req-5')).toBeNull();
    expect(fake.requestsTo('GET', '/v1/audit-log')[0]!.query.get('limit')).toBe('25');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(6));
    expect(screen.getByText('req-5')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Audit log pages' }).textContent).toContain('Page 2');
  });

  it('filters by action through the API', async () => {
    const fake = new FakeApi();
    fake.addAudit('api_key.created', 1);
    fake.addAudit('member.removed', 2);
    renderPortal(fake, '/audit-log');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    // Actors that are members are named by e-mail.
    await waitFor(() => expect(screen.getByRole('table').textContent).toContain('owner@acme.test'));

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'member.removed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(fake.requestsTo('GET', '/v1/audit-log').at(-1)!.query.get('action')).toBe('member.removed');

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'tenant.deleted' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText('No “tenant.deleted” entries.')).toBeTruthy();
  });
});
