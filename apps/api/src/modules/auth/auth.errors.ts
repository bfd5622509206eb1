import { ApiError } from '../../platform/errors/api-error';

export type AuthErrorCode =
  | 'invalid_credentials'
  | 'email_taken'
  | 'no_membership'
  | 'invalid_refresh_token'
  | 'refresh_token_reused'
  | 'invitation_invalid';

export const AuthErrors = {
  invalidCredentials: (logReason: string) =>
    new ApiError({
      code: 'invalid_credentials',
      status: 401,
      title: 'Invalid credentials',
      detail: 'The e-mail address or password is wrong.',
      logReason,
    }),
  emailTaken: () =>
    new ApiError({
      code: 'email_taken',
      status: 409,
      title: 'E-mail address taken',
      detail: 'An account with this e-mail address exists; log in instead.',
    }),
  noMembership: () =>
    new ApiError({
      code: 'no_membership',
      status: 403,
      title: 'No tenant',
      detail: 'This account is not a member of any active tenant.',
    }),
  invalidRefreshToken: (logReason: string) =>
    new ApiError({
      code: 'invalid_refresh_token',
      status: 401,
      title: 'Invalid refresh token',
      detail: 'The refresh token is unknown, expired or revoked; log in again.',
      logReason,
    }),
  refreshTokenReused: () =>
    new ApiError({
      code: 'refresh_token_reused',
      status: 401,
      title: 'Refresh token reused',
      detail:
        'This refresh token was already used; every session of its family is now revoked. Log in again.',
      logReason: 'refresh token reuse: family revoked',
    }),
  invitationInvalid: () =>
    new ApiError({
      code: 'invitation_invalid',
      status: 400,
      title: 'Invalid invitation',
      detail: 'The invitation is unknown, expired, revoked or already accepted.',
    }),
} as const;

export const AUTH_PROBLEM_CODES = [
  { code: 'invalid_credentials', status: 401, title: 'Invalid credentials' },
  { code: 'email_taken', status: 409, title: 'E-mail address taken' },
  { code: 'no_membership', status: 403, title: 'No tenant' },
  { code: 'invalid_refresh_token', status: 401, title: 'Invalid refresh token' },
  { code: 'refresh_token_reused', status: 401, title: 'Refresh token reused' },
  { code: 'invitation_invalid', status: 400, title: 'Invalid invitation' },
] as const satisfies readonly { code: AuthErrorCode; status: number; title: string }[];
