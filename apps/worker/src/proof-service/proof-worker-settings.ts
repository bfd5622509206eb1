import type { SpvConfig } from '@spv-cloud/config';
import type { Ed25519KeyMaterial, ProofGeneratorOptions } from '@spv-cloud/proof-service';
import type { WorkerSettings } from '../config/worker-settings';

/** The proof service's part of the worker (issue 6): generation, refresh, watches, retention, provenance. */
export interface ProofWorkerSettings {
  /** Written into every provenance entry. */
  readonly service: { readonly version: string; readonly buildHash: string };
  /** Networks proofs are generated on: the chainweb version each node serves, and its URL. */
  readonly networks: readonly { readonly network: string; readonly nodeUrl: string }[];
  readonly s3: {
    readonly endpoint: string | undefined;
    readonly region: string;
    readonly bucket: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
    readonly forcePathStyle: boolean;
  };
  /** The API's Redis key prefix: hot bundles and headers are shared under it. */
  readonly redisKeyPrefix: string;
  readonly proofCacheTtlSeconds: number;
  /** Signs provenance checkpoints and deletion receipts. */
  readonly signingKey: Ed25519KeyMaterial;
  /** Proof generations at once in this worker. */
  readonly concurrency: number;
  /** Share of generation slots free-plan jobs keep when paying plans saturate the queue. */
  readonly freeShare: number;
  readonly generator: Partial<ProofGeneratorOptions>;
  readonly sweep: {
    readonly intervalMs: number;
    readonly refreshLeadMs: number;
    readonly staleAfterMs: number;
  };
  readonly retention: { readonly intervalMs: number; readonly batchSize: number };
  readonly provenance: {
    readonly logId: string;
    readonly intervalMs: number;
    readonly minNewEntries: number;
    readonly maxAgeMs: number;
    /** Where checkpoints are recorded on chain; undefined = signed checkpoints only. */
    readonly anchor:
      | {
          readonly network: string;
          readonly chainId: number;
          readonly namespace: string;
          readonly sender: {
            readonly account: string;
            readonly publicKey: string;
            readonly secretKey: string;
          };
          readonly gasLimit: number;
          readonly gasPrice: number;
        }
      | undefined;
  };
  /** Follow the networks' header updates to run waiting proofs as soon as they can be made. */
  readonly followHeaders: boolean;
}

export const DEFAULT_PROOF_WORKER_TUNING = {
  freeShare: 0.2,
  sweep: { intervalMs: 60_000, refreshLeadMs: 86_400_000, staleAfterMs: 10 * 60_000 },
  retention: { batchSize: 500 },
  provenance: {
    logId: 'spv-cloud.provenance',
    intervalMs: 10 * 60_000,
    minNewEntries: 1_000,
    maxAgeMs: 3_600_000,
  },
} as const;

/**
 * The proof worker's view of the platform configuration (main.ts). Settings with no variable of their
 * own yet use the defaults above; the lead may add PROOF_* variables to @spv-cloud/config for them.
 */
export function proofWorkerSettingsFromConfig(
  config: SpvConfig,
  worker: WorkerSettings,
): ProofWorkerSettings {
  const anchorNetwork = worker.anchoring.networks.find((n) => n.name === worker.anchoring.defaultNetwork);
  return {
    service: { version: config.service.version, buildHash: config.service.buildHash },
    networks: config.chain.networks.map((network) => ({
      network: network.networkId,
      nodeUrl: network.nodeUrl,
    })),
    s3: {
      endpoint: config.s3.endpoint,
      region: config.s3.region,
      bucket: config.s3.bucket,
      credentials: config.s3.credentials ? { ...config.s3.credentials } : undefined,
      forcePathStyle: config.s3.forcePathStyle,
    },
    redisKeyPrefix: config.redis.keyPrefix,
    proofCacheTtlSeconds: config.worker.proofCacheTtlSeconds,
    signingKey: config.signing,
    concurrency: worker.concurrency.proofs,
    freeShare: DEFAULT_PROOF_WORKER_TUNING.freeShare,
    generator: {
      crossCheck: worker.proofs.crossCheckNode,
      checkpointDepth: config.anchoring.confirmationDepth,
    },
    sweep: DEFAULT_PROOF_WORKER_TUNING.sweep,
    retention: {
      intervalMs: config.worker.retentionSweepIntervalMs,
      batchSize: DEFAULT_PROOF_WORKER_TUNING.retention.batchSize,
    },
    provenance: {
      ...DEFAULT_PROOF_WORKER_TUNING.provenance,
      anchor:
        worker.anchoring.sender && anchorNetwork
          ? {
              network: anchorNetwork.name,
              chainId: config.anchoring.chainId,
              namespace: worker.anchoring.moduleNamespace,
              sender: worker.anchoring.sender,
              gasLimit: worker.anchoring.gasLimit,
              gasPrice: worker.anchoring.gasPrice,
            }
          : undefined,
    },
    followHeaders: true,
  };
}
