import { ApiError, type InvalidParam } from '../../platform/errors/api-error';

export type EventErrorCode =
  | 'too_many_events'
  | 'digest_length_mismatch'
  | 'malformed_ndjson'
  | 'submitter_key_unknown'
  | 'signature_invalid'
  | 'signature_expired'
  | 'nonce_replayed'
  | 'idempotency_key_conflict'
  | 'digest_algorithm_unsupported'
  | 'event_not_found'
  | 'proof_not_ready'
  | 'submitter_key_not_found'
  | 'submitter_key_exists'
  | 'submitter_key_limit_reached';

function detailOf(params: readonly InvalidParam[]): string {
  return params.map((param) => `${param.name}: ${param.reason}`).join('; ');
}

/** Event ingest and read errors. Field-level ones name every offending field in `invalidParams`. */
export const EventErrors = {
  tooManyEvents: (count: number, limit: number) =>
    new ApiError({
      code: 'too_many_events',
      status: 413,
      title: 'Too many events',
      detail: `The request holds ${count} events; at most ${limit} are accepted per request.`,
      invalidParams: [{ name: 'body.events', reason: `at most ${limit} events per request` }],
    }),
  digestLengthMismatch: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'digest_length_mismatch',
      status: 400,
      title: 'Wrong digest length',
      detail: detailOf(params),
      invalidParams: params,
    }),
  malformedNdjson: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'malformed_ndjson',
      status: 400,
      title: 'Malformed NDJSON',
      detail: detailOf(params),
      invalidParams: params,
    }),
  submitterKeyUnknown: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'submitter_key_unknown',
      status: 400,
      title: 'Unknown submitter key',
      detail: detailOf(params),
      invalidParams: params,
    }),
  signatureInvalid: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'signature_invalid',
      status: 400,
      title: 'Invalid submitter signature',
      detail: detailOf(params),
      invalidParams: params,
    }),
  signatureExpired: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'signature_expired',
      status: 400,
      title: 'Submitter signature outside the accepted time window',
      detail: detailOf(params),
      invalidParams: params,
    }),
  nonceReplayed: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'nonce_replayed',
      status: 409,
      title: 'Replayed nonce',
      detail: detailOf(params),
      invalidParams: params,
    }),
  idempotencyKeyConflict: (params: readonly InvalidParam[]) =>
    new ApiError({
      code: 'idempotency_key_conflict',
      status: 409,
      title: 'Idempotency key reused for another event',
      detail: detailOf(params),
      invalidParams: params,
    }),
  digestAlgorithmUnsupported: (algorithm: string) =>
    new ApiError({
      code: 'digest_algorithm_unsupported',
      status: 409,
      title: 'Unsupported digest algorithm',
      detail: `The tenant setting eventDigestAlgorithm (${JSON.stringify(algorithm).slice(0, 80)}) names no supported algorithm.`,
    }),
  eventNotFound: () =>
    new ApiError({
      code: 'event_not_found',
      status: 404,
      title: 'Event not found',
      detail: 'No such event in this tenant.',
    }),
  proofNotReady: (status: string) =>
    new ApiError({
      code: 'proof_not_ready',
      status: 409,
      title: 'Proof not ready',
      detail: `The event is ${status}; its proof is available once the status is proof_ready.`,
    }),
  submitterKeyNotFound: () =>
    new ApiError({
      code: 'submitter_key_not_found',
      status: 404,
      title: 'Submitter key not found',
      detail: 'No such submitter key in this tenant.',
    }),
  submitterKeyExists: () =>
    new ApiError({
      code: 'submitter_key_exists',
      status: 409,
      title: 'Submitter key already registered',
      detail: 'This public key is already registered for this tenant.',
    }),
  submitterKeyLimitReached: (limit: number) =>
    new ApiError({
      code: 'submitter_key_limit_reached',
      status: 409,
      title: 'Submitter key limit reached',
      detail: `A tenant may have ${limit} active submitter keys; revoke one first.`,
    }),
} as const;

export const EVENT_PROBLEM_CODES = [
  { code: 'too_many_events', status: 413, title: 'Too many events' },
  { code: 'digest_length_mismatch', status: 400, title: 'Wrong digest length' },
  { code: 'malformed_ndjson', status: 400, title: 'Malformed NDJSON' },
  { code: 'submitter_key_unknown', status: 400, title: 'Unknown submitter key' },
  { code: 'signature_invalid', status: 400, title: 'Invalid submitter signature' },
  { code: 'signature_expired', status: 400, title: 'Submitter signature outside the accepted time window' },
  { code: 'nonce_replayed', status: 409, title: 'Replayed nonce' },
  { code: 'idempotency_key_conflict', status: 409, title: 'Idempotency key reused for another event' },
  { code: 'digest_algorithm_unsupported', status: 409, title: 'Unsupported digest algorithm' },
  { code: 'event_not_found', status: 404, title: 'Event not found' },
  { code: 'proof_not_ready', status: 409, title: 'Proof not ready' },
  { code: 'submitter_key_not_found', status: 404, title: 'Submitter key not found' },
  { code: 'submitter_key_exists', status: 409, title: 'Submitter key already registered' },
  { code: 'submitter_key_limit_reached', status: 409, title: 'Submitter key limit reached' },
] as const satisfies readonly { code: EventErrorCode; status: number; title: string }[];
