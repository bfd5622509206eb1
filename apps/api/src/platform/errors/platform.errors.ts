import { ApiError, type InvalidParam } from './api-error';

/** Codes raised by the HTTP/GraphQL platform itself rather than by a feature module. */
export type PlatformErrorCode =
  | 'malformed_json'
  | 'bad_request'
  | 'malformed_graphql'
  | 'validation_failed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'uri_too_long'
  | 'unauthenticated'
  | 'forbidden'
  | 'insufficient_scope'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

export const PlatformErrors = {
  malformedJson: (detail = 'The request body is not valid JSON.') =>
    new ApiError({ code: 'malformed_json', status: 400, title: 'Malformed JSON', detail }),
  badRequest: (status: number) =>
    new ApiError({ code: 'bad_request', status, title: 'Bad request', detail: 'The request was rejected.' }),
  malformedGraphql: (detail: string) =>
    new ApiError({ code: 'malformed_graphql', status: 400, title: 'Malformed GraphQL request', detail }),
  validationFailed: (invalidParams: readonly InvalidParam[]) =>
    new ApiError({
      code: 'validation_failed',
      status: 400,
      title: 'Validation failed',
      detail:
        invalidParams.map((param) => `${param.name}: ${param.reason}`).join('; ') ||
        'The request is invalid.',
      invalidParams,
    }),
  unsupportedMediaType: () =>
    new ApiError({
      code: 'unsupported_media_type',
      status: 415,
      title: 'Unsupported media type',
      detail: 'Request bodies must be application/json.',
    }),
  payloadTooLarge: (limitBytes: number) =>
    new ApiError({
      code: 'payload_too_large',
      status: 413,
      title: 'Payload too large',
      detail: `The request body exceeds the limit of ${limitBytes} bytes.`,
    }),
  uriTooLong: () =>
    new ApiError({
      code: 'uri_too_long',
      status: 414,
      title: 'URI too long',
      detail: 'A path segment of the URL is longer than any identifier this API uses.',
    }),
  notFound: (what = 'The requested resource') =>
    new ApiError({ code: 'not_found', status: 404, title: 'Not found', detail: `${what} does not exist.` }),
  methodNotAllowed: () =>
    new ApiError({
      code: 'method_not_allowed',
      status: 405,
      title: 'Method not allowed',
      detail: 'This method is not allowed on this resource.',
    }),
  unauthenticated: (logReason: string, detail = 'Missing or invalid credentials.') =>
    new ApiError({ code: 'unauthenticated', status: 401, title: 'Unauthenticated', detail, logReason }),
  forbidden: (detail: string) => new ApiError({ code: 'forbidden', status: 403, title: 'Forbidden', detail }),
  insufficientScope: (scope: string) =>
    new ApiError({
      code: 'insufficient_scope',
      status: 403,
      title: 'Insufficient scope',
      detail: `This API key lacks the '${scope}' scope.`,
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiError({
      code: 'rate_limited',
      status: 429,
      title: 'Too many requests',
      detail: `Rate limit exceeded; retry after ${retryAfterSeconds} s.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  serviceUnavailable: (detail: string) =>
    new ApiError({ code: 'service_unavailable', status: 503, title: 'Service unavailable', detail }),
  internal: () =>
    new ApiError({
      code: 'internal_error',
      status: 500,
      title: 'Internal server error',
      detail: 'An unexpected error occurred; quote the requestId when reporting it.',
    }),
} as const;

/** Documented on the docs page and in `x-problem-codes` of the OpenAPI document. */
export const PLATFORM_PROBLEM_CODES = [
  { code: 'malformed_json', status: 400, title: 'Malformed JSON' },
  { code: 'malformed_graphql', status: 400, title: 'Malformed GraphQL request' },
  { code: 'bad_request', status: 400, title: 'Bad request' },
  { code: 'validation_failed', status: 400, title: 'Validation failed' },
  { code: 'unauthenticated', status: 401, title: 'Unauthenticated' },
  { code: 'forbidden', status: 403, title: 'Forbidden' },
  { code: 'insufficient_scope', status: 403, title: 'Insufficient scope' },
  { code: 'not_found', status: 404, title: 'Not found' },
  { code: 'method_not_allowed', status: 405, title: 'Method not allowed' },
  { code: 'payload_too_large', status: 413, title: 'Payload too large' },
  { code: 'uri_too_long', status: 414, title: 'URI too long' },
  { code: 'unsupported_media_type', status: 415, title: 'Unsupported media type' },
  { code: 'rate_limited', status: 429, title: 'Too many requests' },
  { code: 'internal_error', status: 500, title: 'Internal server error' },
  { code: 'service_unavailable', status: 503, title: 'Service unavailable' },
] as const satisfies readonly { code: PlatformErrorCode; status: number; title: string }[];
