import type { WorkerSettings } from '../../src/config/worker-settings';

/** Settings for worker tests: fast windows and polls; override what a test is about. */
export function workerTestSettings(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  return {
    logLevel: 'silent',
    databaseUrl: 'postgresql://postgres@127.0.0.1:5432/unused',
    databasePoolSize: 4,
    redisUrl: 'redis://127.0.0.1:6379',
    queuePrefix: 'test:bull',
    concurrency: { sealing: 2, anchoring: 4, proofs: 2, webhooks: 2 },
    batching: { windowMs: 1_000, maxSize: 2_000, scanLimit: 50_000 },
    anchoring: {
      networks: [
        {
          name: 'development',
          nodeUrl: 'http://127.0.0.1:1',
          chainwebVersion: 'development',
          chainIds: undefined,
        },
      ],
      defaultNetwork: 'development',
      moduleNamespace: 'free',
      sender: undefined,
      gasLimit: 2_500,
      gasPrice: 0.00000001,
      confirmationDepth: 2,
      commandTtlSeconds: 60,
      submissionPolicy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
      pollIntervalMs: 500,
      blockTimeMs: 1_000,
    },
    proofs: { crossCheckNode: false },
    sweep: { intervalMs: 5_000, staleAfterMs: 30_000, forkWatchMs: 600_000 },
    ...overrides,
  };
}
