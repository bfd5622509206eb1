import { Inject, Injectable } from '@nestjs/common';
import type { MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { APP_METRICS } from '../../platform/metrics/metrics.tokens';
import type {
  BucketSpec,
  BucketState,
  RateLimitDecision,
} from '../../platform/rate-limit/rate-limit.repository';
import { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import { type PlanLimits, PlansRepository } from '../tenants/plans.repository';

/**
 * Which token buckets a request draws on — per tenant and per API key (or user) by plan, per
 * client IP before authentication — and the `RateLimit-*` headers from the tightest of them.
 */
@Injectable()
export class RateLimitPolicy {
  private readonly unavailable;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly plans: PlansRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(APP_METRICS) metrics: MetricsRegistry,
  ) {
    this.unavailable = metrics.counter(
      'rate_limit_unavailable_total',
      'Requests let through because Redis was unreachable.',
    );
  }

  /**
   * Charges the request once (GraphQL asks per root field); throws 429 `rate_limited` when refused.
   * Synchronous when the plan is cached and every bucket has leased tokens in process.
   */
  enforce(request: FastifyRequest, reply: FastifyReply | undefined): void | Promise<void> {
    if (request.rateLimitCharged) return;
    request.rateLimitCharged = true;
    const buckets = this.cachedBucketsFor(request.principal, request.ip);
    const local = buckets && this.limiter.tryTakeLocally(buckets);
    if (local) return this.apply(local, reply);
    return this.enforceRemotely(request, reply, buckets);
  }

  private async enforceRemotely(
    request: FastifyRequest,
    reply: FastifyReply | undefined,
    cached: BucketSpec[] | undefined,
  ): Promise<void> {
    const buckets = cached ?? (await this.bucketsFor(request.principal, request.ip));
    let decision: RateLimitDecision;
    try {
      decision = await this.limiter.take(buckets);
    } catch (error) {
      // Fail open: an unreachable Redis must not take the API down with it.
      this.unavailable.inc();
      this.logger.warn({ err: error }, 'rate limiter unavailable; request let through');
      return;
    }
    this.apply(decision, reply);
  }

  private apply(decision: RateLimitDecision, reply: FastifyReply | undefined): void {
    const tightest = tightestOf(decision.buckets);
    if (tightest && reply) {
      void reply.headers({
        'RateLimit-Limit': String(tightest.capacity),
        'RateLimit-Remaining': String(tightest.remaining),
        'RateLimit-Reset': String(Math.ceil(tightest.msUntilFull / 1000)),
      });
    }
    if (!decision.allowed)
      throw PlatformErrors.rateLimited(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  }

  private cachedBucketsFor(principal: Principal | undefined, ip: string): BucketSpec[] | undefined {
    if (!principal) return this.anonymousBuckets(ip);
    const limits = this.plans.cachedLimitsFor(principal.plan);
    return limits && this.principalBuckets(principal, limits);
  }

  private async bucketsFor(principal: Principal | undefined, ip: string): Promise<BucketSpec[]> {
    if (!principal) return this.anonymousBuckets(ip);
    return this.principalBuckets(principal, await this.plans.limitsFor(principal.plan));
  }

  private anonymousBuckets(ip: string): BucketSpec[] {
    const { requestsPerMinute, burst } = this.settings.anonymousRateLimit;
    return [{ key: `ip:${ip}`, capacity: burst, refillPerMinute: requestsPerMinute }];
  }

  private principalBuckets(principal: Principal, limits: PlanLimits): BucketSpec[] {
    const callerKey =
      principal.kind === 'api_key'
        ? `key:${principal.apiKeyId}`
        : `user:${principal.tenantId}:${principal.userId}`;
    return [
      {
        key: `tenant:${principal.tenantId}`,
        capacity: limits.burst,
        refillPerMinute: limits.requestsPerMinute,
      },
      { key: callerKey, capacity: limits.apiKeyBurst, refillPerMinute: limits.apiKeyRequestsPerMinute },
    ];
  }
}

function tightestOf(buckets: readonly BucketState[]): BucketState | undefined {
  let tightest: BucketState | undefined;
  for (const bucket of buckets) {
    if (
      !tightest ||
      bucket.remaining < tightest.remaining ||
      (bucket.remaining === tightest.remaining && bucket.capacity < tightest.capacity)
    ) {
      tightest = bucket;
    }
  }
  return tightest;
}
