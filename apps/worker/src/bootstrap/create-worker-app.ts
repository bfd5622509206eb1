import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, MetricsRegistry, type Logger } from '@spv-cloud/observability';
import type { DestinationStream } from 'pino';
import type { AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import type { WebhookHttpClient } from '../webhooks/webhook-http.client';
import { checkWorkerSettings, type WorkerSettings } from '../config/worker-settings';
import type { Clock } from '../platform/worker-database';
import type { ProofWorkerRuntime } from '../proof-service/proof-service.worker-providers';
import { WorkerModule } from '../worker.module';

export interface CreateWorkerAppOptions {
  readonly logDestination?: DestinationStream;
  readonly collectProcessMetrics?: boolean;
  readonly clock?: Clock;
  readonly chainGateway?: AnchorChainGateway;
  /** Webhook POSTs (tests answer in memory); default fetch. */
  readonly webhookHttp?: WebhookHttpClient;
  readonly proofService?: ProofWorkerRuntime;
}

export interface WorkerApp {
  readonly app: INestApplicationContext;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
}

/**
 * The worker as a Nest application context (no HTTP): `main.ts` and the tests build it the same
 * way. Processing starts at `app.init()` (OnApplicationBootstrap), stops at `app.close()`.
 */
export async function createWorkerApp(
  settings: WorkerSettings,
  options: CreateWorkerAppOptions = {},
): Promise<WorkerApp> {
  checkWorkerSettings(settings);
  const logger = createLogger({
    service: 'worker',
    level: settings.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const metrics = new MetricsRegistry('worker', {
    collectProcessMetrics: options.collectProcessMetrics ?? true,
  });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      settings,
      logger,
      metrics,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.chainGateway ? { chainGateway: options.chainGateway } : {}),
      ...(options.webhookHttp ? { webhookHttp: options.webhookHttp } : {}),
      ...(options.proofService ? { proofService: options.proofService } : {}),
    }),
    { logger: false, abortOnError: false },
  );
  await app.init();
  return { app, logger, metrics };
}
