import { planSeals, type PendingEvent } from './sealing-policy';

const T0 = new Date('2026-11-25T12:00:00.000Z').getTime();
let counter = 0;
const event = (overrides: Partial<PendingEvent> & { at?: number } = {}): PendingEvent => ({
  id: `e${String(counter++).padStart(6, '0')}`,
  namespace: overrides.namespace ?? 'default',
  routingKey: overrides.routingKey ?? null,
  digestAlgorithm: overrides.digestAlgorithm ?? 'sha256',
  createdAt: new Date(T0 + (overrides.at ?? 0)),
});
const rules = { windowMs: 1_000, maxSize: 4 };
const byRoutingKey = (e: PendingEvent) => Number(e.routingKey ?? 0);

describe('planSeals (time window or size, whichever first)', () => {
  it('keeps a young group open and says when its window ends', () => {
    const events = [event({ at: 0 }), event({ at: 300 })];
    expect(planSeals(events, byRoutingKey, rules, new Date(T0 + 999))).toEqual({
      seals: [],
      nextDueAt: new Date(T0 + 1_000),
    });
  });

  it('seals the whole group once its oldest event has waited the window', () => {
    const events = [event({ at: 0 }), event({ at: 300 }), event({ at: 990 })];
    const plan = planSeals(events, byRoutingKey, rules, new Date(T0 + 1_000));
    expect(plan.seals).toEqual([
      {
        namespace: 'default',
        chainId: 0,
        digestAlgorithm: 'sha256',
        eventIds: events.map((e) => e.id),
        reason: 'window',
      },
    ]);
    expect(plan.nextDueAt).toBeNull();
  });

  it('seals full groups at once in chunks of exactly maxSize, in arrival order', () => {
    const events = Array.from({ length: 10 }, (_, i) => event({ at: i }));
    const plan = planSeals(events, byRoutingKey, rules, new Date(T0 + 20));
    expect(plan.seals.map((seal) => [seal.reason, seal.eventIds])).toEqual([
      ['size', events.slice(0, 4).map((e) => e.id)],
      ['size', events.slice(4, 8).map((e) => e.id)],
    ]);
    // The remainder's window starts at its own oldest event.
    expect(plan.nextDueAt).toEqual(new Date(T0 + 8 + 1_000));
  });

  it('groups by namespace, chain and digest algorithm; each group has its own window', () => {
    const a = event({ namespace: 'a', at: 0 });
    const b = event({ namespace: 'b', at: 500 });
    const chain1 = event({ namespace: 'a', routingKey: '1', at: 100 });
    const sha512 = event({ namespace: 'a', digestAlgorithm: 'sha512', at: 50 });
    const plan = planSeals([a, sha512, chain1, b], byRoutingKey, rules, new Date(T0 + 1_060));
    expect(
      plan.seals.map((seal) => [seal.namespace, seal.chainId, seal.digestAlgorithm, seal.eventIds]),
    ).toEqual([
      ['a', 0, 'sha256', [a.id]],
      ['a', 0, 'sha512', [sha512.id]],
    ]);
    expect(plan.nextDueAt).toEqual(new Date(T0 + 1_100));
  });

  it('plans nothing for nothing', () => {
    expect(planSeals([], byRoutingKey, rules, new Date(T0))).toEqual({ seals: [], nextDueAt: null });
  });
});
