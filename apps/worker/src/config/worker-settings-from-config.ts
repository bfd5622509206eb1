import type { SpvConfig } from '@spv-cloud/config';
import { MAX_BATCH_WINDOW_MS, MIN_BATCH_WINDOW_MS, type WorkerSettings } from './worker-settings';

/** Events a worker looks at per sealing pass, in batches of the configured size. */
const SCAN_BATCHES = 25;

/**
 * The worker's view of the platform configuration. The batch window is clamped into the issue's
 * 0.5–2 s range (the platform setting allows wider values); the chains come from each node's /info
 * until the configuration names them.
 */
export function workerSettingsFromConfig(config: SpvConfig): WorkerSettings {
  const { anchoring, worker } = config;
  const signingKey = anchoring.signingKey;
  const sender =
    anchoring.senderAccount !== undefined && signingKey !== undefined
      ? {
          account: anchoring.senderAccount,
          publicKey: signingKey.publicKeyHex,
          secretKey: Buffer.from(
            signingKey.privateKey.export({ format: 'jwk' }).d ?? '',
            'base64url',
          ).toString('hex'),
        }
      : undefined;
  const [namespace] = anchoring.module.split('.');
  return {
    logLevel: config.logLevel,
    databaseUrl: config.database.url,
    databasePoolSize: config.database.poolSize,
    redisUrl: config.redis.url,
    queuePrefix: `${config.redis.keyPrefix.replace(/:+$/, '')}:bull`,
    concurrency: {
      sealing: 2,
      anchoring: worker.concurrency * 4,
      proofs: worker.concurrency,
      webhooks: worker.concurrency,
    },
    batching: {
      windowMs: Math.min(MAX_BATCH_WINDOW_MS, Math.max(MIN_BATCH_WINDOW_MS, worker.batchWindowMs)),
      maxSize: worker.batchMaxSize,
      scanLimit: worker.batchMaxSize * SCAN_BATCHES,
    },
    anchoring: {
      networks: config.chain.networks.map((network) => ({
        name: network.networkId,
        nodeUrl: network.nodeUrl,
        chainwebVersion: network.networkId,
        chainIds: undefined,
      })),
      defaultNetwork: config.chain.defaultNetwork.networkId,
      moduleNamespace: anchoring.module.includes('.') ? (namespace ?? 'free') : 'free',
      sender,
      gasLimit: anchoring.gasLimit,
      gasPrice: anchoring.gasPrice,
      confirmationDepth: anchoring.confirmationDepth,
      commandTtlSeconds: 600,
      submissionPolicy: { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 300_000 },
      pollIntervalMs: 2_000,
      blockTimeMs: 30_000,
    },
    proofs: { crossCheckNode: true },
    sweep: { intervalMs: 5_000, staleAfterMs: 60_000, forkWatchMs: 60 * 60_000 },
  };
}
