import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RATE_LIMIT_EXEMPT_METADATA } from '../../../platform/auth/access.decorator';
import { requestOf } from '../../../platform/auth/actor-context';
import type { Principal } from '../../../platform/auth/principal';
import { API_SETTINGS, type ApiSettings } from '../../../platform/config/api-settings';
import { PlatformErrors } from '../../../platform/errors/platform.errors';
import { APP_LOGGER, type AppLogger } from '../../../platform/logging/logger.provider';
import { APP_METRICS } from '../../../platform/metrics/metrics.tokens';
import {
  type BucketSpec,
  type BucketState,
  RateLimitRepository,
} from '../../../platform/rate-limit/rate-limit.repository';
import { PlansRepository } from '../../tenants/plans.repository';

/**
 * Second global guard: token buckets in Redis shared by every API instance — per tenant and per
 * API key (or user) by plan, per IP for unauthenticated routes. Sets `RateLimit-*` headers from the
 * tightest bucket; a refusal is 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly unavailable;

  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitRepository,
    private readonly plans: PlansRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(APP_METRICS) metrics: MetricsRegistry,
  ) {
    this.unavailable = metrics.counter('rate_limit_unavailable_total', 'Requests let through because Redis was unreachable.');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const exempt = this.reflector.getAllAndOverride<boolean | undefined>(RATE_LIMIT_EXEMPT_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (exempt) return true;
    const request = requestOf(context);
    if (request.rateLimitCharged) return true;
    request.rateLimitCharged = true;
    const buckets = await this.bucketsFor(request);
    let decision;
    try {
      decision = await this.rateLimits.take(buckets);
    } catch (error) {
      // Fail open: an unreachable Redis must not take the API down with it.
      this.unavailable.inc();
      this.logger.warn({ err: error }, 'rate limiter unavailable; request let through');
      return true;
    }
    const tightest = decision.buckets.reduce<BucketState | undefined>(
      (tight, bucket) =>
        !tight || bucket.remaining < tight.remaining || (bucket.remaining === tight.remaining && bucket.capacity < tight.capacity)
          ? bucket
          : tight,
      undefined,
    );
    if (tightest) {
      void replyOf(context)?.headers({
        'RateLimit-Limit': String(tightest.capacity),
        'RateLimit-Remaining': String(tightest.remaining),
        'RateLimit-Reset': String(Math.ceil(tightest.msUntilFull / 1000)),
      });
    }
    if (!decision.allowed) throw PlatformErrors.rateLimited(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
    return true;
  }

  private async bucketsFor(request: FastifyRequest): Promise<BucketSpec[]> {
    const principal: Principal | undefined = request.principal;
    if (!principal) {
      const { requestsPerMinute, burst } = this.settings.anonymousRateLimit;
      return [{ key: `ip:${request.ip}`, capacity: burst, refillPerMinute: requestsPerMinute }];
    }
    const limits = await this.plans.limitsFor(principal.plan);
    const callerKey = principal.kind === 'api_key' ? `key:${principal.apiKeyId}` : `user:${principal.tenantId}:${principal.userId}`;
    return [
      { key: `tenant:${principal.tenantId}`, capacity: limits.burst, refillPerMinute: limits.requestsPerMinute },
      { key: callerKey, capacity: limits.apiKeyBurst, refillPerMinute: limits.apiKeyRequestsPerMinute },
    ];
  }
}

function replyOf(context: ExecutionContext): FastifyReply | undefined {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ reply?: FastifyReply }>().reply;
  }
  return context.switchToHttp().getResponse<FastifyReply>();
}
