import type { ApiSettings } from '../../platform/config/api-settings';

/** What the events module needs beyond the platform settings. */
export interface EventsSettings {
  /** Events one NDJSON upload may carry (JSON bodies take at most 10,000). */
  readonly ndjsonMaxEvents: number;
  /** Bytes one NDJSON upload may carry (it is streamed, not bound by the JSON body limit). */
  readonly ndjsonMaxBytes: number;
  /** How far a submitter signature's timestamp may be from the server's clock. */
  readonly signatureMaxSkewMs: number;
  /** Longest an ingest transaction may run. */
  readonly ingestTimeoutMs: number;
  /** For ETAs: the worker's batch window, the chain's block time and the confirmation depth. */
  readonly batchWindowMs: number;
  readonly expectedBlockTimeMs: number;
  readonly confirmationDepth: number;
  /** BullMQ connection of the producers (same Redis and prefix as the worker). */
  readonly queue: { readonly redisUrl: string; readonly prefix: string };
}

export const EVENTS_SETTINGS = Symbol('EventsSettings');

export const DEFAULT_EVENTS_SETTINGS = {
  ndjsonMaxEvents: 100_000,
  ndjsonMaxBytes: 64 * 1024 * 1024,
  signatureMaxSkewMs: 5 * 60_000,
  ingestTimeoutMs: 60_000,
  batchWindowMs: 1_000,
  expectedBlockTimeMs: 30_000,
  confirmationDepth: 6,
} as const;

/** BullMQ's key prefix under the deployment's Redis prefix (`spv:` → `spv:bull`). */
export function bullPrefixOf(redisKeyPrefix: string): string {
  return `${redisKeyPrefix.replace(/:+$/, '')}:bull`;
}

/**
 * The events settings of an API process: its platform settings, plus an optional `events` section
 * (wired by main.ts from @spv-cloud/config once the lead adds it) over the defaults.
 */
export function eventsSettingsFrom(
  api: ApiSettings & { readonly events?: Partial<EventsSettings> },
): EventsSettings {
  return {
    ...DEFAULT_EVENTS_SETTINGS,
    queue: { redisUrl: api.redisUrl, prefix: bullPrefixOf(api.redisKeyPrefix) },
    ...(api.events ?? {}),
  };
}
