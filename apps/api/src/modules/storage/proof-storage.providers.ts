import { S3Client } from '@aws-sdk/client-s3';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import {
  applyBucketLifecycle,
  NodeChainAccessRegistry,
  ProofCache,
  ProofRepository,
  ProofServiceError,
  ProvenanceRepository,
  S3ProofStore,
  WatchRepository,
  type NetworkCatalog,
} from '@spv-cloud/proof-service';
import { ProofJobProducer, QueueClients } from '@spv-cloud/queue';
import type { Database } from '@spv-cloud/db';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { DATABASE } from '../../platform/database/database.providers';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { REDIS, type RedisClient } from '../../platform/redis/redis.tokens';
import {
  PROOF_SERVICE_SETTINGS,
  proofServiceSettingsFrom,
  type ProofServiceSettings,
} from './proof-service.settings';

export const PROOF_S3_CLIENT = Symbol('ProofS3Client');
export const PROOF_QUEUE_CLIENTS = Symbol('ProofQueueClients');
export const NETWORK_CATALOG = Symbol('NetworkCatalog');

/** Chain ids any chainweb version may have: accepted without the node when it is unreachable. */
const MAX_CHAIN_ID = 19;

/**
 * The proof service's shared objects in the API process (storage, cache, repositories, queue, chain
 * networks), built once from the settings and shared by the storage, proofs, watches and provenance
 * modules.
 */
export const proofStorageProviders: Provider[] = [
  {
    provide: PROOF_SERVICE_SETTINGS,
    inject: [API_SETTINGS],
    useFactory: (settings: ApiSettings) => proofServiceSettingsFrom(settings),
  },
  {
    provide: PROOF_S3_CLIENT,
    inject: [PROOF_SERVICE_SETTINGS],
    useFactory: (settings: ProofServiceSettings) =>
      new S3Client({
        region: settings.s3.region,
        ...(settings.s3.endpoint ? { endpoint: settings.s3.endpoint } : {}),
        forcePathStyle: settings.s3.forcePathStyle,
        // The SDK mutates what it is given: hand it a copy of the frozen settings.
        ...(settings.s3.credentials ? { credentials: { ...settings.s3.credentials } } : {}),
        maxAttempts: 2,
      }),
  },
  {
    provide: S3ProofStore,
    inject: [PROOF_S3_CLIENT, PROOF_SERVICE_SETTINGS],
    useFactory: (client: S3Client, settings: ProofServiceSettings) =>
      new S3ProofStore({ client, bucket: settings.s3.bucket }),
  },
  {
    provide: ProofCache,
    inject: [REDIS, PROOF_SERVICE_SETTINGS],
    useFactory: (redis: RedisClient, settings: ProofServiceSettings) =>
      new ProofCache(redis, { ttlSeconds: settings.proofCacheTtlSeconds }),
  },
  { provide: ProofRepository, inject: [DATABASE], useFactory: (db: Database) => new ProofRepository(db) },
  {
    provide: ProvenanceRepository,
    inject: [DATABASE],
    useFactory: (db: Database) => new ProvenanceRepository(db),
  },
  { provide: WatchRepository, inject: [DATABASE], useFactory: (db: Database) => new WatchRepository(db) },
  {
    provide: PROOF_QUEUE_CLIENTS,
    inject: [PROOF_SERVICE_SETTINGS],
    useFactory: (settings: ProofServiceSettings) => new QueueClients(settings.queue),
  },
  {
    provide: ProofJobProducer,
    inject: [PROOF_QUEUE_CLIENTS],
    useFactory: (queues: QueueClients) => new ProofJobProducer(queues),
  },
  {
    provide: NodeChainAccessRegistry,
    inject: [PROOF_SERVICE_SETTINGS],
    useFactory: (settings: ProofServiceSettings) =>
      new NodeChainAccessRegistry(
        settings.networks.map((n) => ({ ...n, timeoutMs: settings.chainTimeoutMs })),
      ),
  },
  {
    provide: NETWORK_CATALOG,
    inject: [NodeChainAccessRegistry],
    useFactory: (registry: NodeChainAccessRegistry): NetworkCatalog => ({
      checkChains: async (network, chainIds) => {
        const access = registry.get(network);
        try {
          const version = await access.version();
          const unknown = chainIds.find((id) => !version.hasChain(id));
          if (unknown !== undefined) {
            throw new ProofServiceError('unknown_chain', `chain ${unknown} is not a chain of ${network}`);
          }
        } catch (error) {
          if (!(error instanceof ProofServiceError) || error.code !== 'chain_unavailable') throw error;
          // The node is away: accept any possible chain id; the worker checks against the node later.
          const impossible = chainIds.find((id) => id > MAX_CHAIN_ID);
          if (impossible !== undefined)
            throw new ProofServiceError('unknown_chain', `chain ${impossible} does not exist`);
        }
      },
    }),
  },
];

/** Applies the bucket lifecycle rules at start (in the background: start-up never waits on S3) and closes clients. */
@Injectable()
export class ProofStorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROOF_S3_CLIENT) private readonly client: S3Client,
    @Inject(PROOF_QUEUE_CLIENTS) private readonly queues: QueueClients,
    @Inject(PROOF_SERVICE_SETTINGS) private readonly settings: ProofServiceSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    applyBucketLifecycle(this.client, this.settings.s3.bucket).then(
      (outcome) =>
        this.logger.info({ bucket: this.settings.s3.bucket, outcome }, 'proof bucket lifecycle rules'),
      (error: unknown) =>
        this.logger.warn(
          { err: error, bucket: this.settings.s3.bucket },
          'proof bucket lifecycle rules not applied',
        ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.destroy();
    await this.queues.close();
  }
}
