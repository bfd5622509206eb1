import { S3Client } from '@aws-sdk/client-s3';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ChainwebNodeClient, KeypairCommandSigner, PactCommandFactory } from '@spv-cloud/chain-client';
import type { Database } from '@spv-cloud/db';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import {
  applyBucketLifecycle,
  Ed25519ServiceSigner,
  HeaderWatch,
  NodeChainAccessRegistry,
  PactCheckpointAnchor,
  ProofCache,
  ProofGenerator,
  ProofRepository,
  ProofSweeper,
  ProvenanceCheckpointer,
  ProvenanceLogService,
  ProvenanceRepository,
  RedisHeaderCache,
  RetentionRepository,
  RetentionSweeper,
  S3ProofStore,
  WatchRepository,
  type ChainAccessRegistry,
  type CheckpointAnchor,
  type Clock,
  type ProofStore,
  type ServiceSigner,
} from '@spv-cloud/proof-service';
import { ProofJobProducer, QueueClients } from '@spv-cloud/queue';
import { Redis } from 'ioredis';
import type { WorkerSettings } from '../config/worker-settings';
import { WORKER_DATABASE, WORKER_LOGGER, WORKER_METRICS, WORKER_SETTINGS } from '../platform/worker-database';
import type { ProofWorkerSettings } from './proof-worker-settings';
import {
  CHECKPOINT_ANCHOR,
  PROOF_CACHE,
  PROOF_CHAINS,
  PROOF_CLOCK,
  PROOF_QUEUE_CLIENTS,
  PROOF_REDIS,
  PROOF_S3_CLIENT,
  PROOF_SIGNER,
  PROOF_STORE,
  PROOF_WORKER_SETTINGS,
} from './proof-worker.tokens';

/** What the worker's proof service is built from; tests replace the chain and the anchor. */
export interface ProofWorkerRuntime {
  readonly settings: ProofWorkerSettings;
  readonly chains?: ChainAccessRegistry;
  readonly checkpointAnchor?: CheckpointAnchor;
  readonly clock?: Clock;
}

/**
 * The proof service's objects in the worker (the library's classes, built from the settings):
 * storage, cache, chain access with a Redis header cache, repositories, the generator, sweeps,
 * the provenance checkpointer, the header watch, and its lifecycle (schedules, bucket rules).
 */
export function proofServiceWorkerProviders(runtime: ProofWorkerRuntime): Provider[] {
  const { settings } = runtime;
  return [
    { provide: PROOF_WORKER_SETTINGS, useValue: settings },
    { provide: PROOF_CLOCK, useValue: runtime.clock ?? { now: () => new Date() } },
    {
      provide: PROOF_REDIS,
      inject: [WORKER_SETTINGS],
      useFactory: (worker: WorkerSettings) =>
        new Redis(worker.redisUrl, {
          keyPrefix: settings.redisKeyPrefix,
          maxRetriesPerRequest: 2,
          connectTimeout: 2_000,
        }),
    },
    {
      provide: PROOF_S3_CLIENT,
      useFactory: () =>
        new S3Client({
          region: settings.s3.region,
          ...(settings.s3.endpoint ? { endpoint: settings.s3.endpoint } : {}),
          forcePathStyle: settings.s3.forcePathStyle,
          ...(settings.s3.credentials ? { credentials: { ...settings.s3.credentials } } : {}),
        }),
    },
    {
      provide: PROOF_STORE,
      inject: [PROOF_S3_CLIENT],
      useFactory: (client: S3Client) => new S3ProofStore({ client, bucket: settings.s3.bucket }),
    },
    {
      provide: PROOF_CACHE,
      inject: [PROOF_REDIS],
      useFactory: (redis: Redis) => new ProofCache(redis, { ttlSeconds: settings.proofCacheTtlSeconds }),
    },
    {
      provide: PROOF_CHAINS,
      inject: [PROOF_REDIS],
      useFactory: (redis: Redis): ChainAccessRegistry =>
        runtime.chains ??
        new NodeChainAccessRegistry(
          settings.networks.map((n) => ({
            ...n,
            headerCache: new RedisHeaderCache(redis, { network: n.network }),
          })),
        ),
    },
    {
      provide: PROOF_SIGNER,
      useFactory: (): ServiceSigner => new Ed25519ServiceSigner(settings.signingKey),
    },
    {
      provide: PROOF_QUEUE_CLIENTS,
      inject: [WORKER_SETTINGS],
      useFactory: (worker: WorkerSettings) =>
        new QueueClients({ redisUrl: worker.redisUrl, prefix: worker.queuePrefix }),
    },
    {
      provide: ProofJobProducer,
      inject: [PROOF_QUEUE_CLIENTS],
      useFactory: (queues: QueueClients) => new ProofJobProducer(queues, { freeShare: settings.freeShare }),
    },
    {
      provide: ProofRepository,
      inject: [WORKER_DATABASE],
      useFactory: (db: Database) => new ProofRepository(db),
    },
    {
      provide: ProvenanceRepository,
      inject: [WORKER_DATABASE],
      useFactory: (db: Database) => new ProvenanceRepository(db),
    },
    {
      provide: WatchRepository,
      inject: [WORKER_DATABASE],
      useFactory: (db: Database) => new WatchRepository(db),
    },
    {
      provide: ProofGenerator,
      inject: [
        ProofRepository,
        PROOF_CHAINS,
        PROOF_STORE,
        PROOF_CACHE,
        PROOF_CLOCK,
        WORKER_LOGGER,
        WORKER_METRICS,
      ],
      useFactory: (
        repository: ProofRepository,
        chains: ChainAccessRegistry,
        store: ProofStore,
        cache: ProofCache,
        clock: Clock,
        logger: Logger,
        metrics: MetricsRegistry,
      ) => {
        const mismatches = metrics.counter(
          'spv_proof_cross_check_mismatches_total',
          'Proofs the node disagreed with (never served)',
        );
        const generated = metrics.counter(
          'spv_proof_generations_total',
          'SPV proofs generated (cached and deduplicated requests cost none)',
        );
        return new ProofGenerator({
          repository,
          chains,
          store,
          cache,
          clock,
          service: settings.service,
          options: settings.generator,
          onCrossCheckMismatch: (mismatch) => {
            mismatches.inc();
            logger.error(
              { alert: 'proof_cross_check_mismatch', ...mismatch },
              'our SPV proof and the node disagree; not served',
            );
          },
          onGenerated: () => generated.inc(),
        });
      },
    },
    {
      provide: ProofSweeper,
      inject: [ProofRepository, ProofJobProducer, WatchRepository, PROOF_CLOCK],
      useFactory: (
        repository: ProofRepository,
        jobs: ProofJobProducer,
        watches: WatchRepository,
        clock: Clock,
      ) =>
        new ProofSweeper({
          repository,
          jobs,
          watches,
          clock,
          options: { refreshLeadMs: settings.sweep.refreshLeadMs, staleAfterMs: settings.sweep.staleAfterMs },
        }),
    },
    {
      provide: RetentionSweeper,
      inject: [WORKER_DATABASE, PROOF_STORE, PROOF_CACHE, PROOF_SIGNER, PROOF_CLOCK],
      useFactory: (db: Database, store: ProofStore, cache: ProofCache, signer: ServiceSigner, clock: Clock) =>
        new RetentionSweeper({
          store: new RetentionRepository(db),
          objects: store,
          cache,
          signer,
          clock,
          batchSize: settings.retention.batchSize,
          service: settings.service,
        }),
    },
    {
      provide: CHECKPOINT_ANCHOR,
      useFactory: (): CheckpointAnchor | undefined => {
        if (runtime.checkpointAnchor) return runtime.checkpointAnchor;
        const anchor = settings.provenance.anchor;
        const network = anchor && settings.networks.find((n) => n.network === anchor.network);
        if (!anchor || !network) return undefined;
        return new PactCheckpointAnchor({
          network: anchor.network,
          chainId: anchor.chainId,
          client: new ChainwebNodeClient({
            name: anchor.network,
            baseUrl: network.nodeUrl,
            chainwebVersion: anchor.network,
            chainIds: [anchor.chainId],
          }),
          factory: new PactCommandFactory({
            networkId: anchor.network,
            namespace: anchor.namespace,
            gasPayer: { account: anchor.sender.account, publicKey: anchor.sender.publicKey },
            operatorPublicKey: anchor.sender.publicKey,
            gasLimit: anchor.gasLimit,
            gasPrice: anchor.gasPrice,
          }),
          signer: new KeypairCommandSigner([
            { publicKey: anchor.sender.publicKey, secretKey: anchor.sender.secretKey },
          ]),
        });
      },
    },
    {
      provide: ProvenanceCheckpointer,
      inject: [
        ProvenanceRepository,
        ProofRepository,
        ProofJobProducer,
        PROOF_SIGNER,
        PROOF_CLOCK,
        CHECKPOINT_ANCHOR,
        WORKER_LOGGER,
        WORKER_METRICS,
      ],
      useFactory: (
        repository: ProvenanceRepository,
        proofs: ProofRepository,
        jobs: ProofJobProducer,
        signer: ServiceSigner,
        clock: Clock,
        anchor: CheckpointAnchor | undefined,
        logger: Logger,
        metrics: MetricsRegistry,
      ) => {
        const inconsistent = metrics.counter(
          'spv_provenance_inconsistencies_total',
          'Provenance log audits that failed',
        );
        return new ProvenanceCheckpointer({
          log: new ProvenanceLogService({ repository, signer, logId: settings.provenance.logId }),
          repository,
          signer,
          clock,
          cadence: {
            minNewEntries: settings.provenance.minNewEntries,
            maxAgeMs: settings.provenance.maxAgeMs,
          },
          ...(anchor ? { anchor } : {}),
          proofs,
          jobs,
          onInconsistent: (audit) => {
            inconsistent.inc();
            logger.fatal(
              {
                alert: 'provenance_inconsistent',
                problems: audit.problems.map((p) => ({
                  ...p,
                  sequence: p.sequence?.toString(),
                  treeSize: p.treeSize?.toString(),
                })),
              },
              'the provenance log does not match its checkpoints',
            );
          },
        });
      },
    },
    {
      provide: HeaderWatch,
      inject: [PROOF_CHAINS, ProofRepository, ProofJobProducer, WORKER_LOGGER],
      useFactory: (
        chains: ChainAccessRegistry,
        repository: ProofRepository,
        jobs: ProofJobProducer,
        logger: Logger,
      ) =>
        new HeaderWatch({
          chains,
          repository,
          jobs,
          onError: (network, error) =>
            logger.warn({ err: error, network }, 'header updates interrupted; reconnecting'),
        }),
    },
    ProofServiceWorkerLifecycle,
  ];
}

/** Schedules the proof service's periodic jobs, applies the bucket rules, follows headers; closes everything. */
@Injectable()
export class ProofServiceWorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROOF_WORKER_SETTINGS) private readonly settings: ProofWorkerSettings,
    private readonly jobs: ProofJobProducer,
    private readonly headers: HeaderWatch,
    @Inject(PROOF_S3_CLIENT) private readonly s3: S3Client,
    @Inject(PROOF_REDIS) private readonly redis: Redis,
    @Inject(PROOF_QUEUE_CLIENTS) private readonly queues: QueueClients,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.scheduleMaintenance({
      sweepProofsMs: this.settings.sweep.intervalMs,
      sweepRetentionMs: this.settings.retention.intervalMs,
      checkpointProvenanceMs: this.settings.provenance.intervalMs,
    });
    applyBucketLifecycle(this.s3, this.settings.s3.bucket).then(
      (outcome) =>
        this.logger.info({ bucket: this.settings.s3.bucket, outcome }, 'proof bucket lifecycle rules'),
      (error: unknown) => this.logger.warn({ err: error }, 'proof bucket lifecycle rules not applied'),
    );
    if (this.settings.followHeaders) this.headers.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.headers.stop();
    this.s3.destroy();
    await this.queues.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
