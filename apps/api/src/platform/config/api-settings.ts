import type { LogLevel } from '@spv-cloud/observability';

/**
 * Everything the API process needs to know, resolved once at boot (from `@spv-cloud/config` in
 * `main.ts`, or built directly by tests). Nothing in the app reads `process.env`.
 */
export interface ApiSettings {
  readonly environment: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Largest accepted request body; bigger ones answer 413 `payload_too_large`. */
  readonly bodyLimitBytes: number;
  /** Trust `X-Forwarded-For` from a load balancer when resolving the client IP. */
  readonly trustProxy: boolean;
  /** Browser origins allowed to call the API (the portal); empty = no CORS headers. */
  readonly corsOrigins: readonly string[];
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  /** Prepended to every Redis key this app writes, so environments and test runs never collide. */
  readonly redisKeyPrefix: string;
  readonly auth: {
    readonly jwtSecret: string;
    readonly jwtIssuer: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
  };
  /** `live` keys in production, `test` keys elsewhere: the prefix tells a leaked key's origin. */
  readonly apiKeyEnvironment: 'live' | 'test';
  readonly s3: {
    readonly endpoint: string | undefined;
    readonly region: string;
    readonly bucket: string;
    /** undefined = the AWS SDK's default credential chain. */
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
    readonly forcePathStyle: boolean;
  };
  readonly chain: {
    /** Root URL of a chainweb-node service API (its `/info` answers there), e.g. `http://127.0.0.1:1848`. */
    readonly nodeUrl: string;
    /** The chainweb version the node must report, e.g. `mainnet01`, `testnet04`, `development`. */
    readonly networkId: string;
  };
  /** Token bucket per client IP for unauthenticated routes (sign-up, login, refresh). */
  readonly anonymousRateLimit: { readonly requestsPerMinute: number; readonly burst: number };
  /** How often API keys' `lastUsedAt` is written (batched, never per request). */
  readonly apiKeyLastUsedFlushMs: number;
  /** Per-check timeout for `/readyz`. */
  readonly readinessTimeoutMs: number;
  /** The built admin portal (apps/portal/dist), served under /portal; undefined serves none. */
  readonly portalDir?: string | undefined;
}

export const API_SETTINGS = Symbol('ApiSettings');
