import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createRedisNamespace, DEFAULT_TEST_REDIS_URL, type RedisNamespace } from '@spv-cloud/testing';
import { JobIds } from './job-ids';
import { JobProducer } from './job-producer';
import { QueueClients } from './queue-clients';
import { JobName, QueueName } from './queue-names';

describe('JobProducer against Redis (unique BullMQ prefix)', () => {
  let namespace: RedisNamespace;
  let queues: QueueClients;
  let now = 1_700_000_000_000;
  let producer: JobProducer;

  beforeAll(async () => {
    namespace = await createRedisNamespace();
    queues = new QueueClients({ redisUrl: DEFAULT_TEST_REDIS_URL, prefix: `${namespace.prefix}bull` });
    producer = new JobProducer(queues, { now: () => now, sealQuantumMs: 50 });
  });

  afterAll(async () => {
    await queues.close();
    await namespace.cleanup();
  });

  it('collapses every ingest of a tenant within one quantum into one seal job', async () => {
    const tenantId = randomUUID();
    await Promise.all([
      producer.eventsReceived(tenantId),
      producer.eventsReceived(tenantId),
      producer.eventsReceived(tenantId),
    ]);
    now += 10;
    await producer.eventsReceived(tenantId);
    const queue = queues.queue(QueueName.EventBatching);
    const jobs = (await queue.getJobs(['waiting', 'prioritized'])).filter(
      (job) => job.data.tenantId === tenantId,
    );
    expect(jobs.map((job) => job.id)).toEqual([
      JobIds.sealOnIngest(tenantId, Math.floor(1_700_000_000_000 / 50)),
    ]);
    expect(jobs[0]?.data).toEqual({ tenantId, trigger: 'ingest' });
    now += 50;
    await producer.eventsReceived(tenantId);
    expect((await queue.getJobs(['waiting'])).filter((job) => job.data.tenantId === tenantId)).toHaveLength(
      2,
    );
  });

  it('delays a due seal to the end of its quantum', async () => {
    const tenantId = randomUUID();
    await producer.sealWhenDue(tenantId, now + 1_020);
    const job = await queues
      .queue(QueueName.EventBatching)
      .getJob(JobIds.sealWhenDue(tenantId, Math.ceil((now + 1_020) / 50)));
    expect(job?.opts.delay).toBe(Math.ceil((now + 1_020) / 50) * 50 - now);
    expect(await job?.getState()).toBe('delayed');
  });

  it('refuses a payload that breaks the contract before touching Redis', async () => {
    await expect(
      producer.anchorBatch({ tenantId: 'not-a-uuid', batchId: randomUUID() }),
    ).rejects.toMatchObject({
      code: 'QUEUE_PAYLOAD_INVALID',
    });
  });

  it('re-nudges: leaves a waiting job alone, retries a failed one, re-adds a finished one', async () => {
    const tenantId = randomUUID();
    const batchId = randomUUID();
    await producer.anchorBatch({ tenantId, batchId });
    await producer.anchorBatch({ tenantId, batchId });
    const queue = queues.queue(QueueName.BatchAnchoring);
    expect((await queue.getJobs(['waiting'])).filter((job) => job.data.batchId === batchId)).toHaveLength(1);
    expect(await producer.ensureAnchorBatch({ tenantId, batchId })).toBe('present');

    // Fail it once for good (attempts exhausted), then re-nudge.
    const connection = new Redis(DEFAULT_TEST_REDIS_URL, { maxRetriesPerRequest: null });
    let runs = 0;
    const worker = new Worker(
      QueueName.BatchAnchoring,
      (job) => {
        if (job.data.batchId !== batchId) return Promise.resolve();
        runs += 1;
        return runs === 1 ? Promise.reject(new Error('node unreachable')) : Promise.resolve();
      },
      {
        connection,
        prefix: `${namespace.prefix}bull`,
        autorun: false,
        settings: { backoffStrategy: () => 0 },
      },
    );
    try {
      // One attempt only, so the first failure is final and the re-nudge has a failed job to retry.
      await queue.remove(JobIds.anchorBatch(batchId));
      await queue.add(
        JobName.AnchorBatch,
        { tenantId, batchId },
        { jobId: JobIds.anchorBatch(batchId), attempts: 1 },
      );
      const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
      void worker.run();
      await failed;
      expect(await (await queue.getJob(JobIds.anchorBatch(batchId)))?.getState()).toBe('failed');
      const completed = new Promise<void>((resolve) => worker.once('completed', () => resolve()));
      expect(await producer.ensureAnchorBatch({ tenantId, batchId })).toBe('retried');
      await completed;
      expect(runs).toBe(2);
      expect(await producer.ensureAnchorBatch({ tenantId, batchId })).toBe('added');
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });

  it('schedules one sweep however many workers ask', async () => {
    await producer.scheduleSweep(5_000);
    await producer.scheduleSweep(5_000);
    const schedulers = await queues.queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toEqual([JobIds.sweepScheduler()]);
    await expect(producer.scheduleSweep(10)).rejects.toMatchObject({ code: 'QUEUE_CONFIG_INVALID' });
  });
});
