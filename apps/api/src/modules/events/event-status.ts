import type { BatchStatus, EventStatus } from '@spv-cloud/db';
import type { EventStatusView } from './dto/event.schemas';
import type { EventRecord } from './events.repository';
import type { EventsSettings } from './events.settings';

/**
 * The status a client sees. The events row moves received → batched (sealed into a batch) →
 * anchored (its anchored event proof is stored) and the batch tells where a batched event is:
 * submitted on chain, confirmed (anchored, proof being built), failed.
 */
export function eventStatusView(status: EventStatus, batchStatus: BatchStatus | null): EventStatusView {
  switch (status) {
    case 'RECEIVED':
      return 'received';
    case 'ANCHORED':
      return 'proof_ready';
    case 'FAILED':
      return 'failed';
    case 'BATCHED':
      switch (batchStatus) {
        case 'SUBMITTED':
          return 'submitted';
        case 'CONFIRMED':
          return 'anchored';
        case 'FAILED':
          return 'failed';
        case 'OPEN':
        case 'SEALED':
        case 'SUPERSEDED':
        case null:
          return 'batched';
      }
  }
}

/** Slack for building and storing the proofs once the anchor is confirmed. */
const PROOF_BUILD_MS = 5_000;

/** When the proof should be ready, from the configured window, block time and depth; null when it is (or never will be). */
export function eventEta(event: EventRecord, settings: EventsSettings, now: Date): Date | null {
  const status = eventStatusView(event.status, event.batch?.status ?? null);
  const confirmMs = settings.expectedBlockTimeMs * (settings.confirmationDepth + 1);
  const later = (from: Date | null | undefined, ms: number) =>
    new Date(Math.max(now.getTime(), (from ?? now).getTime() + ms));
  switch (status) {
    case 'received':
      return new Date(later(event.createdAt, settings.batchWindowMs).getTime() + confirmMs + PROOF_BUILD_MS);
    case 'batched':
      return new Date(later(event.batch?.sealedAt, 0).getTime() + confirmMs + PROOF_BUILD_MS);
    case 'submitted':
      return later(event.batch?.submittedAt, confirmMs + PROOF_BUILD_MS);
    case 'anchored':
      return later(event.batch?.confirmedAt, PROOF_BUILD_MS);
    case 'proof_ready':
    case 'failed':
      return null;
  }
}
