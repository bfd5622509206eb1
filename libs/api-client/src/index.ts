export { ApiClient, type ApiClientOptions, type PageQuery, type RequestInput } from './api-client';
export { ApiError, isProblem, type ClientErrorCode } from './api-error';
export { API_KEY_SCOPES, MEMBER_ROLES, type ApiKeyScope, type MemberRole } from './api-vocabulary';
export { MemorySessionStore, isSession, sessionFromAuth, type Session, type SessionStore } from './session';
export {
  API_DOCUMENT_VERSION,
  OPERATIONS,
  type ApiKey,
  type ApiKeyPage,
  type AuditLogEntry,
  type AuditLogPage,
  type AuthSession,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type CreatedInvitation,
  type Invitation,
  type InvitationList,
  type InviteMemberRequest,
  type Member,
  type MemberList,
  type OperationId,
  type OperationRoute,
  type Operations,
  type Problem,
  type RetentionPolicy,
  type Tenant,
  type UpdateRetentionPolicyRequest,
  type UpdateTenantRequest,
  type WhoAmI,
} from './generated/openapi-types';
