import type { Problem } from './generated/openapi-types';

/**
 * Codes the client itself produces, besides the API's problem codes (`validation_failed`,
 * `not_found`, `rate_limited`, …, listed in the document's `x-problem-codes`).
 * - `network_error`: no answer (offline, DNS, connection refused, CORS).
 * - `not_signed_in`: a call needs a user session and there is none (or it just ended).
 * - `unexpected_response`: an answer that is neither the documented success nor a problem document.
 */
export type ClientErrorCode = 'network_error' | 'not_signed_in' | 'unexpected_response';

/** A failed call: the API's RFC 9457 problem document, or one of the client's own codes. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** Machine-readable: an API problem code or a {@link ClientErrorCode}. */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** The API's request id, to quote in a support request. */
  readonly requestId: string | undefined;
  /** Which input fields were rejected and why (`validation_failed`). */
  readonly invalidParams: readonly { name: string; reason: string }[];
  /** Seconds to wait before retrying, from `Retry-After` (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail: string;
    requestId?: string | undefined;
    invalidParams?: readonly { name: string; reason: string }[] | undefined;
    retryAfterSeconds?: number | undefined;
    cause?: unknown;
  }) {
    super(init.detail || init.title, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.invalidParams = init.invalidParams ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  static fromProblem(problem: Problem, retryAfterSeconds?: number): ApiError {
    return new ApiError({ ...problem, retryAfterSeconds });
  }

  static network(cause: unknown): ApiError {
    return new ApiError({
      status: 0,
      code: 'network_error',
      title: 'The API could not be reached',
      detail: 'No answer from the API: check the connection and try again.',
      cause,
    });
  }

  static notSignedIn(detail = 'Sign in to continue.'): ApiError {
    return new ApiError({ status: 401, code: 'not_signed_in', title: 'Not signed in', detail });
  }

  static unexpected(status: number, detail: string, requestId?: string): ApiError {
    return new ApiError({
      status,
      code: 'unexpected_response',
      title: 'Unexpected answer from the API',
      detail,
      requestId,
    });
  }
}

/** Whether `value` has the shape of the API's problem document. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.code === 'string' &&
    typeof record.status === 'number' &&
    typeof record.title === 'string' &&
    typeof record.detail === 'string'
  );
}
