import { ApiError } from '../../platform/errors/api-error';

export type ApiKeyErrorCode = 'api_key_not_found' | 'api_key_revoked' | 'api_key_limit_reached';

export const ApiKeyErrors = {
  notFound: () =>
    new ApiError({
      code: 'api_key_not_found',
      status: 404,
      title: 'API key not found',
      detail: 'No such API key in this tenant.',
    }),
  revoked: () =>
    new ApiError({
      code: 'api_key_revoked',
      status: 409,
      title: 'API key revoked',
      detail: 'This API key is already revoked and cannot be rotated.',
    }),
  limitReached: (limit: number) =>
    new ApiError({
      code: 'api_key_limit_reached',
      status: 409,
      title: 'API key limit reached',
      detail: `Your plan allows ${limit} active API keys; revoke one or upgrade the plan.`,
    }),
} as const;

export const API_KEY_PROBLEM_CODES = [
  { code: 'api_key_not_found', status: 404, title: 'API key not found' },
  { code: 'api_key_revoked', status: 409, title: 'API key revoked' },
  { code: 'api_key_limit_reached', status: 409, title: 'API key limit reached' },
] as const satisfies readonly { code: ApiKeyErrorCode; status: number; title: string }[];
