import type { LogLevel } from '@spv-cloud/observability';
import { checkRetryPolicy, type RetryPolicy } from '@spv-cloud/queue';

/** A Chainweb network batches are anchored on. */
export interface AnchorNetworkSettings {
  /** Our name for it (stored in `batches.network`), e.g. `development`, `testnet04`. */
  readonly name: string;
  readonly nodeUrl: string;
  /** The chainweb version in the node's URLs (`/chainweb/0.0/<version>`); usually the name. */
  readonly chainwebVersion: string;
  /** Chains the contract is deployed on; undefined = every chain the node reports in /info. */
  readonly chainIds: readonly number[] | undefined;
}

/** Everything the worker process needs, resolved once at boot (main.ts maps @spv-cloud/config onto it). */
export interface WorkerSettings {
  readonly logLevel: LogLevel;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  /** BullMQ key prefix, shared with the API's producers. */
  readonly queuePrefix: string;
  readonly concurrency: {
    readonly sealing: number;
    readonly anchoring: number;
    readonly proofs: number;
    readonly webhooks: number;
  };
  readonly batching: {
    /** A group's batch is sealed this long after its first event (0.5–2 s)… */
    readonly windowMs: number;
    /** …or as soon as it holds this many events, whichever comes first. */
    readonly maxSize: number;
    /** At most this many pending events of a tenant are looked at per sealing pass. */
    readonly scanLimit: number;
  };
  readonly anchoring: {
    readonly networks: readonly AnchorNetworkSettings[];
    /** Where tenants without a pinned network anchor. */
    readonly defaultNetwork: string;
    /** Namespace the spv-anchor module is deployed in (`free` for `free.spv-anchor`). */
    readonly moduleNamespace: string;
    /** The gas payer and operator: account and its ed25519 key (hex seed and public key). */
    readonly sender:
      { readonly account: string; readonly publicKey: string; readonly secretKey: string } | undefined;
    readonly gasLimit: number;
    readonly gasPrice: number;
    /** Blocks on top of the anchoring block before it counts as confirmed. */
    readonly confirmationDepth: number;
    /** TTL of anchoring commands: an uncommitted command is dropped (and resubmitted) after it. */
    readonly commandTtlSeconds: number;
    /** Submissions of one batch before it is given up (alert state). */
    readonly submissionPolicy: RetryPolicy;
    /** How often a submitted anchor is polled while it waits for inclusion. */
    readonly pollIntervalMs: number;
    /** Expected block time, to wait for confirmations without polling every block. */
    readonly blockTimeMs: number;
  };
  readonly proofs: {
    /** Compare our TXOUT proof with the node's /pact/spv answer (logged and counted, never trusted). */
    readonly crossCheckNode: boolean;
  };
  readonly sweep: {
    readonly intervalMs: number;
    /** Work untouched this long is re-nudged. */
    readonly staleAfterMs: number;
    /** Confirmed batches are re-checked for forks for this long. */
    readonly forkWatchMs: number;
  };
}

export const MIN_BATCH_WINDOW_MS = 500;
export const MAX_BATCH_WINDOW_MS = 2_000;

export class WorkerSettingsError extends Error {
  override readonly name = 'WorkerSettingsError';
}

/** Checks the ranges the issue fixes (batch window 0.5–2 s…); throws WorkerSettingsError naming the setting. */
export function checkWorkerSettings(settings: WorkerSettings): WorkerSettings {
  const fail = (message: string): never => {
    throw new WorkerSettingsError(message);
  };
  const { windowMs, maxSize, scanLimit } = settings.batching;
  if (!Number.isInteger(windowMs) || windowMs < MIN_BATCH_WINDOW_MS || windowMs > MAX_BATCH_WINDOW_MS) {
    fail(`batching.windowMs must be ${MIN_BATCH_WINDOW_MS}..${MAX_BATCH_WINDOW_MS} ms, got ${windowMs}`);
  }
  if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > 1_000_000)
    fail(`batching.maxSize must be 1..1000000, got ${maxSize}`);
  if (!Number.isInteger(scanLimit) || scanLimit < maxSize)
    fail('batching.scanLimit must be at least batching.maxSize');
  if (settings.anchoring.networks.length === 0) fail('anchoring.networks must name at least one network');
  if (!settings.anchoring.networks.some((network) => network.name === settings.anchoring.defaultNetwork)) {
    fail(`anchoring.defaultNetwork ${settings.anchoring.defaultNetwork} is not one of anchoring.networks`);
  }
  const { confirmationDepth, commandTtlSeconds, pollIntervalMs, blockTimeMs } = settings.anchoring;
  if (!Number.isInteger(confirmationDepth) || confirmationDepth < 0)
    fail('anchoring.confirmationDepth must be >= 0');
  if (!Number.isInteger(commandTtlSeconds) || commandTtlSeconds < 1)
    fail('anchoring.commandTtlSeconds must be >= 1');
  if (!(pollIntervalMs > 0) || !(blockTimeMs > 0))
    fail('anchoring.pollIntervalMs and blockTimeMs must be positive');
  checkRetryPolicy(settings.anchoring.submissionPolicy);
  for (const [name, value] of Object.entries(settings.concurrency)) {
    if (!Number.isInteger(value) || value < 1) fail(`concurrency.${name} must be a positive integer`);
  }
  return settings;
}
