import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { bindTenantToRequestContext, runWithRequestContext, type Logger } from '@spv-cloud/observability';
import {
  JobName,
  JobProducer,
  jobBackoffDelayMs,
  parseJobPayload,
  QUEUE_OF_JOB,
  QueueError,
} from '@spv-cloud/queue';
import type { WorkerSettings } from '../config/worker-settings';
import { WORKER_LOGGER, WORKER_SETTINGS } from '../platform/worker-database';
import { JOB_PROCESSORS, type JobProcessor } from './job-processor';

/**
 * Runs one BullMQ Worker per processor (one queue per job kind), each on its own blocking Redis
 * connection. A job's payload is checked against the queue contract first (a foreign payload fails
 * for good), every log line of the job carries its tenant, and a processor that waits re-delays the
 * same job instead of holding a slot.
 */
@Injectable()
export class QueueWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(JOB_PROCESSORS) private readonly processors: readonly JobProcessor[],
    private readonly producer: JobProducer,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const processor of this.processors) this.workers.push(this.start(processor));
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    await this.producer.scheduleSweep(this.settings.sweep.intervalMs);
    this.logger.info(
      { queues: this.processors.map((processor) => QUEUE_OF_JOB[processor.jobName]) },
      'worker processing',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    await Promise.allSettled(this.connections.map((connection) => connection.quit()));
  }

  private start(processor: JobProcessor): Worker {
    const connection = new Redis(this.settings.redisUrl, { maxRetriesPerRequest: null });
    this.connections.push(connection);
    return new Worker(
      QUEUE_OF_JOB[processor.jobName],
      (job: Job, token?: string) => this.run(processor, job, token),
      {
        connection,
        prefix: this.settings.queuePrefix,
        concurrency: this.concurrencyOf(processor.jobName),
        settings: {
          backoffStrategy: (attemptsMade, _type, _error, job) =>
            jobBackoffDelayMs(job?.name ?? '', attemptsMade),
        },
      },
    );
  }

  private async run(processor: JobProcessor, job: Job, token: string | undefined): Promise<void> {
    if (job.name !== String(processor.jobName))
      throw new UnrecoverableError(`unexpected job ${job.name} in ${QUEUE_OF_JOB[processor.jobName]}`);
    let payload;
    try {
      payload = parseJobPayload(processor.jobName, job.data);
    } catch (error) {
      if (error instanceof QueueError) throw new UnrecoverableError(error.message);
      throw error;
    }
    let delayedUntil: number | undefined;
    await runWithRequestContext(`job:${job.id ?? job.name}`, async () => {
      const tenantId = 'tenantId' in payload ? payload.tenantId : undefined;
      if (tenantId) bindTenantToRequestContext(tenantId, `job:${job.name}`);
      await processor.process(payload, {
        delay: (delayMs) => {
          delayedUntil = Date.now() + Math.max(0, Math.round(delayMs));
          return Promise.resolve();
        },
      });
    });
    if (delayedUntil !== undefined) {
      await job.moveToDelayed(delayedUntil, token);
      throw new DelayedError();
    }
  }

  private concurrencyOf(jobName: JobName): number {
    const { concurrency } = this.settings;
    switch (jobName) {
      case JobName.SealEvents:
        return concurrency.sealing;
      case JobName.AnchorBatch:
        return concurrency.anchoring;
      case JobName.BuildBatchProofs:
        return concurrency.proofs;
      case JobName.DeliverWebhook:
        return concurrency.webhooks;
      case JobName.GenerateProof:
        return concurrency.proofs;
      default:
        return 1;
    }
  }
}
