import type { ApiSettings } from '../../platform/config/api-settings';

/** What the proof service's API modules need beyond the platform settings. */
export interface ProofServiceSettings {
  /** Networks proofs may be asked for: the chainweb version name each node serves, and its URL. */
  readonly networks: readonly { readonly network: string; readonly nodeUrl: string }[];
  readonly defaultNetwork: string;
  readonly s3: ApiSettings['s3'];
  /** Hot bundles in Redis (seconds; refreshed on every hit). */
  readonly proofCacheTtlSeconds: number;
  /** A ready proof whose root leaves the SPV window within this is reported `expiring`. */
  readonly expiringLeadMs: number;
  /** How long a watch waits for its transaction. */
  readonly watchTtlMs: number;
  /** The provenance log's id, as checkpoints are recorded on chain. */
  readonly provenanceLogId: string;
  /** BullMQ connection (same Redis and prefix as the worker). */
  readonly queue: { readonly redisUrl: string; readonly prefix: string };
  /** Timeout of chain node requests made by the API (network catalogue). */
  readonly chainTimeoutMs: number;
}

export const PROOF_SERVICE_SETTINGS = Symbol('ProofServiceSettings');

export const DEFAULT_PROOF_SERVICE_SETTINGS = {
  proofCacheTtlSeconds: 86_400,
  expiringLeadMs: 86_400_000,
  watchTtlMs: 7 * 86_400_000,
  provenanceLogId: 'spv-cloud.provenance',
  chainTimeoutMs: 5_000,
} as const;

/** BullMQ's key prefix under the deployment's Redis prefix (`spv:` → `spv:bull`), as the worker uses it. */
export function bullPrefixOf(redisKeyPrefix: string): string {
  return `${redisKeyPrefix.replace(/:+$/, '')}:bull`;
}

/**
 * The proof service settings of an API process: its platform settings, plus an optional `proofs`
 * section (wired by main.ts from @spv-cloud/config once the lead adds PROOF_* settings) over the
 * defaults. Without a `networks` list, the platform's chain node is the one network.
 */
export function proofServiceSettingsFrom(
  api: ApiSettings & { readonly proofs?: Partial<ProofServiceSettings> },
): ProofServiceSettings {
  const networks = api.proofs?.networks ?? [{ network: api.chain.networkId, nodeUrl: api.chain.nodeUrl }];
  return {
    ...DEFAULT_PROOF_SERVICE_SETTINGS,
    networks,
    defaultNetwork: networks[0]?.network ?? api.chain.networkId,
    s3: api.s3,
    queue: { redisUrl: api.redisUrl, prefix: bullPrefixOf(api.redisKeyPrefix) },
    ...(api.proofs ?? {}),
  };
}
