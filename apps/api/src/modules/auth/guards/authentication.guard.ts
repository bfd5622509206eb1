import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bindTenantToRequestContext, type MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyRequest } from 'fastify';
import { ACCESS_METADATA, type Access } from '../../../platform/auth/access.decorator';
import { requestOf } from '../../../platform/auth/actor-context';
import { actorOf, type Principal } from '../../../platform/auth/principal';
import { PlatformErrors } from '../../../platform/errors/platform.errors';
import { APP_METRICS } from '../../../platform/metrics/metrics.tokens';
import { isApiKeyToken } from '../../api-keys/api-key-format';
import { ApiKeyVerifier } from '../../api-keys/api-key-verifier.service';
import { MembersRepository } from '../../tenants/members.repository';
import { AccessTokenService } from '../access-token.service';

const BEARER = /^Bearer ([\x21-\x7e]{1,2048})$/;

/**
 * First global guard: turns `Authorization: Bearer <API key | access token>` into a Principal on the
 * request. Every failure answers the same 401; the log line (and a metric) says which it was.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly failures;

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeyVerifier: ApiKeyVerifier,
    private readonly accessTokens: AccessTokenService,
    private readonly membersRepository: MembersRepository,
    @Inject(APP_METRICS) metrics: MetricsRegistry,
  ) {
    this.failures = metrics.counter('auth_failures_total', 'Rejected credentials by kind and reason.', ['kind', 'reason']);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = requestOf(context);
    // GraphQL runs guards once per root field; authenticate the HTTP request once.
    if (!request.principal) request.principal = await this.authenticate(request);
    bindTenantToRequestContext(request.principal.tenantId, actorOf(request.principal));
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header === undefined) throw this.reject('none', 'missing_credentials', 'Send Authorization: Bearer <API key or access token>.');
    const match = BEARER.exec(header);
    if (!match) throw this.reject('none', 'malformed_authorization_header');
    const token = match[1]!;
    if (isApiKeyToken(token)) {
      const verification = await this.apiKeyVerifier.verify(token);
      if (!verification.valid) throw this.reject('api_key', verification.reason);
      return verification.principal;
    }
    const verification = await this.accessTokens.verify(request);
    if (!verification.valid) throw this.reject('access_token', verification.reason);
    const { sub: userId, tid: tenantId } = verification.claims;
    const membership = await this.membersRepository.findPrincipal(tenantId, userId);
    if (!membership) throw this.reject('access_token', 'membership_ended');
    if (!membership.tenantActive) throw this.reject('access_token', 'tenant_inactive');
    if (membership.userDisabled) throw this.reject('access_token', 'user_disabled');
    return { kind: 'user', tenantId, userId, role: membership.role, plan: membership.plan };
  }

  private reject(kind: string, reason: string, detail?: string) {
    const category = reason.startsWith('invalid: ') ? 'invalid' : reason;
    this.failures.inc({ kind, reason: category });
    return PlatformErrors.unauthenticated(`${kind}: ${reason}`, detail);
  }
}
