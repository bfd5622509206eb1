import type { SpvConfig } from '@spv-cloud/config';
import type { ApiSettings } from '../platform/config/api-settings';
import { BUILT_PORTAL_DIR } from '../platform/portal/portal-routes';

/** The API's view of the platform configuration. */
export function apiSettingsFromConfig(config: SpvConfig): ApiSettings {
  return {
    environment: config.environment,
    host: config.api.host,
    port: config.api.port,
    logLevel: config.logLevel,
    bodyLimitBytes: config.api.bodyLimitBytes,
    trustProxy: config.api.trustProxy,
    corsOrigins: config.api.corsOrigins,
    databaseUrl: config.database.url,
    databasePoolSize: config.database.poolSize,
    redisUrl: config.redis.url,
    redisKeyPrefix: config.redis.keyPrefix,
    auth: config.auth,
    apiKeyEnvironment: config.api.apiKeyEnvironment,
    s3: config.s3,
    chain: { nodeUrl: config.chain.defaultNetwork.nodeUrl, networkId: config.chain.defaultNetwork.networkId },
    anonymousRateLimit: config.api.anonymousRateLimit,
    apiKeyLastUsedFlushMs: config.api.apiKeyLastUsedFlushMs,
    readinessTimeoutMs: config.api.readinessTimeoutMs,
    portalDir: BUILT_PORTAL_DIR,
  };
}
