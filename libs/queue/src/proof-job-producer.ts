import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_DEFAULT_OPTIONS } from './job-options';
import { JOB_PAYLOAD_SCHEMAS, type JobPayloads } from './job-payloads';
import { PROOF_PLAN_PRIORITY, ProofJobIds, type PlanCodeName } from './proof-jobs';
import { QueueError } from './queue.errors';
import type { QueueClients } from './queue-clients';
import { JobName, QUEUE_OF_JOB } from './queue-names';

export interface ProofJobProducerOptions {
  /**
   * Share of the generation workers free-plan jobs get when the queue is saturated with paying
   * plans' jobs (0 < share ≤ 0.5): one waiting free job is lifted ahead after every
   * round((1 − share) / share) jobs of paying plans that start. Default 0.2 (one in five).
   */
  readonly freeShare?: number;
}

/** What adding a generation job did. */
export type GenerationEnqueueOutcome = 'added' | 'raised' | 'present' | 'retried';

/**
 * Producers of the proof service's jobs. Generation jobs are deduplicated by chain proof (one job
 * however many tenants ask), prioritised by the best plan among the tenants waiting (a job already
 * queued is raised when a better plan asks), and free-plan jobs get a guaranteed share.
 */
export class ProofJobProducer {
  readonly freeShare: number;
  /** Jobs of paying plans that start per lifted free job. */
  readonly premiumPerFree: number;

  constructor(
    private readonly queues: QueueClients,
    options: ProofJobProducerOptions = {},
  ) {
    this.freeShare = options.freeShare ?? 0.2;
    if (!(this.freeShare > 0 && this.freeShare <= 0.5)) {
      throw new QueueError('QUEUE_CONFIG_INVALID', 'freeShare must be in (0, 0.5]');
    }
    this.premiumPerFree = Math.max(1, Math.round((1 - this.freeShare) / this.freeShare));
  }

  /** Adds the generation job of a chain proof at its plan's priority, or raises the job already there. */
  async generateProof(
    payload: JobPayloads[JobName.GenerateProof],
    plan: PlanCodeName,
    options: { readonly delayMs?: number } = {},
  ): Promise<GenerationEnqueueOutcome> {
    const data = validate(JobName.GenerateProof, payload);
    const priority = PROOF_PLAN_PRIORITY[plan];
    if (priority === undefined) throw new QueueError('QUEUE_PAYLOAD_INVALID', `unknown plan ${String(plan)}`);
    const queue = this.queues.queue(QUEUE_OF_JOB[JobName.GenerateProof]);
    const jobId = ProofJobIds.generateProof(data.chainProofId);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry('failed');
        return 'retried';
      }
      if (state === 'completed') {
        // A finished generation of this row: a new job only if asked again (e.g. re-nudged by a sweep).
        await existing.remove();
      } else {
        if (
          (state === 'prioritized' || state === 'delayed' || state === 'waiting') &&
          isLowerPriority(existing, priority)
        ) {
          await existing.changePriority({ priority });
          return 'raised';
        }
        return 'present';
      }
    }
    const job = await queue.add(JobName.GenerateProof, data, {
      ...JOB_DEFAULT_OPTIONS[JobName.GenerateProof],
      jobId,
      priority,
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    });
    if (plan === 'free') await (await redisOf(queue)).rpush(this.freeWaitingKey(), job.id ?? jobId);
    return 'added';
  }

  /**
   * Called by the generation worker when a job starts. After every `premiumPerFree` paying-plan jobs,
   * the oldest free job still waiting at the free priority is moved to the front (BullMQ priority 0),
   * so under saturation free jobs still get `freeShare` of the workers. Returns the lifted job id.
   */
  async onGenerationStarted(job: Pick<Job, 'priority'>): Promise<string | undefined> {
    if (!(job.priority > 0 && job.priority < PROOF_PLAN_PRIORITY.free)) return undefined;
    const queue = this.queues.queue(QUEUE_OF_JOB[JobName.GenerateProof]);
    const client = await redisOf(queue);
    const started = await client.incr(this.premiumStartsKey());
    if (started % this.premiumPerFree !== 0) return undefined;
    for (;;) {
      const id = await client.lpop(this.freeWaitingKey());
      if (id === null) return undefined;
      const candidate = await queue.getJob(id);
      // Skip jobs that already ran, were raised by a paying tenant, or are waiting on purpose (delayed).
      if (!candidate || candidate.priority !== PROOF_PLAN_PRIORITY.free) continue;
      if ((await candidate.getState()) !== 'prioritized') continue;
      await candidate.changePriority({ priority: 0 });
      return id;
    }
  }

  /** onGenerationStarted for the job of a chain proof (processors see payloads, not jobs). */
  async onGenerationStartedFor(chainProofId: string): Promise<string | undefined> {
    const job = await this.queues
      .queue(QUEUE_OF_JOB[JobName.GenerateProof])
      .getJob(ProofJobIds.generateProof(chainProofId));
    return job ? this.onGenerationStarted(job) : undefined;
  }

  /** Runs a waiting (delayed) generation job now: its transaction landed or its target became reachable. */
  async nudgeGeneration(chainProofId: string): Promise<boolean> {
    const queue = this.queues.queue(QUEUE_OF_JOB[JobName.GenerateProof]);
    const job = await queue.getJob(ProofJobIds.generateProof(chainProofId));
    if (!job || (await job.getState()) !== 'delayed') return false;
    try {
      await job.promote();
      return true;
    } catch {
      // It left the delayed set meanwhile (started on its own): nothing to do.
      return false;
    }
  }

  /** The proof service's periodic system jobs (one schedule per deployment, however many workers call this). */
  async scheduleMaintenance(every: {
    readonly sweepProofsMs: number;
    readonly sweepRetentionMs: number;
    readonly checkpointProvenanceMs: number;
  }): Promise<void> {
    const schedules = [
      [JobName.SweepProofs, ProofJobIds.sweepProofsScheduler(), every.sweepProofsMs],
      [JobName.SweepRetention, ProofJobIds.sweepRetentionScheduler(), every.sweepRetentionMs],
      [
        JobName.CheckpointProvenance,
        ProofJobIds.checkpointProvenanceScheduler(),
        every.checkpointProvenanceMs,
      ],
    ] as const;
    for (const [name, id, everyMs] of schedules) {
      if (!Number.isSafeInteger(everyMs) || everyMs < 100) {
        throw new QueueError('QUEUE_CONFIG_INVALID', `${name}: interval must be at least 100 ms`);
      }
      await this.queues
        .queue(QUEUE_OF_JOB[name])
        .upsertJobScheduler(
          id,
          { every: everyMs },
          { name, data: validate(name, {}), opts: JOB_DEFAULT_OPTIONS[name] },
        );
    }
  }

  private freeWaitingKey(): string {
    return `${this.queues.options.prefix}:${QUEUE_OF_JOB[JobName.GenerateProof]}:free-waiting`;
  }

  private premiumStartsKey(): string {
    return `${this.queues.options.prefix}:${QUEUE_OF_JOB[JobName.GenerateProof]}:premium-starts`;
  }
}

/** QueueClients connects BullMQ through ioredis, so the backend's raw client is an ioredis client. */
async function redisOf(queue: Queue): Promise<Redis> {
  return (await queue.getBackend().client) as unknown as Redis;
}

function isLowerPriority(job: Job, wanted: number): boolean {
  // Priority 0 (lifted to the front) is above every plan.
  return job.priority !== 0 && job.priority > wanted;
}

function validate<J extends JobName>(name: J, payload: unknown): JobPayloads[J] {
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
