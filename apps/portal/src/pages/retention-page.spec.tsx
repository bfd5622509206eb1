/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../../test/support/fake-api';
import { renderPortal } from '../../test/support/render-portal';
import { retentionChanges } from './retention-page';

describe('retention page', () => {
  it('shows the policy and when proofs are deleted', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/retention', fake.session('viewer'));
    const summary = await screen.findByRole('region', { name: 'Current policy' });
    expect(summary.textContent).toContain('30 days');
    expect(summary.textContent).toContain('7 years');
    expect(summary.textContent).toContain('2585 days after issue');
    expect(screen.queryByRole('button', { name: 'Save policy' })).toBeNull();
    expect(screen.getByText('Owners and admins can change the retention policy.')).toBeTruthy();
  });

  it('changes hot storage and archive, sending only what changed', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/retention', fake.session('admin'));
    fireEvent.change(await screen.findByLabelText('Hot storage'), { target: { value: '90' } });
    fireEvent.change(screen.getByLabelText('Archive (years)'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));

    await screen.findByText('Retention policy saved.');
    expect(fake.requestsTo('PUT', '/v1/tenant/retention')[0]!.body).toEqual({
      hotTtlDays: 90,
      archiveYears: 10,
    });
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Current policy' }).textContent).toContain(
        '3740 days after issue',
      ),
    );
  });

  it('sets a legal hold only with a reason, and then nothing is deleted', async () => {
    const fake = new FakeApi();
    renderPortal(fake, '/retention', fake.session('owner'));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Legal hold/ }));
    const reason = screen.getByLabelText<HTMLInputElement>('Reason');
    expect(reason.required).toBe(true); // the browser asks for it first…
    fireEvent.change(reason, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    // …and blank reasons are refused before calling the API.
    expect((await screen.findByRole('alert')).textContent).toBe('A legal hold needs a reason.');
    expect(fake.requestsTo('PUT', '/v1/tenant/retention')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Litigation 2026-114' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Current policy' }).textContent).toContain(
        'never while the legal hold is set',
      ),
    );
    expect(fake.requestsTo('PUT', '/v1/tenant/retention')[0]!.body).toEqual({
      legalHold: true,
      legalHoldReason: 'Litigation 2026-114',
    });
  });
});

describe('retentionChanges', () => {
  const policy = {
    hotTtlDays: 30,
    archiveYears: 7,
    legalHold: true,
    legalHoldReason: 'case',
    legalHoldSetAt: null,
    hotTtlDayChoices: [30],
    deleteAfterDays: null,
  };

  it('is empty when nothing changed and never re-sends an unchanged hold', () => {
    expect(
      retentionChanges(policy, { hotTtlDays: 30, archiveYears: 7, legalHold: true, legalHoldReason: 'case' }),
    ).toEqual({});
    expect(
      retentionChanges(policy, {
        hotTtlDays: 30,
        archiveYears: 7,
        legalHold: true,
        legalHoldReason: 'new case',
      }),
    ).toEqual({
      legalHoldReason: 'new case',
    });
    expect(
      retentionChanges(policy, {
        hotTtlDays: 30,
        archiveYears: 7,
        legalHold: false,
        legalHoldReason: 'case',
      }),
    ).toEqual({
      legalHold: false,
    });
  });
});
