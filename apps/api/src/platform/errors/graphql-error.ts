import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentRequestContext, type Logger } from '@spv-cloud/observability';
import type { ApiError } from './api-error';

/** GraphQL's face of an ApiError: same code in `extensions.code`, plus status and requestId. */
export function toGraphqlError(apiError: ApiError): GraphQLError {
  return new GraphQLError(apiError.detail, {
    extensions: {
      code: apiError.code,
      status: apiError.status,
      title: apiError.title,
      requestId: currentRequestContext()?.requestId ?? null,
      ...(apiError.invalidParams?.length ? { invalidParams: apiError.invalidParams } : {}),
    },
  });
}

/** Apollo's own codes (parse/validation failures) mapped onto ours; anything else is internal. */
const APOLLO_CODES: Readonly<Record<string, { code: string; status: number }>> = {
  GRAPHQL_PARSE_FAILED: { code: 'malformed_graphql', status: 400 },
  GRAPHQL_VALIDATION_FAILED: { code: 'validation_failed', status: 400 },
  BAD_USER_INPUT: { code: 'validation_failed', status: 400 },
  BAD_REQUEST: { code: 'malformed_graphql', status: 400 },
  OPERATION_RESOLUTION_FAILURE: { code: 'malformed_graphql', status: 400 },
  PERSISTED_QUERY_NOT_FOUND: { code: 'malformed_graphql', status: 400 },
  PERSISTED_QUERY_NOT_SUPPORTED: { code: 'malformed_graphql', status: 400 },
};

/**
 * Apollo `formatError`: the last gate before a GraphQL error reaches a client. Errors that are
 * neither ours nor Apollo's request errors are logged and answered as `internal_error`.
 */
export function createGraphqlErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError =>
    formatGraphqlError(formatted, original, logger);
}

function formatGraphqlError(
  formatted: GraphQLFormattedError,
  original: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const requestId = currentRequestContext()?.requestId ?? null;
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  if (code && typeof extensions.status === 'number' && 'title' in extensions) {
    // Already one of ours (built by toGraphqlError).
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...extensions, requestId },
    };
  }
  const known = code ? APOLLO_CODES[code] : undefined;
  if (known) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: known.code, status: known.status, requestId },
    };
  }
  logger.error({ err: unwrapResolverError(original) }, 'graphql request failed');
  return {
    message: 'An unexpected error occurred; quote the requestId when reporting it.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'internal_error', status: 500, requestId },
  };
}
