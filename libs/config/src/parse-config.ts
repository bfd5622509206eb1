import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config.errors';
import { envSchema, REQUIRED_SETTINGS, SETTING_NAMES, type ParsedEnv } from './config.schema';
import type { ChainNetwork, SpvConfig } from './spv-config';

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment and builds the frozen configuration. Pure: reads only `env`.
 * Throws ConfigError naming every missing or bad setting at once.
 */
export function parseConfig(env: EnvironmentVariables): SpvConfig {
  const relevant = Object.fromEntries(
    SETTING_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]),
  ) as Record<string, string | undefined>;
  // Missing settings are reported together with malformed ones, so one run shows everything to fix.
  const missing: ConfigIssue[] = REQUIRED_SETTINGS.filter((name) => relevant[name] === undefined).map(
    (setting) => ({
      setting,
      message: 'is required',
    }),
  );
  if (relevant['CHAIN_NETWORKS'] === undefined && relevant['CHAIN_NODE_URL'] === undefined) {
    missing.push({ setting: 'CHAIN_NODE_URL', message: 'is required (or CHAIN_NETWORKS)' });
  }
  const result = envSchema.safeParse(relevant);
  if (!result.success || missing.length > 0) {
    throw new ConfigError([...missing, ...(result.success ? [] : result.error.issues.map(toConfigIssue))]);
  }
  const parsed = result.data;
  const issues: ConfigIssue[] = [];
  const databaseUrl = parsed.DATABASE_URL as string;
  const redisUrl = parsed.REDIS_URL as string;
  const jwtSecret = parsed.JWT_SECRET as string;
  const signingKey = parsed.SERVICE_SIGNING_KEY as NonNullable<ParsedEnv['SERVICE_SIGNING_KEY']>;

  const networks: ChainNetwork[] =
    parsed.CHAIN_NETWORKS ??
    (parsed.CHAIN_NODE_URL ? [{ networkId: parsed.CHAIN_NETWORK_ID, nodeUrl: parsed.CHAIN_NODE_URL }] : []);
  if (parsed.CHAIN_NETWORKS && parsed.CHAIN_NODE_URL) {
    issues.push({
      setting: 'CHAIN_NODE_URL',
      message: 'set either CHAIN_NETWORKS or CHAIN_NODE_URL, not both',
    });
  }
  const duplicate = networks.find(
    (network, index) => networks.findIndex((n) => n.networkId === network.networkId) !== index,
  );
  if (duplicate)
    issues.push({ setting: 'CHAIN_NETWORKS', message: `network ${duplicate.networkId} is listed twice` });
  const defaultNetwork = parsed.CHAIN_DEFAULT_NETWORK
    ? networks.find((network) => network.networkId === parsed.CHAIN_DEFAULT_NETWORK)
    : networks[0];
  if (parsed.CHAIN_DEFAULT_NETWORK && !defaultNetwork) {
    issues.push({ setting: 'CHAIN_DEFAULT_NETWORK', message: `is not one of the configured networks` });
  }

  if ((parsed.S3_ACCESS_KEY_ID === undefined) !== (parsed.S3_SECRET_ACCESS_KEY === undefined)) {
    issues.push({
      setting: 'S3_SECRET_ACCESS_KEY',
      message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
    });
  }
  if (parsed.ANCHOR_SENDER_ACCOUNT !== undefined && parsed.ANCHOR_SIGNING_KEY === undefined) {
    issues.push({ setting: 'ANCHOR_SIGNING_KEY', message: 'is required when ANCHOR_SENDER_ACCOUNT is set' });
  }
  if (parsed.STRIPE_SECRET_KEY !== undefined && parsed.STRIPE_WEBHOOK_SECRET === undefined) {
    issues.push({ setting: 'STRIPE_WEBHOOK_SECRET', message: 'is required when STRIPE_SECRET_KEY is set' });
  }
  if (parsed.NODE_ENV === 'production') {
    if (parsed.API_KEY_ENVIRONMENT === 'test') {
      issues.push({ setting: 'API_KEY_ENVIRONMENT', message: 'must be live in production' });
    }
    if (parsed.STRIPE_SECRET_KEY?.includes('_test_')) {
      issues.push({ setting: 'STRIPE_SECRET_KEY', message: 'is a test-mode key in production' });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);

  const config: SpvConfig = {
    environment: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    service: { version: parsed.SERVICE_VERSION, buildHash: parsed.BUILD_HASH },
    api: {
      host: parsed.API_HOST,
      port: parsed.PORT,
      publicUrl: parsed.API_PUBLIC_URL ?? `http://127.0.0.1:${parsed.PORT}`,
      bodyLimitBytes: parsed.API_BODY_LIMIT_BYTES,
      trustProxy: parsed.TRUST_PROXY,
      corsOrigins: parsed.CORS_ORIGINS,
      readinessTimeoutMs: parsed.READINESS_TIMEOUT_MS,
      anonymousRateLimit: {
        requestsPerMinute: parsed.ANON_RATE_LIMIT_PER_MINUTE,
        burst: parsed.ANON_RATE_LIMIT_BURST,
      },
      apiKeyEnvironment: parsed.API_KEY_ENVIRONMENT ?? (parsed.NODE_ENV === 'production' ? 'live' : 'test'),
      apiKeyLastUsedFlushMs: parsed.API_KEY_LAST_USED_FLUSH_MS,
    },
    auth: {
      jwtSecret,
      jwtIssuer: parsed.JWT_ISSUER,
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: parsed.REFRESH_TOKEN_TTL_SECONDS,
    },
    database: { url: databaseUrl, poolSize: parsed.DATABASE_POOL_SIZE },
    redis: { url: redisUrl, keyPrefix: parsed.REDIS_KEY_PREFIX },
    s3: {
      endpoint: parsed.S3_ENDPOINT,
      region: parsed.S3_REGION,
      bucket: parsed.S3_BUCKET,
      credentials:
        parsed.S3_ACCESS_KEY_ID !== undefined && parsed.S3_SECRET_ACCESS_KEY !== undefined
          ? { accessKeyId: parsed.S3_ACCESS_KEY_ID, secretAccessKey: parsed.S3_SECRET_ACCESS_KEY }
          : undefined,
      forcePathStyle: parsed.S3_FORCE_PATH_STYLE ?? parsed.S3_ENDPOINT !== undefined,
    },
    chain: {
      networks,
      defaultNetwork: defaultNetwork as ChainNetwork,
      requestTimeoutMs: parsed.CHAIN_REQUEST_TIMEOUT_MS,
    },
    anchoring: {
      chainId: parsed.ANCHOR_CHAIN_ID,
      module: parsed.ANCHOR_MODULE,
      senderAccount: parsed.ANCHOR_SENDER_ACCOUNT,
      signingKey: parsed.ANCHOR_SIGNING_KEY,
      gasLimit: parsed.ANCHOR_GAS_LIMIT,
      gasPrice: parsed.ANCHOR_GAS_PRICE,
      confirmationDepth: parsed.CONFIRMATION_DEPTH,
    },
    worker: {
      concurrency: parsed.WORKER_CONCURRENCY,
      batchWindowMs: parsed.BATCH_WINDOW_MS,
      batchMaxSize: parsed.BATCH_MAX_SIZE,
      proofCacheTtlSeconds: parsed.PROOF_CACHE_TTL_SECONDS,
      retentionSweepIntervalMs: parsed.RETENTION_SWEEP_INTERVAL_MS,
    },
    signing: signingKey,
    stripe:
      parsed.STRIPE_SECRET_KEY !== undefined && parsed.STRIPE_WEBHOOK_SECRET !== undefined
        ? {
            secretKey: parsed.STRIPE_SECRET_KEY,
            webhookSecret: parsed.STRIPE_WEBHOOK_SECRET,
            apiUrl: parsed.STRIPE_API_URL ? toStripeApiUrl(parsed.STRIPE_API_URL) : undefined,
            meterEventName: parsed.STRIPE_METER_EVENT_NAME,
          }
        : null,
    portal: { port: parsed.PORTAL_PORT },
    devnet: {
      port: parsed.DEVNET_PORT,
      dataDir: parsed.DEVNET_DATA_DIR,
      blockTimeMs: parsed.DEVNET_BLOCK_TIME_MS,
    },
    localServices: { dataDir: parsed.DATA_DIR },
  };
  return deepFreeze(config);
}

function toStripeApiUrl(value: string): NonNullable<NonNullable<SpvConfig['stripe']>['apiUrl']> {
  const url = new URL(value);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    protocol,
    host: url.hostname,
    port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port),
  };
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const setting = String(issue.path[0] ?? 'environment');
  const nested = issue.path.slice(1).join('.');
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing ? 'is required' : issue.message;
  return { setting, message: nested ? `${nested}: ${message}` : message };
}

/** Freezes plain objects and arrays; key objects (signing keys) are left as they are. */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    value.forEach(deepFreeze);
    return Object.freeze(value);
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    Object.values(value).forEach(deepFreeze);
    return Object.freeze(value);
  }
  return value;
}
