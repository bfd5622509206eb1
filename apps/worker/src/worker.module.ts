import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { createDatabase, type Database } from '@spv-cloud/db';
import type { Logger, MetricsRegistry } from '@spv-cloud/observability';
import { JobProducer, QueueClients } from '@spv-cloud/queue';
import { ANCHOR_CHAIN_GATEWAY, type AnchorChainGateway } from './anchoring/anchor-chain.gateway';
import { BatchAnchoringRepository } from './anchoring/batch-anchoring.repository';
import { BatchAnchoringService } from './anchoring/batch-anchoring.service';
import { ChainwebAnchorGateway } from './anchoring/chainweb-anchor.gateway';
import { BatchSealerRepository } from './batching/batch-sealer.repository';
import { BatchSealer } from './batching/batch-sealer.service';
import type { WorkerSettings } from './config/worker-settings';
import {
  type Clock,
  systemClock,
  WORKER_CLOCK,
  WORKER_DATABASE,
  WORKER_LOGGER,
  WORKER_METRICS,
  WORKER_SETTINGS,
} from './platform/worker-database';
import { AnchorBatchProcessor } from './processors/anchor-batch.processor';
import { DeliverWebhookProcessor } from './processors/deliver-webhook.processor';
import { BuildBatchProofsProcessor } from './processors/build-batch-proofs.processor';
import { SealEventsProcessor } from './processors/seal-events.processor';
import { SweepAnchoringProcessor } from './processors/sweep-anchoring.processor';
import { AnchorForkService } from './proofs/anchor-fork.service';
import { BatchProofRepository } from './proofs/batch-proof.repository';
import { BatchProofService } from './proofs/batch-proof.service';
import { PostgresProofBlobStore, PROOF_BLOB_STORE } from './proofs/proof-blob.store';
import { PROOF_PROCESSORS } from './proof-service/proof-processors';
import {
  proofServiceWorkerProviders,
  type ProofWorkerRuntime,
} from './proof-service/proof-service.worker-providers';
import { JOB_PROCESSORS, type JobProcessor } from './queue/job-processor';
import { QueueWorkersService } from './queue/queue-workers.service';
import { AnchoringSweepRepository } from './sweep/anchoring-sweep.repository';
import { AnchoringSweepService } from './sweep/anchoring-sweep.service';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import {
  FetchWebhookHttpClient,
  WEBHOOK_HTTP_CLIENT,
  type WebhookHttpClient,
} from './webhooks/webhook-http.client';

export interface WorkerRuntime {
  readonly settings: WorkerSettings;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  /** Tests pin the clock or talk to a fake chain; production uses the wall clock and the node. */
  readonly clock?: Clock;
  readonly chainGateway?: AnchorChainGateway;
  /** Tests answer webhook deliveries in memory; production POSTs with fetch. */
  readonly webhookHttp?: WebhookHttpClient;
  /** The proof service (issue 6): generation, refresh, watches, retention, provenance; absent = not run. */
  readonly proofService?: ProofWorkerRuntime;
}

const QUEUE_CLIENTS = Symbol('QueueClients');

@Injectable()
class WorkerConnections implements OnApplicationShutdown {
  constructor(
    @Inject(WORKER_DATABASE) private readonly database: Database,
    @Inject(QUEUE_CLIENTS) private readonly queues: QueueClients,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.database.close();
  }
}

const PROCESSORS = [
  SealEventsProcessor,
  AnchorBatchProcessor,
  BuildBatchProofsProcessor,
  DeliverWebhookProcessor,
  SweepAnchoringProcessor,
];

/** The worker: services behind ports, and the BullMQ processors that drive them. */
@Global()
@Module({})
export class WorkerModule {
  static forRoot(runtime: WorkerRuntime): DynamicModule {
    const { settings } = runtime;
    const processors = [...PROCESSORS, ...(runtime.proofService ? PROOF_PROCESSORS : [])];
    const providers: Provider[] = [
      { provide: WORKER_SETTINGS, useValue: settings },
      { provide: WORKER_LOGGER, useValue: runtime.logger },
      { provide: WORKER_METRICS, useValue: runtime.metrics },
      { provide: WORKER_CLOCK, useValue: runtime.clock ?? systemClock },
      {
        provide: WORKER_DATABASE,
        useFactory: () =>
          createDatabase(settings.databaseUrl, {
            applicationName: 'spv-worker',
            poolSize: settings.databasePoolSize,
            onPoolError: (error) => runtime.logger.warn({ err: error }, 'database pool error'),
          }),
      },
      {
        provide: QUEUE_CLIENTS,
        useFactory: () => new QueueClients({ redisUrl: settings.redisUrl, prefix: settings.queuePrefix }),
      },
      {
        provide: JobProducer,
        inject: [QUEUE_CLIENTS],
        useFactory: (queues: QueueClients) => new JobProducer(queues),
      },
      {
        provide: ANCHOR_CHAIN_GATEWAY,
        useFactory: () => runtime.chainGateway ?? new ChainwebAnchorGateway(settings.anchoring),
      },
      { provide: PROOF_BLOB_STORE, useClass: PostgresProofBlobStore },
      { provide: WEBHOOK_HTTP_CLIENT, useFactory: () => runtime.webhookHttp ?? new FetchWebhookHttpClient() },
      WebhookDeliveriesRepository,
      WebhookDeliveryService,
      WorkerConnections,
      BatchSealerRepository,
      BatchSealer,
      BatchAnchoringRepository,
      BatchAnchoringService,
      BatchProofRepository,
      AnchorForkService,
      BatchProofService,
      AnchoringSweepRepository,
      AnchoringSweepService,
      ...(runtime.proofService ? proofServiceWorkerProviders(runtime.proofService) : []),
      ...processors,
      {
        provide: JOB_PROCESSORS,
        inject: processors,
        useFactory: (...processors: JobProcessor[]) => processors,
      },
      QueueWorkersService,
    ];
    return { module: WorkerModule, global: true, providers, exports: providers };
  }
}
