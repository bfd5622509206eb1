/** An event waiting for a batch, as the batcher sees it (in arrival order: created_at, id). */
export interface PendingEvent {
  readonly id: string;
  readonly namespace: string;
  readonly routingKey: string | null;
  readonly digestAlgorithm: string;
  readonly createdAt: Date;
}

/** The open batch of a (namespace, chain, digest algorithm) group of one tenant. */
export interface BatchGroupKey {
  readonly namespace: string;
  readonly chainId: number;
  readonly digestAlgorithm: string;
}

export interface PlannedSeal extends BatchGroupKey {
  /** In batch order: the event at position i becomes leaf i. */
  readonly eventIds: readonly string[];
  readonly reason: 'size' | 'window';
}

export interface SealPlan {
  readonly seals: readonly PlannedSeal[];
  /** When the oldest unsealed group's window ends (the next look); null when nothing waits. */
  readonly nextDueAt: Date | null;
}

export interface SealingRules {
  readonly windowMs: number;
  readonly maxSize: number;
}

/**
 * Which batches to seal now. Each group is an open batch: it is sealed when it holds `maxSize`
 * events (a full group seals in chunks of exactly `maxSize`) or when its oldest event has waited
 * `windowMs`, whichever comes first. Groups are per namespace, chain and digest algorithm, since
 * all three are part of every leaf. Order is kept: the earliest events get the lowest indexes.
 */
export function planSeals(
  events: readonly PendingEvent[],
  chainOf: (event: PendingEvent) => number,
  rules: SealingRules,
  now: Date,
): SealPlan {
  const groups = new Map<string, { key: BatchGroupKey; events: PendingEvent[] }>();
  for (const event of events) {
    const chainId = chainOf(event);
    const id = `${event.namespace}\u0000${chainId}\u0000${event.digestAlgorithm}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        key: { namespace: event.namespace, chainId, digestAlgorithm: event.digestAlgorithm },
        events: [],
      };
      groups.set(id, group);
    }
    group.events.push(event);
  }
  const seals: PlannedSeal[] = [];
  let nextDue: number | null = null;
  for (const { key, events: pending } of groups.values()) {
    let start = 0;
    while (pending.length - start >= rules.maxSize) {
      seals.push({
        ...key,
        eventIds: pending.slice(start, start + rules.maxSize).map((e) => e.id),
        reason: 'size',
      });
      start += rules.maxSize;
    }
    if (start === pending.length) continue;
    const dueAt = pending[start]!.createdAt.getTime() + rules.windowMs;
    if (dueAt <= now.getTime()) {
      seals.push({ ...key, eventIds: pending.slice(start).map((e) => e.id), reason: 'window' });
    } else {
      nextDue = nextDue === null ? dueAt : Math.min(nextDue, dueAt);
    }
  }
  return { seals, nextDueAt: nextDue === null ? null : new Date(nextDue) };
}
