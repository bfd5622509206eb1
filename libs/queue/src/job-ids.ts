import { QueueError } from './queue.errors';

// Deterministic job ids: the same work always gets the same id, so BullMQ drops a duplicate while
// the first is still queued, and a retried request or a re-nudge never runs the work twice at once.
// BullMQ refuses ids that contain ':' or are integers; ours are dotted words.

const SAFE_ID = /^[A-Za-z0-9._-]{1,200}$/;

function checked(id: string): string {
  if (!SAFE_ID.test(id) || /^\d+$/.test(id)) {
    throw new QueueError('QUEUE_JOB_ID_INVALID', `job id ${JSON.stringify(id)} is not a safe BullMQ id`);
  }
  return id;
}

function quantum(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new QueueError('QUEUE_JOB_ID_INVALID', `${what} must be a non-negative integer`);
  return value;
}

export const JobIds = {
  /** New events of a tenant in one ingest quantum (many requests, one look). */
  sealOnIngest: (tenantId: string, ingestQuantum: number) =>
    checked(`seal.${tenantId}.i${quantum(ingestQuantum, 'ingest quantum')}`),
  /** The moment a group's window ends, quantised so nearby deadlines share one job. */
  sealWhenDue: (tenantId: string, dueQuantum: number) =>
    checked(`seal.${tenantId}.d${quantum(dueQuantum, 'due quantum')}`),
  /** A sweep round's nudge. */
  sealOnSweep: (tenantId: string, sweepRound: number) =>
    checked(`seal.${tenantId}.s${quantum(sweepRound, 'sweep round')}`),
  anchorBatch: (batchId: string) => checked(`anchor.${batchId}`),
  buildBatchProofs: (batchId: string, blockHash: string) => checked(`proofs.${batchId}.${blockHash}`),
  deliverWebhook: (deliveryId: string) => checked(`webhook.${deliveryId}`),
  sweepScheduler: () => checked('sweep-anchoring'),
} as const;
