import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { createRedisNamespace, DEFAULT_TEST_REDIS_URL, type RedisNamespace } from '@spv-cloud/testing';
import { JOB_BACKOFF_TYPE, JOB_DEFAULT_OPTIONS } from './job-options';
import { ProofJobProducer } from './proof-job-producer';
import { PROOF_PLAN_PRIORITY, ProofJobIds } from './proof-jobs';
import { QueueClients } from './queue-clients';
import { JobName, QueueName } from './queue-names';

describe('ProofJobProducer against Redis (unique BullMQ prefix)', () => {
  let namespace: RedisNamespace;
  let queues: QueueClients;
  let prefix: string;

  beforeEach(async () => {
    namespace = await createRedisNamespace();
    prefix = `${namespace.prefix}bull`;
    queues = new QueueClients({ redisUrl: DEFAULT_TEST_REDIS_URL, prefix });
  });
  afterEach(async () => {
    await queues.close();
    await namespace.cleanup();
  });

  /** Runs every queued generation job on one worker slot and returns the chain proof ids in start order. */
  async function drain(producer: ProofJobProducer, expected: number): Promise<string[]> {
    const order: string[] = [];
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const worker = new Worker(
      QueueName.ProofGeneration,
      async (job: Job<{ chainProofId: string }>) => {
        order.push(job.data.chainProofId);
        await producer.onGenerationStarted(job);
        if (order.length === expected) finish();
      },
      { connection: { url: DEFAULT_TEST_REDIS_URL }, prefix, concurrency: 1 },
    );
    await done;
    await worker.close();
    return order;
  }

  it('collapses 100 concurrent requests for one proof into one job', async () => {
    const producer = new ProofJobProducer(queues);
    const chainProofId = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        producer.generateProof({ chainProofId }, (['enterprise', 'pro', 'free'] as const)[i % 3]!),
      ),
    );
    expect(outcomes.filter((o) => o === 'added').length).toBeGreaterThanOrEqual(1);
    const jobs = await queues.queue(QueueName.ProofGeneration).getJobs(['prioritized', 'waiting', 'delayed']);
    expect(jobs.map((job) => job.id)).toEqual([ProofJobIds.generateProof(chainProofId)]);
  });

  it('raises a queued job when a better plan asks, never lowers it', async () => {
    const producer = new ProofJobProducer(queues);
    const chainProofId = randomUUID();
    await expect(producer.generateProof({ chainProofId }, 'free')).resolves.toBe('added');
    await expect(producer.generateProof({ chainProofId }, 'free')).resolves.toBe('present');
    await expect(producer.generateProof({ chainProofId }, 'enterprise')).resolves.toBe('raised');
    await expect(producer.generateProof({ chainProofId }, 'pro')).resolves.toBe('present');
    const job = await queues.queue(QueueName.ProofGeneration).getJob(ProofJobIds.generateProof(chainProofId));
    expect(job?.priority).toBe(PROOF_PLAN_PRIORITY.enterprise);
    expect(job?.opts.backoff).toEqual({ type: JOB_BACKOFF_TYPE });
    expect(job?.opts.attempts).toBe(JOB_DEFAULT_OPTIONS[JobName.GenerateProof].attempts);
  });

  it('runs enterprise before pro before free when the queue is saturated', async () => {
    // A small share (one free job per 19 paying ones) leaves the strict plan order visible.
    const producer = new ProofJobProducer(queues, { freeShare: 0.05 });
    const ids: Record<string, string> = {};
    for (const label of ['free-1', 'free-2', 'pro-1', 'enterprise-1', 'pro-2', 'enterprise-2']) {
      ids[label] = randomUUID();
      await producer.generateProof({ chainProofId: ids[label] }, label.split('-')[0] as 'free');
    }
    const order = await drain(producer, 6);
    const names = order.map((id) => Object.keys(ids).find((label) => ids[label] === id));
    expect(names).toEqual(['enterprise-1', 'enterprise-2', 'pro-1', 'pro-2', 'free-1', 'free-2']);
  });

  it('gives free jobs their share of a queue saturated with paying jobs (no starvation)', async () => {
    const producer = new ProofJobProducer(queues, { freeShare: 0.2 });
    expect(producer.premiumPerFree).toBe(4);
    const free = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      free.add(id);
      await producer.generateProof({ chainProofId: id }, 'free');
    }
    for (let i = 0; i < 12; i++) await producer.generateProof({ chainProofId: randomUUID() }, 'enterprise');
    const order = await drain(producer, 15);
    const freePositions = order.flatMap((id, i) => (free.has(id) ? [i] : []));
    // Strict priority would run them at 12, 13, 14; with a 1-in-5 share they come after every 4 paying jobs.
    expect(freePositions).toEqual([4, 9, 14]);
  });

  it('skips stale fairness entries (a free job raised by a paying tenant is not lifted twice)', async () => {
    const producer = new ProofJobProducer(queues, { freeShare: 0.5 });
    const raised = randomUUID();
    const stillFree = randomUUID();
    await producer.generateProof({ chainProofId: raised }, 'free');
    await producer.generateProof({ chainProofId: stillFree }, 'free');
    await producer.generateProof({ chainProofId: raised }, 'enterprise');
    const lifted = await producer.onGenerationStarted({ priority: PROOF_PLAN_PRIORITY.pro });
    expect(lifted).toBe(ProofJobIds.generateProof(stillFree));
    const job = await queues.queue(QueueName.ProofGeneration).getJob(ProofJobIds.generateProof(stillFree));
    expect(job?.priority).toBe(0);
    await expect(
      producer.onGenerationStarted({ priority: PROOF_PLAN_PRIORITY.free }),
    ).resolves.toBeUndefined();
  });

  it('runs a delayed (waiting on purpose) generation at once when nudged', async () => {
    const producer = new ProofJobProducer(queues);
    const chainProofId = randomUUID();
    await producer.generateProof({ chainProofId }, 'pro', { delayMs: 60_000 });
    const queue = queues.queue(QueueName.ProofGeneration);
    expect(await (await queue.getJob(ProofJobIds.generateProof(chainProofId)))?.getState()).toBe('delayed');
    await expect(producer.nudgeGeneration(chainProofId)).resolves.toBe(true);
    expect(await (await queue.getJob(ProofJobIds.generateProof(chainProofId)))?.getState()).toBe(
      'prioritized',
    );
    await expect(producer.nudgeGeneration(chainProofId)).resolves.toBe(false);
    await expect(producer.nudgeGeneration(randomUUID())).resolves.toBe(false);
  });

  it('validates payloads, plans and settings', async () => {
    const producer = new ProofJobProducer(queues);
    await expect(producer.generateProof({ chainProofId: 'nope' }, 'free')).rejects.toMatchObject({
      code: 'QUEUE_PAYLOAD_INVALID',
    });
    await expect(
      producer.generateProof({ chainProofId: randomUUID() }, 'gold' as 'free'),
    ).rejects.toMatchObject({
      code: 'QUEUE_PAYLOAD_INVALID',
    });
    expect(() => new ProofJobProducer(queues, { freeShare: 0 })).toThrow(/freeShare/);
    expect(() => new ProofJobProducer(queues, { freeShare: 0.9 })).toThrow(/freeShare/);
  });

  it('schedules the periodic proof-service jobs once per deployment', async () => {
    const producer = new ProofJobProducer(queues);
    const every = { sweepProofsMs: 60_000, sweepRetentionMs: 3_600_000, checkpointProvenanceMs: 600_000 };
    await producer.scheduleMaintenance(every);
    await producer.scheduleMaintenance(every);
    for (const [queueName, id] of [
      [QueueName.ProofMaintenance, ProofJobIds.sweepProofsScheduler()],
      [QueueName.RetentionSweep, ProofJobIds.sweepRetentionScheduler()],
      [QueueName.ProvenanceCheckpoint, ProofJobIds.checkpointProvenanceScheduler()],
    ] as const) {
      const schedulers = await queues.queue(queueName).getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual([id]);
    }
    await expect(producer.scheduleMaintenance({ ...every, sweepRetentionMs: 5 })).rejects.toMatchObject({
      code: 'QUEUE_CONFIG_INVALID',
    });
  });
});
