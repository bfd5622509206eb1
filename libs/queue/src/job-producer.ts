import type { JobsOptions } from 'bullmq';
import { JobIds } from './job-ids';
import { JOB_DEFAULT_OPTIONS, JOB_PRIORITY } from './job-options';
import { JOB_PAYLOAD_SCHEMAS, type JobPayloads } from './job-payloads';
import { QueueError } from './queue.errors';
import type { QueueClients } from './queue-clients';
import { JobName, QUEUE_OF_JOB } from './queue-names';

export interface JobProducerOptions {
  /** Milliseconds since the epoch (tests pin it). */
  readonly now?: () => number;
  /**
   * Width of the ingest and due quanta (ms, default 50): every ingest of a tenant within one quantum
   * shares one seal job, and window ends within one quantum share one due job.
   */
  readonly sealQuantumMs?: number;
}

/** What a re-nudge did: BullMQ keeps one job per id, so a job already waiting is left alone. */
export type EnsureOutcome = 'added' | 'present' | 'retried';

/**
 * Typed producers for every job of the queue contract. Payloads are checked against their schema
 * before they reach Redis, and every job id is derived from the payload (JobIds), so the same work
 * enqueued twice is one job.
 */
export class JobProducer {
  private readonly now: () => number;
  private readonly quantumMs: number;

  constructor(
    private readonly queues: QueueClients,
    options: JobProducerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.quantumMs = options.sealQuantumMs ?? 50;
    if (!Number.isSafeInteger(this.quantumMs) || this.quantumMs < 1 || this.quantumMs > 60_000) {
      throw new QueueError('QUEUE_CONFIG_INVALID', 'sealQuantumMs must be an integer in 1..60000');
    }
  }

  /** New events of `tenantId` are stored: the batcher should look now. */
  eventsReceived(tenantId: string): Promise<void> {
    const payload = { tenantId, trigger: 'ingest' as const };
    const quantum = Math.floor(this.now() / this.quantumMs);
    return this.add(JobName.SealEvents, payload, { jobId: JobIds.sealOnIngest(tenantId, quantum) });
  }

  /** A group's window ends at `dueAtMs`: look again then (rounded up to the quantum). */
  sealWhenDue(tenantId: string, dueAtMs: number): Promise<void> {
    const quantum = Math.ceil(dueAtMs / this.quantumMs);
    const delay = Math.max(0, quantum * this.quantumMs - this.now());
    return this.add(
      JobName.SealEvents,
      { tenantId, trigger: 'due' },
      { jobId: JobIds.sealWhenDue(tenantId, quantum), delay },
    );
  }

  /** The sweep found overdue events of `tenantId`. */
  sealOnSweep(tenantId: string, sweepRound: number): Promise<void> {
    return this.add(
      JobName.SealEvents,
      { tenantId, trigger: 'sweep' },
      { jobId: JobIds.sealOnSweep(tenantId, sweepRound), priority: JOB_PRIORITY.sweep },
    );
  }

  anchorBatch(payload: JobPayloads[JobName.AnchorBatch], options: { delayMs?: number } = {}): Promise<void> {
    return this.add(JobName.AnchorBatch, payload, {
      jobId: JobIds.anchorBatch(payload.batchId),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    });
  }

  /** Re-nudge (sweep, operator replay): adds the job if it is gone, retries it if it failed. */
  ensureAnchorBatch(payload: JobPayloads[JobName.AnchorBatch]): Promise<EnsureOutcome> {
    return this.ensure(JobName.AnchorBatch, payload, JobIds.anchorBatch(payload.batchId));
  }

  buildBatchProofs(payload: JobPayloads[JobName.BuildBatchProofs]): Promise<void> {
    return this.add(JobName.BuildBatchProofs, payload, {
      jobId: JobIds.buildBatchProofs(payload.batchId, payload.blockHash),
    });
  }

  ensureBuildBatchProofs(payload: JobPayloads[JobName.BuildBatchProofs]): Promise<EnsureOutcome> {
    return this.ensure(
      JobName.BuildBatchProofs,
      payload,
      JobIds.buildBatchProofs(payload.batchId, payload.blockHash),
    );
  }

  deliverWebhook(
    payload: JobPayloads[JobName.DeliverWebhook],
    options: { delayMs?: number } = {},
  ): Promise<void> {
    return this.add(JobName.DeliverWebhook, payload, {
      jobId: JobIds.deliverWebhook(payload.deliveryId),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    });
  }

  /** Re-delivers a webhook (replay): adds it again if it finished, retries it if it failed. */
  ensureDeliverWebhook(payload: JobPayloads[JobName.DeliverWebhook]): Promise<EnsureOutcome> {
    return this.ensure(JobName.DeliverWebhook, payload, JobIds.deliverWebhook(payload.deliveryId));
  }

  /** Runs the sweep every `everyMs` (one schedule per deployment, however many workers call this). */
  async scheduleSweep(everyMs: number): Promise<void> {
    if (!Number.isSafeInteger(everyMs) || everyMs < 100) {
      throw new QueueError('QUEUE_CONFIG_INVALID', 'sweep interval must be at least 100 ms');
    }
    const payload = this.validate(JobName.SweepAnchoring, {});
    await this.queues
      .queue(QUEUE_OF_JOB[JobName.SweepAnchoring])
      .upsertJobScheduler(
        JobIds.sweepScheduler(),
        { every: everyMs },
        { name: JobName.SweepAnchoring, data: payload, opts: JOB_DEFAULT_OPTIONS[JobName.SweepAnchoring] },
      );
  }

  private validate<J extends JobName>(name: J, payload: unknown): JobPayloads[J] {
    const parsed = JOB_PAYLOAD_SCHEMAS[name].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QueueError(
        'QUEUE_PAYLOAD_INVALID',
        `${name}: ${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload'}`,
      );
    }
    return parsed.data as JobPayloads[J];
  }

  private async add<J extends JobName>(
    name: J,
    payload: JobPayloads[J],
    options: JobsOptions & { jobId: string },
  ): Promise<void> {
    const data = this.validate(name, payload);
    const queue = this.queues.queue(QUEUE_OF_JOB[name]);
    // A duplicate id is silently kept as the one job BullMQ already has.
    await queue.add(name, data, { ...JOB_DEFAULT_OPTIONS[name], ...options });
  }

  private async ensure<J extends JobName>(
    name: J,
    payload: JobPayloads[J],
    jobId: string,
  ): Promise<EnsureOutcome> {
    const data = this.validate(name, payload);
    const queue = this.queues.queue(QUEUE_OF_JOB[name]);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry('failed');
        return 'retried';
      }
      if (state !== 'completed') return 'present';
      await existing.remove();
    }
    await queue.add(name, data, { ...JOB_DEFAULT_OPTIONS[name], jobId });
    return 'added';
  }
}
