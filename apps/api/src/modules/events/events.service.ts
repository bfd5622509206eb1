import { Inject, Injectable } from '@nestjs/common';
import { digestLengthOf, isEventDigestAlgorithm, type EventDigestAlgorithm } from '@spv-cloud/chainweb';
import { JobProducer } from '@spv-cloud/queue';
import type { KeyObject } from 'node:crypto';
import { ClockRepository } from '../../platform/clock/clock.repository';
import type { InvalidParam } from '../../platform/errors/api-error';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { invalidParamsFromZod } from '../../platform/validation/zod-issues';
import { EventSubmission, type EventView, type SubmitEventsResponse } from './dto/event.schemas';
import { digestEventData } from './event-digester';
import { eventEta, eventStatusView } from './event-status';
import { EventErrors } from './events.errors';
import { EventsRepository, type NewEventRow } from './events.repository';
import { EVENTS_SETTINGS, type EventsSettings } from './events.settings';
import { ed25519PublicKey, submitterSignedMessage, verifySubmitterSignature } from './submitter-signature';
import { UuidV7Generator } from './uuid-v7.generator';

const MAX_REPORTED = 20;
const DEFAULT_DIGEST_ALGORITHM: EventDigestAlgorithm = 'sha256';

export interface IngestLimits {
  readonly maxEvents: number;
  /** How fields are named in errors: `body.events` (JSON) or `events` (NDJSON lines, in order). */
  readonly location: string;
}

/** Stored bytes of an event's newest proof, or why there is none yet. */
export type EventProofBytes =
  { readonly ready: true; readonly bytes: Buffer } | { readonly ready: false; readonly status: string };

/**
 * Event ingest (validate everything, store atomically, nudge the batcher) and event reads. Nothing
 * is stored unless every event of the request is valid.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly eventsRepository: EventsRepository,
    private readonly ids: UuidV7Generator,
    private readonly clock: ClockRepository,
    private readonly producer: JobProducer,
    @Inject(EVENTS_SETTINGS) private readonly settings: EventsSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async ingest(
    tenantId: string,
    submissions: readonly unknown[],
    limits: IngestLimits,
  ): Promise<SubmitEventsResponse> {
    if (submissions.length > limits.maxEvents)
      throw EventErrors.tooManyEvents(submissions.length, limits.maxEvents);
    if (submissions.length === 0) {
      throw PlatformErrors.validationFailed([
        { name: limits.location, reason: 'must hold at least one event' },
      ]);
    }
    const events = this.parseSubmissions(submissions, limits.location);
    const algorithm = await this.digestAlgorithm(tenantId);
    const digests = this.digestsOf(events, algorithm, limits.location);
    const now = this.clock.now();
    const signatures = await this.checkSignatures(tenantId, events, digests, now, limits.location);

    const ids = this.ids.many(events.length);
    const rows: NewEventRow[] = events.map((event, i) => ({
      id: ids[i]!,
      namespace: event.namespace,
      routingKey: event.routingKey ?? null,
      idempotencyKey: event.idempotencyKey ?? null,
      digest: digests[i]!,
      metadataJson: JSON.stringify(event.metadata ?? {}),
      signature: signatures[i] ?? null,
    }));
    const outcome = await this.eventsRepository.insertEvents(tenantId, algorithm, rows, {
      timeoutMs: this.settings.ingestTimeoutMs,
    });
    switch (outcome.kind) {
      case 'idempotency_conflict':
        throw EventErrors.idempotencyKeyConflict(
          outcome.positions.slice(0, MAX_REPORTED).map((i) => ({
            name: `${limits.location}.${i}.idempotencyKey`,
            reason: 'names a stored event with another digest or namespace',
          })),
        );
      case 'nonce_replayed':
        throw EventErrors.nonceReplayed(
          outcome.positions.slice(0, MAX_REPORTED).map((i) => ({
            name: `${limits.location}.${i}.signature.nonce`,
            reason: 'was already used with this submitter key',
          })),
        );
      case 'stored':
        break;
    }
    if (outcome.insertedCount > 0) {
      // The events are durable; a lost nudge only delays them until the worker's sweep.
      await this.producer.eventsReceived(tenantId).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not nudge the batcher; the sweep will pick the events up');
      });
    }
    return {
      events: outcome.events.map((state) => ({
        id: state.id,
        status: eventStatusView(state.status, state.batchStatus),
      })),
    };
  }

  async get(tenantId: string, eventId: string): Promise<EventView> {
    const event = await this.eventsRepository.find(tenantId, eventId);
    if (!event) throw EventErrors.eventNotFound();
    const eta = eventEta(event, this.settings, this.clock.now());
    return {
      id: event.id,
      status: eventStatusView(event.status, event.batch?.status ?? null),
      batchId: event.batchId,
      eta: eta?.toISOString() ?? null,
      namespace: event.namespace,
      digestAlgorithm: event.digestAlgorithm,
      digest: Buffer.from(event.digest).toString('hex'),
      createdAt: event.createdAt.toISOString(),
      anchoredAt: event.anchoredAt?.toISOString() ?? null,
    };
  }

  async proofBytes(tenantId: string, eventId: string): Promise<EventProofBytes> {
    const event = await this.eventsRepository.find(tenantId, eventId);
    if (!event) throw EventErrors.eventNotFound();
    const status = eventStatusView(event.status, event.batch?.status ?? null);
    if (status !== 'proof_ready') return { ready: false, status };
    const bytes = await this.eventsRepository.latestProofBytes(tenantId, eventId);
    // An anchored event always has a ready proof; between a fork and the re-anchor it may not.
    return bytes ? { ready: true, bytes } : { ready: false, status: 'anchored' };
  }

  private parseSubmissions(submissions: readonly unknown[], location: string): EventSubmission[] {
    const events = new Array<EventSubmission>(submissions.length);
    const invalid: InvalidParam[] = [];
    for (let i = 0; i < submissions.length; i++) {
      const parsed = EventSubmission.safeParse(submissions[i]);
      if (parsed.success) events[i] = parsed.data;
      else if (invalid.length < MAX_REPORTED)
        invalid.push(...invalidParamsFromZod(parsed.error, `${location}.${i}`));
    }
    if (invalid.length > 0) throw PlatformErrors.validationFailed(invalid.slice(0, MAX_REPORTED));
    return events;
  }

  private async digestAlgorithm(tenantId: string): Promise<EventDigestAlgorithm> {
    const setting = await this.eventsRepository.digestAlgorithmSetting(tenantId);
    if (setting === null || setting === undefined) return DEFAULT_DIGEST_ALGORITHM;
    if (!isEventDigestAlgorithm(setting))
      throw EventErrors.digestAlgorithmUnsupported(JSON.stringify(setting));
    return setting;
  }

  private digestsOf(
    events: readonly EventSubmission[],
    algorithm: EventDigestAlgorithm,
    location: string,
  ): Buffer[] {
    const length = digestLengthOf(algorithm);
    const mismatched: InvalidParam[] = [];
    const digests = events.map((event, i) => {
      if (event.data !== undefined) return digestEventData(algorithm, event.data);
      const digest = Buffer.from(event.digest!, 'hex');
      if (digest.length !== length && mismatched.length < MAX_REPORTED) {
        mismatched.push({
          name: `${location}.${i}.digest`,
          reason: `is ${digest.length} bytes; ${algorithm} digests are ${length} bytes (${length * 2} hex characters)`,
        });
      }
      return digest;
    });
    if (mismatched.length > 0) throw EventErrors.digestLengthMismatch(mismatched);
    return digests;
  }

  private async checkSignatures(
    tenantId: string,
    events: readonly EventSubmission[],
    digests: readonly Buffer[],
    now: Date,
    location: string,
  ): Promise<(NewEventRow['signature'] | undefined)[]> {
    const keyIds = [...new Set(events.flatMap((event) => (event.signature ? [event.signature.keyId] : [])))];
    if (keyIds.length === 0) return [];
    const keys = new Map<string, KeyObject>();
    for (const key of await this.eventsRepository.findSubmitterKeys(tenantId, keyIds)) {
      if (key.revokedAt === null || key.revokedAt > now) keys.set(key.id, ed25519PublicKey(key.publicKey));
    }
    const unknown: InvalidParam[] = [];
    const expired: InvalidParam[] = [];
    const invalid: InvalidParam[] = [];
    const replayed: InvalidParam[] = [];
    const seenNonces = new Set<string>();
    const skew = this.settings.signatureMaxSkewMs;
    const result = events.map((event, i): NewEventRow['signature'] | undefined => {
      const signature = event.signature;
      if (!signature) return undefined;
      const at = `${location}.${i}.signature`;
      const key = keys.get(signature.keyId);
      if (!key) {
        unknown.push({ name: `${at}.keyId`, reason: 'is not an active submitter key of this tenant' });
        return undefined;
      }
      if (Math.abs(signature.timestamp - now.getTime()) > skew) {
        expired.push({
          name: `${at}.timestamp`,
          reason: `must be within ${skew / 1000} s of the server time`,
        });
        return undefined;
      }
      const value = Buffer.from(signature.value, 'hex');
      if (
        !verifySubmitterSignature(
          key,
          submitterSignedMessage(digests[i]!, signature.timestamp, signature.nonce),
          value,
        )
      ) {
        invalid.push({
          name: `${at}.value`,
          reason: 'does not verify over digest ‖ timestamp ‖ nonce with this key',
        });
        return undefined;
      }
      const nonceId = `${signature.keyId}\n${signature.nonce}`;
      if (seenNonces.has(nonceId)) {
        replayed.push({ name: `${at}.nonce`, reason: 'is used twice in this request' });
        return undefined;
      }
      seenNonces.add(nonceId);
      return {
        keyId: signature.keyId,
        value,
        nonce: signature.nonce,
        signedAt: new Date(signature.timestamp),
        nonceExpiresAt: new Date(signature.timestamp + skew),
      };
    });
    if (unknown.length > 0) throw EventErrors.submitterKeyUnknown(unknown.slice(0, MAX_REPORTED));
    if (expired.length > 0) throw EventErrors.signatureExpired(expired.slice(0, MAX_REPORTED));
    if (invalid.length > 0) throw EventErrors.signatureInvalid(invalid.slice(0, MAX_REPORTED));
    if (replayed.length > 0) throw EventErrors.nonceReplayed(replayed.slice(0, MAX_REPORTED));
    return result;
  }
}
