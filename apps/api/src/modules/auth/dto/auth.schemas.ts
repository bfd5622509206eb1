import { z } from 'zod';
import { Email, TenantName } from '../../tenants/dto/tenant.schemas';

/** Long passphrases welcome; the upper bound keeps argon2 input (and request size) sane. */
const NewPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');
const AnyPassword = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const SignupBody = z
  .strictObject({ email: Email, password: NewPassword, tenantName: TenantName })
  .meta({ id: 'SignupRequest' });
export type SignupBody = z.output<typeof SignupBody>;

export const LoginBody = z
  .strictObject({
    email: Email,
    password: AnyPassword,
    tenantId: z
      .uuid()
      .optional()
      .describe('Which tenant to open a session for; defaults to the oldest membership.'),
  })
  .meta({ id: 'LoginRequest' });
export type LoginBody = z.output<typeof LoginBody>;

export const RefreshBody = z
  .strictObject({ refreshToken: z.string().min(1).max(200) })
  .meta({ id: 'RefreshRequest' });
export type RefreshBody = z.output<typeof RefreshBody>;

export const LogoutBody = RefreshBody;

export const AcceptInvitationBody = z
  .strictObject({
    token: z.string().min(1).max(200),
    password: AnyPassword.describe("The existing account's password, or the new account's (12+ characters)."),
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .meta({ id: 'AcceptInvitationRequest' });
export type AcceptInvitationBody = z.output<typeof AcceptInvitationBody>;

export const AuthSession = z
  .object({
    accessToken: z.string().describe('JWT for `Authorization: Bearer`; short-lived.'),
    refreshToken: z.string().describe('Single-use; exchange at /v1/auth/refresh for a new pair.'),
    expiresIn: z.number().int().describe('Access token lifetime in seconds.'),
    user: z.object({ id: z.uuid(), email: z.string() }),
    tenant: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'AuthSession' });
export type AuthSession = z.output<typeof AuthSession>;

export const WhoAmI = z
  .object({
    kind: z.enum(['user', 'api_key']),
    tenantId: z.uuid(),
    userId: z.uuid().nullable(),
    role: z.string().nullable(),
    apiKeyId: z.uuid().nullable(),
    scopes: z.array(z.string()).nullable(),
    plan: z.string(),
  })
  .meta({ id: 'WhoAmI' });
export type WhoAmI = z.output<typeof WhoAmI>;
