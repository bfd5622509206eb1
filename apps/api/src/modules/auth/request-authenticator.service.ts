import { Inject, Injectable } from '@nestjs/common';
import type { MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { APP_METRICS } from '../../platform/metrics/metrics.tokens';
import { isApiKeyToken } from '../api-keys/api-key-format';
import { type ApiKeyVerification, ApiKeyVerifier } from '../api-keys/api-key-verifier.service';
import { MembersRepository } from '../tenants/members.repository';
import { AccessTokenService } from './access-token.service';

const BEARER = /^Bearer ([\x21-\x7e]{1,2048})$/;

/**
 * Turns `Authorization: Bearer <API key | access token>` into a Principal. Every failure becomes
 * the same 401; the log line (and the `auth_failures_total` metric) says which failure it was.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly failures;

  constructor(
    private readonly apiKeyVerifier: ApiKeyVerifier,
    private readonly accessTokens: AccessTokenService,
    private readonly membersRepository: MembersRepository,
    @Inject(APP_METRICS) metrics: MetricsRegistry,
  ) {
    this.failures = metrics.counter('auth_failures_total', 'Rejected credentials by kind and reason.', [
      'kind',
      'reason',
    ]);
  }

  /** Synchronous for API keys in the in-process cache; a promise otherwise. Throws 401 on failure. */
  authenticate(request: FastifyRequest): Principal | Promise<Principal> {
    const header = request.headers.authorization;
    if (header === undefined) {
      throw this.reject(
        'none',
        'missing_credentials',
        'Send Authorization: Bearer <API key or access token>.',
      );
    }
    const match = BEARER.exec(header);
    if (!match) throw this.reject('none', 'malformed_authorization_header');
    const token = match[1]!;
    if (!isApiKeyToken(token)) return this.authenticateUser(request);
    const verification = this.apiKeyVerifier.verify(token);
    return verification instanceof Promise
      ? verification.then((result) => this.apiKeyPrincipal(result))
      : this.apiKeyPrincipal(verification);
  }

  private apiKeyPrincipal(verification: ApiKeyVerification): Principal {
    if (!verification.valid) throw this.reject('api_key', verification.reason);
    return verification.principal;
  }

  private async authenticateUser(request: FastifyRequest): Promise<Principal> {
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
