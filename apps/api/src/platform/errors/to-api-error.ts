import { HttpException } from '@nestjs/common';
import { ApiError } from './api-error';
import { PlatformErrors } from './platform.errors';

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
}

/**
 * Maps anything thrown while serving a request to the ApiError the client sees. Errors the platform
 * recognises keep their meaning (bad JSON, too large, unknown route); anything unrecognised becomes
 * `internal_error` so no internal message ever reaches a client.
 */
export function toApiError(error: unknown, bodyLimitBytes: number): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own 4xx errors (body parsing, media type) with the original as cause.
    const fromCause = error.cause ? fromFastifyError(error.cause, bodyLimitBytes) : undefined;
    return fromCause ?? fromHttpException(error);
  }
  return fromFastifyError(error, bodyLimitBytes) ?? PlatformErrors.internal();
}

function fromFastifyError(error: unknown, bodyLimitBytes: number): ApiError | undefined {
  if (typeof error === 'object' && error !== null) {
    const { code, statusCode } = error as FastifyLikeError;
    switch (code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return PlatformErrors.malformedJson();
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return PlatformErrors.payloadTooLarge(bodyLimitBytes);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_TYPE':
        return PlatformErrors.unsupportedMediaType();
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return PlatformErrors.malformedJson('The Content-Length header does not match the body.');
      case 'FST_ERR_BAD_URL':
      case 'FST_ERR_INVALID_URL':
        return PlatformErrors.badRequest(400);
      case 'FST_ERR_MAX_PARAM_LENGTH':
        return PlatformErrors.uriTooLong();
      default:
        break;
    }
    // JSON.parse's SyntaxError surfaces with statusCode 400 from Fastify's parser.
    if (error instanceof SyntaxError && statusCode === 400) return PlatformErrors.malformedJson();
  }
  return undefined;
}

function fromHttpException(error: HttpException): ApiError {
  const status = error.getStatus();
  switch (status) {
    case 404:
      return PlatformErrors.notFound();
    case 405:
      return PlatformErrors.methodNotAllowed();
    case 413:
      return PlatformErrors.payloadTooLarge(0);
    case 415:
      return PlatformErrors.unsupportedMediaType();
    case 401:
      return PlatformErrors.unauthenticated('http_exception');
    case 403:
      return PlatformErrors.forbidden('You are not allowed to perform this action.');
    default:
      return status >= 400 && status < 500 ? PlatformErrors.badRequest(status) : PlatformErrors.internal();
  }
}
