/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../../test/support/fake-api';
import { renderPortal } from '../../test/support/render-portal';
import { endOfDay } from './create-api-key-form';

const writeText = jest.fn<Promise<void>, [string]>();

beforeEach(() => {
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
});

function rowOf(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name }).closest('tr')!;
}

describe('API keys page', () => {
  it('lists the tenant’s keys with their start, scopes and status', async () => {
    const fake = new FakeApi();
    fake.addKey('Old deploy', { status: 'revoked', scopes: ['verify'], start: 'spv_test_old' });
    fake.addKey('CI', { scopes: ['proofs:read', 'batches:read'], start: 'spv_test_ci' });
    renderPortal(fake, '/api-keys');

    const ci = await waitFor(() => rowOf('CI'));
    expect(within(ci).getByText('spv_test_ci…')).toBeTruthy();
    expect(within(ci).getByText('proofs:read')).toBeTruthy();
    expect(within(ci).getByText('batches:read')).toBeTruthy();
    expect(within(ci).getByText('active')).toBeTruthy();
    expect(within(rowOf('Old deploy')).getByText('revoked')).toBeTruthy();
    // No actions on a revoked key.
    expect(within(rowOf('Old deploy')).queryByRole('button')).toBeNull();
  });

  it('creates a key with scopes and an expiry, shows the secret once with copy, then forgets it', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Create API key' }));

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Billing export' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'verify' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'proofs:read' }));
    fireEvent.change(screen.getByLabelText('Expires'), { target: { value: '30' } });
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Your new API key' });
    const sent = fake.requestsTo('POST', '/v1/api-keys')[0]!.body;
    // Scopes in the API's order, whatever order they were ticked in.
    expect(sent).toEqual({
      name: 'Billing export',
      scopes: ['proofs:read', 'verify'],
      expiresAt: expect.any(String),
    });
    const expiresIn = Date.parse(sent.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
    expect(expiresIn).toBeLessThan(30.1 * 24 * 3600 * 1000);
    expect(secret.value).toMatch(/SECRETSECRETSECRET$/);
    expect(screen.getByText('This is the only time it is shown.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(secret.value));
    expect(await screen.findByText('Copied')).toBeTruthy();

    await waitFor(() => rowOf('Billing export'));
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByRole('textbox', { name: 'Your new API key' })).toBeNull();
    expect(document.body.textContent).not.toContain('SECRETSECRETSECRET');
  });

  it('asks for a scope before calling the API', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Create API key' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'No scopes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one scope.');
    expect(fake.requestsTo('POST', '/v1/api-keys')).toHaveLength(0);
  });

  it('shows which operations each scope unlocks, from the OpenAPI document', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Create API key' }));
    const auditScope = screen.getByRole('checkbox', { name: 'audit:read' }).closest('li')!;
    expect(auditScope.textContent).toContain('Admin actions (keys, members, settings), newest first');
  });

  it('revokes a key after confirmation', async () => {
    const fake = new FakeApi();
    fake.addKey('Leaked');
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke key Leaked' }));
    expect(fake.requestsTo('POST', `/v1/api-keys/${fake.keys[0]!.id}/revoke`)).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke now' }));

    await waitFor(() => expect(within(rowOf('Leaked')).getByText('revoked')).toBeTruthy());
    expect(fake.requestsTo('POST', `/v1/api-keys/${fake.keys[0]!.id}/revoke`)).toHaveLength(1);
    expect(screen.getByText('Key “Leaked” revoked.')).toBeTruthy();
  });

  it('rotates a key with a grace period and shows the new secret', async () => {
    const fake = new FakeApi();
    const old = fake.addKey('Worker');
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate key Worker' }));
    fireEvent.change(screen.getByLabelText('The old key'), { target: { value: String(24 * 3600) } });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate key' }));

    const secret = await screen.findByRole<HTMLInputElement>('textbox', {
      name: 'New secret for “Worker”',
    });
    expect(secret.value).toMatch(/SECRETSECRETSECRET$/);
    expect(fake.requestsTo('POST', `/v1/api-keys/${old.id}/rotate`)[0]!.body).toEqual({
      gracePeriodSeconds: 86400,
    });
  });

  it('shows a read-only list to roles without api_keys:write', async () => {
    const fake = new FakeApi();
    fake.addKey('Shared');
    renderPortal(fake, '/api-keys', fake.session('viewer'));
    await waitFor(() => rowOf('Shared'));
    expect(screen.queryByRole('button', { name: 'Create API key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke key Shared' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rotate key Shared' })).toBeNull();
  });

  it('pages through keys with the API’s cursors', async () => {
    const fake = new FakeApi();
    for (let i = 1; i <= 25; i++) fake.addKey(`key ${String(i).padStart(2, '0')}`);
    renderPortal(fake, '/api-keys');

    await waitFor(() => rowOf('key 25'));
    expect(screen.queryByRole('rowheader', { name: 'key 05' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => rowOf('key 05'));
    expect(screen.queryByRole('rowheader', { name: 'key 25' })).toBeNull();
    expect(fake.requestsTo('GET', '/v1/api-keys').at(-1)!.query.get('cursor')).toBe('20');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => rowOf('key 25'));
  });

  it('shows the API’s validation problem next to the form', async () => {
    const fake = new FakeApi();
    fake.failNext.set('POST /v1/api-keys', {
      status: 409,
      code: 'api_key_limit_reached',
      detail: 'This tenant has reached its API key limit.',
    });
    renderPortal(fake, '/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Create API key' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'One too many' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'verify' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This tenant has reached its API key limit.',
    );
    expect(screen.queryByText('This is the only time it is shown.')).toBeNull();
  });
});

describe('endOfDay', () => {
  it('is the last second of that local day, and undefined for anything else', () => {
    expect(new Date(endOfDay('2027-02-03')!).getDate()).toBe(3);
    expect(new Date(endOfDay('2027-02-03')!).getHours()).toBe(23);
    expect(endOfDay('')).toBeUndefined();
    expect(endOfDay('03/02/2027')).toBeUndefined();
  });
});
