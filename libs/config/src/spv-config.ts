import type { Ed25519SigningKey } from './signing-key';

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ChainNetwork {
  /** chainweb version the node must report (`/info` → `nodeVersion`): mainnet01, testnet04, development… */
  readonly networkId: string;
  /** Root of the chainweb-node service API, e.g. `http://127.0.0.1:1848` (no trailing slash). */
  readonly nodeUrl: string;
}

export interface StripeConfig {
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Where stripe-node sends requests (a local fake in tests); undefined = api.stripe.com. */
  readonly apiUrl:
    { readonly protocol: 'http' | 'https'; readonly host: string; readonly port: number } | undefined;
  readonly meterEventName: string;
}

/** Every setting of every SPV Cloud process. Frozen; built only by parseConfig/loadConfig. */
export interface SpvConfig {
  readonly environment: Environment;
  readonly logLevel: LogLevel;
  /** Written into provenance log entries. */
  readonly service: { readonly version: string; readonly buildHash: string };
  readonly api: {
    readonly host: string;
    readonly port: number;
    /** Base URL clients use (links in responses, portal, quick-start output). */
    readonly publicUrl: string;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
    readonly corsOrigins: readonly string[];
    readonly readinessTimeoutMs: number;
    readonly anonymousRateLimit: { readonly requestsPerMinute: number; readonly burst: number };
    /** Environment of newly created API keys: `live` in production, `test` elsewhere by default. */
    readonly apiKeyEnvironment: 'live' | 'test';
    readonly apiKeyLastUsedFlushMs: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    readonly jwtIssuer: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
  };
  readonly database: { readonly url: string; readonly poolSize: number };
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  readonly s3: {
    /** undefined = AWS S3 itself. */
    readonly endpoint: string | undefined;
    readonly region: string;
    readonly bucket: string;
    /** undefined = the AWS SDK's default credential chain (instance role…). */
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
    readonly forcePathStyle: boolean;
  };
  readonly chain: {
    readonly networks: readonly ChainNetwork[];
    readonly defaultNetwork: ChainNetwork;
    readonly requestTimeoutMs: number;
  };
  readonly anchoring: {
    readonly chainId: number;
    /** Fully qualified Pact module, e.g. `free.spv-anchor`. */
    readonly module: string;
    /** Account paying gas for anchor transactions; undefined = anchoring disabled. */
    readonly senderAccount: string | undefined;
    readonly signingKey: Ed25519SigningKey | undefined;
    readonly gasLimit: number;
    readonly gasPrice: number;
    readonly confirmationDepth: number;
  };
  readonly worker: {
    readonly concurrency: number;
    readonly batchWindowMs: number;
    readonly batchMaxSize: number;
    readonly proofCacheTtlSeconds: number;
    readonly retentionSweepIntervalMs: number;
  };
  /** Signs provenance checkpoints and retention receipts. */
  readonly signing: Ed25519SigningKey;
  /** null = billing not configured (usage is still recorded, never reported). */
  readonly stripe: StripeConfig | null;
  readonly portal: { readonly port: number };
  /** The development chain (apps/devnet); it reads these variables itself too. */
  readonly devnet: {
    readonly port: number;
    readonly dataDir: string | undefined;
    readonly blockTimeMs: number;
  };
  /** `npm start`: where embedded services keep their data (relative paths: from the repository root). */
  readonly localServices: { readonly dataDir: string };
}
