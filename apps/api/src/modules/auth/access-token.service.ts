import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';

export const ACCESS_TOKEN_AUDIENCE = 'spv-cloud-api';

/** The claims of our access tokens: who (`sub`) acting in which tenant (`tid`). */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly tid: string;
  readonly typ: 'access';
}

export type AccessTokenVerification =
  | { readonly valid: true; readonly claims: AccessTokenClaims }
  | { readonly valid: false; readonly reason: string };

interface StrategyCallbacks {
  success(user: unknown): void;
  fail(info?: unknown): void;
  error(error: unknown): void;
}

/**
 * Issues short-lived HS256 access tokens and verifies them with passport-jwt. The strategy is used
 * directly (not through passport's global registry), so each app instance keeps its own secret.
 */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;
  private readonly strategy: JwtStrategy;

  constructor(@Inject(API_SETTINGS) private readonly settings: ApiSettings) {
    this.jwt = new JwtService({ secret: settings.auth.jwtSecret });
    this.strategy = new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKey: settings.auth.jwtSecret,
        issuer: settings.auth.jwtIssuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
      },
      (payload: unknown, done: (error: unknown, user?: unknown, info?: unknown) => void) => {
        if (isAccessTokenClaims(payload)) done(null, payload);
        else done(null, false, 'claims');
      },
    );
  }

  get ttlSeconds(): number {
    return this.settings.auth.accessTokenTtlSeconds;
  }

  sign(userId: string, tenantId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, tid: tenantId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      issuer: this.settings.auth.jwtIssuer,
      audience: ACCESS_TOKEN_AUDIENCE,
      expiresIn: this.settings.auth.accessTokenTtlSeconds,
    });
  }

  /** Verifies the bearer token of `request` (signature, issuer, audience, expiry, claim shape). */
  verify(request: FastifyRequest): Promise<AccessTokenVerification> {
    return new Promise((resolve) => {
      const callbacks: StrategyCallbacks = {
        success: (user) => resolve({ valid: true, claims: user as AccessTokenClaims }),
        fail: (info) => resolve({ valid: false, reason: failureReason(info) }),
        error: (error) => resolve({ valid: false, reason: failureReason(error) }),
      };
      const attempt = Object.assign(Object.create(this.strategy) as JwtStrategy, callbacks);
      attempt.authenticate(request as never, {});
    });
  }
}

function isAccessTokenClaims(payload: unknown): payload is AccessTokenClaims {
  if (typeof payload !== 'object' || payload === null) return false;
  const claims = payload as Record<string, unknown>;
  return typeof claims.sub === 'string' && typeof claims.tid === 'string' && claims.typ === 'access';
}

function failureReason(info: unknown): string {
  if (info instanceof Error)
    return info.name === 'TokenExpiredError' ? 'expired' : `invalid: ${info.message}`;
  return typeof info === 'string' ? `invalid: ${info}` : 'invalid';
}
