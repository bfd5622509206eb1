import { z } from 'zod';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';

/** Events accepted by one JSON request; NDJSON uploads take more (EventsSettings.ndjsonMaxEvents). */
export const MAX_EVENTS_PER_JSON_REQUEST = 10_000;
export const MAX_METADATA_BYTES = 4_096;
export const MAX_DATA_LENGTH = 65_536;

const HEX_BYTES = /^(?:[0-9a-fA-F]{2})+$/;

export const EventNamespace = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/,
    'must be 1-128 characters of A-Z a-z 0-9 . _ : / - (starting with a letter or digit)',
  );

export const EventSignatureInput = z
  .strictObject({
    keyId: z.uuid({ error: 'must be the id of a registered submitter key' }),
    timestamp: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .describe('Milliseconds since the epoch; signed as an 8-byte big-endian integer.'),
    nonce: z
      .string()
      .regex(/^[\x21-\x7e]{8,128}$/, 'must be 8-128 printable ASCII characters')
      .describe('Unique per submitter key; signed as its ASCII bytes.'),
    value: z.string().regex(/^[0-9a-fA-F]{128}$/, 'must be an ed25519 signature: 64 bytes of hex'),
  })
  .describe('ed25519 signature over digest ‖ u64be(timestamp) ‖ nonce with a registered submitter key.')
  .meta({ id: 'EventSignature' });
export type EventSignatureInput = z.output<typeof EventSignatureInput>;

export const EventSubmission = z
  .strictObject({
    digest: z
      .string()
      .max(128, 'must be at most 64 bytes of hex')
      .regex(HEX_BYTES, 'must be hex (an even number of 0-9 a-f)')
      .optional()
      .describe("The event's digest in hex; its length must match the tenant's eventDigestAlgorithm."),
    data: z
      .string()
      .max(MAX_DATA_LENGTH, `must be at most ${MAX_DATA_LENGTH} characters`)
      .optional()
      .describe("Raw data hashed server-side (UTF-8) with the tenant's eventDigestAlgorithm; never stored."),
    namespace: EventNamespace.default('default'),
    routingKey: z
      .string()
      .min(1)
      .max(256, 'must be at most 256 characters')
      .optional()
      .describe('Chooses the anchoring chain (consistent hashing); events with the same key share a chain.'),
    idempotencyKey: z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters')
      .optional()
      .describe('Resubmitting an event with the same key returns the first one instead of storing it again.'),
    metadata: z
      .record(z.string(), z.json())
      .optional()
      .refine(
        (value) => value === undefined || Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES,
        {
          message: `must be at most ${MAX_METADATA_BYTES} bytes of JSON`,
        },
      ),
    signature: EventSignatureInput.optional(),
  })
  .refine((event) => (event.digest === undefined) !== (event.data === undefined), {
    message: 'give exactly one of digest or data',
    path: ['digest'],
  })
  .meta({ id: 'EventSubmission' });
export type EventSubmission = z.output<typeof EventSubmission>;

export const SubmitEventsBody = z
  .strictObject({ events: z.array(EventSubmission).min(1).max(MAX_EVENTS_PER_JSON_REQUEST) })
  .describe(
    'JSON: {"events": [...]} with up to 10,000 events. For larger uploads send application/x-ndjson, one event object per line.',
  )
  .meta({ id: 'SubmitEventsRequest' });

export const EVENT_STATUSES = [
  'received',
  'batched',
  'submitted',
  'anchored',
  'proof_ready',
  'failed',
] as const;
export type EventStatusView = (typeof EVENT_STATUSES)[number];

export const AcceptedEvent = z
  .object({ id: z.uuid(), status: z.enum(EVENT_STATUSES) })
  .meta({ id: 'AcceptedEvent' });
export type AcceptedEvent = z.output<typeof AcceptedEvent>;

export const SubmitEventsResponse = z
  .object({ events: z.array(AcceptedEvent).describe('One entry per submitted event, in request order.') })
  .meta({ id: 'SubmitEventsResponse' });
export type SubmitEventsResponse = z.output<typeof SubmitEventsResponse>;

export const EventIdParams = z.strictObject({ id: ResourceId });

export const EventView = z
  .object({
    id: z.uuid(),
    status: z.enum(EVENT_STATUSES),
    batchId: z.uuid().nullable(),
    eta: Timestamp.nullable().describe(
      'When the proof is expected to be ready; null once it is (or if anchoring failed).',
    ),
    namespace: z.string(),
    digestAlgorithm: z.string(),
    digest: z.string().describe('hex'),
    createdAt: Timestamp,
    anchoredAt: Timestamp.nullable(),
  })
  .meta({ id: 'Event' });
export type EventView = z.output<typeof EventView>;

export const AnchoredEventProofDocument = z
  .looseObject({
    type: z.literal('spv-cloud/anchored-event-proof'),
    version: z.number(),
  })
  .describe('The anchored event proof JSON of libs/chainweb (verifiable offline with `spv verify`).')
  .meta({ id: 'AnchoredEventProof' });
