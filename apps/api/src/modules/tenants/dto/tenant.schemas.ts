import { z } from 'zod';
import { ROLES } from '../../../platform/auth/permissions';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const RoleSchema = z.enum(ROLES);

export const TenantName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** Compared and stored lower-cased and trimmed, as the users table expects. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an e-mail address' }));

const SettingValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const TenantView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    plan: z.enum(['free', 'pro', 'enterprise']),
    status: z.enum(['active', 'suspended', 'deleted']),
    settings: z.record(z.string(), SettingValue),
    createdAt: Timestamp,
  })
  .meta({ id: 'Tenant' });
export type TenantView = z.output<typeof TenantView>;

export const UpdateTenantBody = z
  .strictObject({
    name: TenantName.optional(),
    settings: z
      .record(
        z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/, 'setting names are 1–64 letters, digits, _ . -'),
        SettingValue,
      )
      .refine((settings) => Object.keys(settings).length <= 50, 'at most 50 settings')
      .optional()
      .describe('Merged into the current settings; a null value removes a setting.'),
  })
  .refine((body) => body.name !== undefined || body.settings !== undefined, 'name or settings is required')
  .meta({ id: 'UpdateTenantRequest' });
export type UpdateTenantBody = z.output<typeof UpdateTenantBody>;

export const MemberView = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    displayName: z.string().nullable(),
    role: RoleSchema,
    joinedAt: Timestamp,
  })
  .meta({ id: 'Member' });
export type MemberView = z.output<typeof MemberView>;

export const MemberList = z.object({ items: z.array(MemberView) }).meta({ id: 'MemberList' });

export const InviteMemberBody = z
  .strictObject({ email: Email, role: RoleSchema })
  .meta({ id: 'InviteMemberRequest' });
export type InviteMemberBody = z.output<typeof InviteMemberBody>;

export const InvitationView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: Timestamp,
    createdAt: Timestamp,
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.output<typeof InvitationView>;

export const CreatedInvitation = InvitationView.extend({
  token: z
    .string()
    .describe('Secret the invitee passes to POST /v1/auth/accept-invitation. Shown only in this response.'),
}).meta({ id: 'CreatedInvitation' });
export type CreatedInvitation = z.output<typeof CreatedInvitation>;

export const InvitationList = z.object({ items: z.array(InvitationView) }).meta({ id: 'InvitationList' });

export const ChangeRoleBody = z.strictObject({ role: RoleSchema }).meta({ id: 'ChangeMemberRoleRequest' });
export type ChangeRoleBody = z.output<typeof ChangeRoleBody>;

export const MemberParams = z.strictObject({ userId: ResourceId });
export const InvitationParams = z.strictObject({ id: ResourceId });
