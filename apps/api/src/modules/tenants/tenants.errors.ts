import { ApiError } from '../../platform/errors/api-error';

export type TenantErrorCode =
  'member_not_found' | 'invitation_not_found' | 'already_member' | 'last_owner' | 'owner_required';

export const TenantErrors = {
  memberNotFound: () =>
    new ApiError({
      code: 'member_not_found',
      status: 404,
      title: 'Member not found',
      detail: 'No such member in this tenant.',
    }),
  invitationNotFound: () =>
    new ApiError({
      code: 'invitation_not_found',
      status: 404,
      title: 'Invitation not found',
      detail: 'No such pending invitation in this tenant.',
    }),
  alreadyMember: () =>
    new ApiError({
      code: 'already_member',
      status: 409,
      title: 'Already a member',
      detail: 'This e-mail address already belongs to a member of this tenant.',
    }),
  lastOwner: () =>
    new ApiError({
      code: 'last_owner',
      status: 409,
      title: 'Last owner',
      detail: 'A tenant keeps at least one owner: make someone else owner first.',
    }),
  ownerRequired: () =>
    new ApiError({
      code: 'owner_required',
      status: 403,
      title: 'Owner required',
      detail: 'Only an owner can grant the owner role or change or remove an owner.',
    }),
} as const;

export const TENANT_PROBLEM_CODES = [
  { code: 'member_not_found', status: 404, title: 'Member not found' },
  { code: 'invitation_not_found', status: 404, title: 'Invitation not found' },
  { code: 'already_member', status: 409, title: 'Already a member' },
  { code: 'last_owner', status: 409, title: 'Last owner' },
  { code: 'owner_required', status: 403, title: 'Owner required' },
] as const satisfies readonly { code: TenantErrorCode; status: number; title: string }[];
