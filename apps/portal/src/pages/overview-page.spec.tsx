/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../../test/support/fake-api';
import { renderPortal } from '../../test/support/render-portal';
import { parseSettingValue } from './tenant-settings';

describe('overview page', () => {
  it('shows the tenant, the caller and counts of members and active keys', async () => {
    const fake = new FakeApi();
    fake.addMember('dev@acme.test', 'developer');
    fake.addKey('a');
    fake.addKey('b', { status: 'revoked' });
    renderPortal(fake, '/');

    expect(await screen.findByText('Acme Anchors', { selector: '.tenant-name' })).toBeTruthy();
    const you = screen.getByRole('region', { name: 'You' });
    await waitFor(() => expect(you.textContent).toContain('owner'));
    expect(you.textContent).toContain('owner@acme.test');
    const glance = screen.getByRole('region', { name: 'At a glance' });
    await waitFor(() => expect(glance.textContent).toContain('2members'));
    expect(glance.textContent).toContain('1active API key');
  });

  it('renames the tenant and edits settings when the role may', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/', fake.session('admin'));
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Tenant name' }), {
      target: { value: 'Acme Proofs' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Acme Proofs', { selector: '.tenant-name' })).toBeTruthy();
    expect(fake.requestsTo('PATCH', '/v1/tenant')[0]!.body).toEqual({ name: 'Acme Proofs' });

    const settings = screen.getByRole('region', { name: 'Settings' });
    fireEvent.change(within(settings).getByLabelText('Setting name'), { target: { value: 'alerts.email' } });
    fireEvent.change(within(settings).getByLabelText('Value'), { target: { value: 'ops@acme.test' } });
    fireEvent.click(within(settings).getByRole('button', { name: 'Save setting' }));
    await waitFor(() =>
      expect(within(settings).getByRole('rowheader', { name: 'alerts.email' })).toBeTruthy(),
    );
    expect(fake.requestsTo('PATCH', '/v1/tenant')[1]!.body).toEqual({
      settings: { 'alerts.email': 'ops@acme.test' },
    });

    fireEvent.click(within(settings).getByRole('button', { name: 'Remove setting retention.days' }));
    fireEvent.click(within(settings).getByRole('button', { name: 'Remove setting' }));
    await waitFor(() =>
      expect(within(settings).queryByRole('rowheader', { name: 'retention.days' })).toBeNull(),
    );
    expect(fake.requestsTo('PATCH', '/v1/tenant')[2]!.body).toEqual({ settings: { 'retention.days': null } });
  });

  it('is read-only for a viewer and does not ask for what the role cannot read', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/', fake.session('finance'));
    await screen.findByText('Acme Anchors', { selector: '.tenant-name' });
    await waitFor(() => expect(screen.getByRole('region', { name: 'You' }).textContent).toContain('finance'));
    expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save setting' })).toBeNull();
    expect(fake.requestsTo('GET', '/v1/api-keys')).toHaveLength(0);
  });
});

describe('parseSettingValue', () => {
  it('types the value or says why it cannot', () => {
    expect(parseSettingValue('number', '30')).toEqual({ value: 30 });
    expect(parseSettingValue('number', 'thirty')).toEqual({ error: 'must be a number' });
    expect(parseSettingValue('number', ' ')).toEqual({ error: 'must be a number' });
    expect(parseSettingValue('boolean', 'true')).toEqual({ value: true });
    expect(parseSettingValue('boolean', 'yes')).toEqual({ error: 'must be true or false' });
    expect(parseSettingValue('text', 'x'.repeat(1001))).toEqual({ error: 'must be at most 1000 characters' });
  });
});
