import type { Principal } from '../../platform/auth/principal';
import type { WhoAmI } from './dto/auth.schemas';

export function toWhoAmI(principal: Principal): WhoAmI {
  return {
    kind: principal.kind,
    tenantId: principal.tenantId,
    userId: principal.kind === 'user' ? principal.userId : null,
    role: principal.kind === 'user' ? principal.role : null,
    apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
    scopes: principal.kind === 'api_key' ? [...principal.scopes] : null,
    plan: principal.plan.toLowerCase(),
  };
}
