import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import { ClockRepository } from './clock/clock.repository';
import { API_SETTINGS, type ApiSettings } from './config/api-settings';
import { CryptoRepository } from './crypto/crypto.repository';
import { DatabaseConnection, databaseProvider, DATABASE } from './database/database.providers';
import { ProblemExceptionFilter } from './errors/problem-exception.filter';
import { ChainHealthIndicator } from './health/chain.health-indicator';
import { HEALTH_INDICATORS, type HealthIndicator } from './health/health-indicator';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { PostgresHealthIndicator } from './health/postgres.health-indicator';
import { RedisHealthIndicator } from './health/redis.health-indicator';
import { S3HealthIndicator } from './health/s3.health-indicator';
import { APP_LOGGER } from './logging/logger.provider';
import { MetricsController } from './metrics/metrics.controller';
import { APP_METRICS } from './metrics/metrics.tokens';
import { EndpointCatalog } from './openapi/endpoint-catalog.service';
import type { ProblemCodeDoc } from './openapi/openapi-document';
import { API_VERSION, OpenApiController, PROBLEM_CODE_CATALOG } from './openapi/openapi.controller';
import { RateLimitRepository } from './rate-limit/rate-limit.repository';
import { RateLimiter } from './rate-limit/rate-limiter';
import { RedisConnections, redisProviders } from './redis/redis.providers';
import { REDIS, REDIS_SUBSCRIBER } from './redis/redis.tokens';

export interface PlatformRuntime {
  readonly settings: ApiSettings;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly version: string;
  readonly problemCodes: readonly ProblemCodeDoc[];
}

/**
 * The platform part every feature module builds on (twenty's `engine/`): settings, logging,
 * metrics, Postgres, Redis, clock and crypto ports, the error filter, health, metrics and docs.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: PlatformRuntime): DynamicModule {
    const shared = [
      { provide: API_SETTINGS, useValue: runtime.settings },
      { provide: APP_LOGGER, useValue: runtime.logger },
      { provide: APP_METRICS, useValue: runtime.metrics },
      ...redisProviders,
      databaseProvider,
      ClockRepository,
      CryptoRepository,
      RateLimitRepository,
      RateLimiter,
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [HealthController, MetricsController, OpenApiController],
      providers: [
        ...shared,
        RedisConnections,
        DatabaseConnection,
        EndpointCatalog,
        PostgresHealthIndicator,
        RedisHealthIndicator,
        S3HealthIndicator,
        ChainHealthIndicator,
        {
          provide: HEALTH_INDICATORS,
          inject: [PostgresHealthIndicator, RedisHealthIndicator, S3HealthIndicator, ChainHealthIndicator],
          useFactory: (...indicators: HealthIndicator[]) => indicators,
        },
        HealthService,
        { provide: PROBLEM_CODE_CATALOG, useValue: runtime.problemCodes },
        { provide: API_VERSION, useValue: runtime.version },
        { provide: APP_FILTER, useClass: ProblemExceptionFilter },
      ],
      exports: [
        API_SETTINGS,
        APP_LOGGER,
        APP_METRICS,
        REDIS,
        REDIS_SUBSCRIBER,
        DATABASE,
        ClockRepository,
        CryptoRepository,
        RateLimitRepository,
        RateLimiter,
      ],
    };
  }
}
