import { z } from 'zod';
import { parseEd25519SigningKey } from './signing-key';

// One flat schema over the environment variables of every process (api, worker, portal server,
// devnet, start script). Field names are the variable names, so every issue names its setting.
// Empty strings count as unset (`FOO=` in a .env file).

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = () => z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] });
const httpUrl = () =>
  z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL')
    .transform((value) => value.replace(/\/+$/, ''));

const chainNetwork = z.object({
  networkId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'networkId must look like mainnet01 / testnet04 / development'),
  nodeUrl: httpUrl(),
});

const ed25519Key = z.string().transform((value, context) => {
  const key = parseEd25519SigningKey(value);
  if (!key) {
    context.addIssue({
      code: 'custom',
      message: 'must be an Ed25519 private key: 64 hex characters (seed) or a PKCS#8 PEM',
    });
    return z.NEVER;
  }
  return key;
});

export const envSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'test', 'production']).default('development')),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  SERVICE_VERSION: optional(z.string().default('dev')),
  BUILD_HASH: optional(z.string().default('unknown')),

  API_HOST: optional(z.string().default('127.0.0.1')),
  PORT: optional(integer(1, 65535).default(3000)),
  API_PUBLIC_URL: optional(httpUrl().optional()),
  API_BODY_LIMIT_BYTES: optional(integer(1024, 100 * 1024 * 1024).default(1024 * 1024)),
  TRUST_PROXY: optional(bool().default(false)),
  CORS_ORIGINS: optional(
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(z.array(httpUrl())),
  ),
  READINESS_TIMEOUT_MS: optional(integer(50, 60_000).default(2000)),
  ANON_RATE_LIMIT_PER_MINUTE: optional(integer(1, 1_000_000).default(30)),
  ANON_RATE_LIMIT_BURST: optional(integer(1, 1_000_000).default(10)),
  API_KEY_ENVIRONMENT: optional(z.enum(['live', 'test']).optional()),
  API_KEY_LAST_USED_FLUSH_MS: optional(integer(100, 3_600_000).default(30_000)),

  JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters').optional()),
  JWT_ISSUER: optional(z.string().min(1).default('spv-cloud')),
  ACCESS_TOKEN_TTL_SECONDS: optional(integer(30, 86_400).default(900)),
  REFRESH_TOKEN_TTL_SECONDS: optional(integer(300, 365 * 86_400).default(30 * 86_400)),

  DATABASE_URL: optional(
    z
      .string()
      .url()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: optional(integer(1, 500).default(10)),

  REDIS_URL: optional(
    z
      .string()
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_KEY_PREFIX: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, : _ - only')
      .default('spv:'),
  ),

  S3_ENDPOINT: optional(httpUrl().optional()),
  S3_REGION: optional(z.string().default('us-east-1')),
  S3_BUCKET: optional(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (3-63 lower-case characters)')
      .default('spv-cloud-proofs'),
  ),
  S3_ACCESS_KEY_ID: optional(z.string().optional()),
  S3_SECRET_ACCESS_KEY: optional(z.string().optional()),
  S3_FORCE_PATH_STYLE: optional(bool().optional()),

  CHAIN_NETWORKS: optional(
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return undefined;
        try {
          return JSON.parse(value) as unknown;
        } catch {
          context.addIssue({ code: 'custom', message: 'must be JSON: [{"networkId":"…","nodeUrl":"…"}]' });
          return z.NEVER;
        }
      })
      .pipe(z.array(chainNetwork).min(1).optional()),
  ),
  CHAIN_NODE_URL: optional(httpUrl().optional()),
  CHAIN_NETWORK_ID: optional(chainNetwork.shape.networkId.default('development')),
  CHAIN_DEFAULT_NETWORK: optional(z.string().optional()),
  CHAIN_REQUEST_TIMEOUT_MS: optional(integer(100, 300_000).default(10_000)),

  ANCHOR_CHAIN_ID: optional(integer(0, 99).default(0)),
  ANCHOR_MODULE: optional(
    z
      .string()
      .regex(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)?$/, 'must be a Pact module name, e.g. free.spv-anchor')
      .default('free.spv-anchor'),
  ),
  ANCHOR_SENDER_ACCOUNT: optional(z.string().min(3).optional()),
  ANCHOR_SIGNING_KEY: optional(ed25519Key.optional()),
  ANCHOR_GAS_LIMIT: optional(integer(1, 1_000_000).default(2500)),
  ANCHOR_GAS_PRICE: optional(z.coerce.number().positive().max(1).default(0.00000001)),
  CONFIRMATION_DEPTH: optional(integer(0, 1000).default(6)),

  WORKER_CONCURRENCY: optional(integer(1, 256).default(4)),
  BATCH_WINDOW_MS: optional(integer(500, 2000).default(1000)),
  BATCH_MAX_SIZE: optional(integer(1, 1_000_000).default(2000)),
  PROOF_CACHE_TTL_SECONDS: optional(integer(0, 365 * 86_400).default(86_400)),
  RETENTION_SWEEP_INTERVAL_MS: optional(integer(1000, 7 * 86_400_000).default(3_600_000)),

  SERVICE_SIGNING_KEY: optional(ed25519Key.optional()),

  STRIPE_SECRET_KEY: optional(
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must look like sk_test_… / sk_live_…')
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: optional(
    z
      .string()
      .regex(/^whsec_\w+$/, 'must look like whsec_…')
      .optional(),
  ),
  STRIPE_API_URL: optional(httpUrl().optional()),
  STRIPE_METER_EVENT_NAME: optional(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .default('spv_events_anchored'),
  ),

  PORTAL_PORT: optional(integer(1, 65535).default(8080)),
  DEVNET_PORT: optional(integer(1, 65535).default(1848)),
  DEVNET_DATA_DIR: optional(z.string().min(1).optional()),
  DEVNET_BLOCK_TIME_MS: optional(integer(10, 3_600_000).default(1000)),
  DATA_DIR: optional(z.string().min(1).default('.data')),
});

export type ParsedEnv = z.output<typeof envSchema>;
/** Settings with no default: a process does not start without them. */
export const REQUIRED_SETTINGS = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SERVICE_SIGNING_KEY'] as const;
/** Names of every environment variable the platform reads. */
export const SETTING_NAMES = Object.keys(envSchema.shape) as readonly (keyof ParsedEnv)[];
