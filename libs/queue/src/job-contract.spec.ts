import { randomUUID } from 'node:crypto';
import { parseJobPayload } from './job-consumer';
import { JobIds } from './job-ids';
import { JOB_DEFAULT_OPTIONS, JOB_RETRY_POLICIES } from './job-options';
import { JOB_PAYLOAD_SCHEMAS } from './job-payloads';
import { JobName, QUEUE_OF_JOB, QueueName } from './queue-names';

describe('the queue contract', () => {
  it('gives every job a queue, a schema, a retry policy and default options', () => {
    for (const name of Object.values(JobName)) {
      expect(Object.values(QueueName)).toContain(QUEUE_OF_JOB[name]);
      expect(JOB_PAYLOAD_SCHEMAS[name]).toBeDefined();
      expect(JOB_RETRY_POLICIES[name]).toBeDefined();
      expect(JOB_DEFAULT_OPTIONS[name]).toBeDefined();
    }
    // One queue per job kind: each processor owns its queue.
    expect(new Set(Object.values(QUEUE_OF_JOB)).size).toBe(Object.values(JobName).length);
  });

  it('requires the tenant id in every tenant job', () => {
    const tenantId = randomUUID();
    const batchId = randomUUID();
    expect(parseJobPayload(JobName.AnchorBatch, { tenantId, batchId })).toEqual({ tenantId, batchId });
    expect(() => parseJobPayload(JobName.AnchorBatch, { batchId })).toThrow(
      expect.objectContaining({
        code: 'QUEUE_PAYLOAD_INVALID',
        message: expect.stringContaining('tenantId'),
      }),
    );
    expect(() => parseJobPayload(JobName.SealEvents, { tenantId: 'acme', trigger: 'ingest' })).toThrow(
      /tenantId/,
    );
    expect(() => parseJobPayload(JobName.DeliverWebhook, { deliveryId: batchId })).toThrow(/tenantId/);
    expect(() => parseJobPayload(JobName.BuildBatchProofs, { tenantId, batchId, blockHash: 'abc' })).toThrow(
      /blockHash/,
    );
  });

  it('refuses unknown fields (payloads carry ids, never blobs)', () => {
    expect(() =>
      parseJobPayload(JobName.AnchorBatch, { tenantId: randomUUID(), batchId: randomUUID(), root: 'AAAA' }),
    ).toThrow(/QUEUE_PAYLOAD_INVALID|root|Unrecognized/);
  });

  it('derives job ids deterministically and keeps them BullMQ-safe', () => {
    const batchId = randomUUID();
    expect(JobIds.anchorBatch(batchId)).toBe(`anchor.${batchId}`);
    expect(JobIds.anchorBatch(batchId)).toBe(JobIds.anchorBatch(batchId));
    const blockHash = 'Ab-_'.repeat(10) + 'xyz';
    expect(JobIds.buildBatchProofs(batchId, blockHash)).toBe(`proofs.${batchId}.${blockHash}`);
    expect(JobIds.sealOnIngest(batchId, 7)).not.toBe(JobIds.sealWhenDue(batchId, 7));
    for (const id of [
      JobIds.sealOnIngest(batchId, 1),
      JobIds.deliverWebhook(batchId),
      JobIds.sweepScheduler(),
    ]) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
    expect(() => JobIds.anchorBatch('a:b')).toThrow(
      expect.objectContaining({ code: 'QUEUE_JOB_ID_INVALID' }),
    );
    expect(() => JobIds.sealOnIngest(batchId, -1)).toThrow(/non-negative/);
  });
});
