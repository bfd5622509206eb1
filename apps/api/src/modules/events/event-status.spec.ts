import { eventEta, eventStatusView } from './event-status';
import type { EventRecord } from './events.repository';
import { DEFAULT_EVENTS_SETTINGS, type EventsSettings } from './events.settings';

const settings: EventsSettings = {
  ...DEFAULT_EVENTS_SETTINGS,
  batchWindowMs: 1_000,
  expectedBlockTimeMs: 10_000,
  confirmationDepth: 2,
  queue: { redisUrl: 'redis://x', prefix: 'p' },
};
const now = new Date('2026-11-25T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const event = (overrides: Partial<EventRecord>): EventRecord => ({
  id: 'e',
  namespace: 'default',
  digestAlgorithm: 'sha256',
  digest: new Uint8Array(32),
  status: 'RECEIVED',
  batchId: null,
  createdAt: now,
  anchoredAt: null,
  batch: null,
  ...overrides,
});
const batch = (
  status: NonNullable<EventRecord['batch']>['status'],
  times: Partial<NonNullable<EventRecord['batch']>> = {},
) => ({
  status,
  sealedAt: null,
  submittedAt: null,
  confirmedAt: null,
  ...times,
});

describe('event status and ETA', () => {
  it('shows where a batched event is from its batch', () => {
    expect(eventStatusView('RECEIVED', null)).toBe('received');
    expect(eventStatusView('BATCHED', 'SEALED')).toBe('batched');
    expect(eventStatusView('BATCHED', 'SUBMITTED')).toBe('submitted');
    expect(eventStatusView('BATCHED', 'CONFIRMED')).toBe('anchored');
    expect(eventStatusView('BATCHED', 'FAILED')).toBe('failed');
    expect(eventStatusView('ANCHORED', 'CONFIRMED')).toBe('proof_ready');
    expect(eventStatusView('FAILED', null)).toBe('failed');
  });

  it('estimates window + confirmations + proof building, never in the past, none once ready', () => {
    // confirmations: 10 s × (2 + 1) = 30 s; proof building 5 s.
    expect(eventEta(event({}), settings, now)).toEqual(at(1_000 + 30_000 + 5_000));
    expect(
      eventEta(event({ status: 'BATCHED', batch: batch('SEALED', { sealedAt: now }) }), settings, now),
    ).toEqual(at(35_000));
    expect(
      eventEta(
        event({ status: 'BATCHED', batch: batch('SUBMITTED', { submittedAt: at(-10_000) }) }),
        settings,
        now,
      ),
    ).toEqual(at(25_000));
    expect(
      eventEta(
        event({ status: 'BATCHED', batch: batch('SUBMITTED', { submittedAt: at(-60_000) }) }),
        settings,
        now,
      ),
    ).toEqual(now);
    expect(
      eventEta(event({ status: 'BATCHED', batch: batch('CONFIRMED', { confirmedAt: now }) }), settings, now),
    ).toEqual(at(5_000));
    expect(eventEta(event({ status: 'ANCHORED', batch: batch('CONFIRMED') }), settings, now)).toBeNull();
    expect(eventEta(event({ status: 'BATCHED', batch: batch('FAILED') }), settings, now)).toBeNull();
  });
});
