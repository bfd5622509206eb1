export interface StartInput {
  /** The user's settings: process environment over the .env file. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Probe results for the configured URLs; false when unset or not answering. */
  readonly reachable: { readonly postgres: boolean; readonly redis: boolean };
  readonly redisServerOnPath: boolean;
  /** Which built entries exist (apps/<name>/dist/main.js, apps/portal/dist/index.html). */
  readonly built: {
    readonly devnet: boolean;
    readonly api: boolean;
    readonly worker: boolean;
    readonly portal: boolean;
  };
  /** `--services-only`: infrastructure only, no apps. */
  readonly servicesOnly: boolean;
}

export interface StartPlan {
  /** One-line reasons start cannot proceed; empty when it can. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly postgres:
    | { readonly mode: 'external'; readonly url: string }
    | { readonly mode: 'embedded' }
    | { readonly mode: 'none' };
  readonly redis:
    | { readonly mode: 'external'; readonly url: string }
    | { readonly mode: 'redis-server' }
    | { readonly mode: 'none' };
  readonly s3: { readonly mode: 'external' } | { readonly mode: 's3rver' };
  readonly chain: { readonly mode: 'external' } | { readonly mode: 'devnet' } | { readonly mode: 'none' };
  readonly apps: { readonly api: boolean; readonly worker: boolean; readonly portal: boolean };
}

export interface LocalEndpoints {
  readonly postgresUrl?: string;
  readonly redisUrl?: string;
  readonly s3Endpoint?: string;
  readonly devnetUrl?: string;
  readonly portalUrl?: string;
  /** Absolute DATA_DIR handed to every child. */
  readonly dataDir?: string;
}

export interface DevSecrets {
  readonly jwtSecret: string;
  /** Ed25519 seed, 64 hex characters. */
  readonly serviceSigningKey: string;
  readonly postgresPassword: string;
}

export function redactUrl(value: string): string;
export function planStart(input: StartInput): StartPlan;
export function resolveEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  plan: StartPlan,
  endpoints: LocalEndpoints,
  secrets: DevSecrets | undefined,
): Record<string, string>;
export function devnetEnvironment(env: Readonly<Record<string, string>>): Record<string, string>;
export function quickStartReadiness(status: number, body: unknown): { seedable: boolean; down: string[] };
