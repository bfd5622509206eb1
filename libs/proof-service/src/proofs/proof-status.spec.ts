import { proofStatus } from './proof-status';

const NOW = new Date('2026-05-01T00:00:00Z');
const DAY = 86_400_000;
const ready = { status: 'ready' as const, blockHash: 'b', expiresAt: null, refreshedFromId: null };

describe('proofStatus', () => {
  it('derives every state a tenant sees', () => {
    const lead = DAY;
    expect(
      proofStatus({ status: 'pending' }, { ...ready, status: 'pending', blockHash: null }, NOW, lead),
    ).toBe('waiting_inclusion');
    expect(proofStatus({ status: 'pending' }, { ...ready, status: 'pending' }, NOW, lead)).toBe(
      'waiting_reachability',
    );
    expect(proofStatus({ status: 'pending' }, { ...ready, status: 'failed' }, NOW, lead)).toBe('failed');
    expect(proofStatus({ status: 'failed' }, null, NOW, lead)).toBe('failed');
    expect(proofStatus({ status: 'completed' }, ready, NOW, lead)).toBe('ready');
    expect(proofStatus({ status: 'completed' }, { ...ready, refreshedFromId: 'x' }, NOW, lead)).toBe(
      'refreshed',
    );
    expect(
      proofStatus(
        { status: 'completed' },
        { ...ready, expiresAt: new Date(NOW.getTime() + DAY / 2) },
        NOW,
        lead,
      ),
    ).toBe('expiring');
    expect(
      proofStatus(
        { status: 'completed' },
        { ...ready, expiresAt: new Date(NOW.getTime() + 2 * DAY) },
        NOW,
        lead,
      ),
    ).toBe('ready');
    expect(proofStatus({ status: 'completed' }, { ...ready, expiresAt: NOW }, NOW, lead)).toBe('expired');
    expect(proofStatus({ status: 'completed' }, { ...ready, status: 'expired' }, NOW, lead)).toBe('expired');
  });
});
