import { JOB_RETRY_POLICIES } from './job-options';
import { JOB_PAYLOAD_SCHEMAS, type JobPayloads } from './job-payloads';
import { QueueError } from './queue.errors';
import { JobName } from './queue-names';
import { retryDelayMs } from './retry-policy';

const JOB_NAMES = new Set<string>(Object.values(JobName));

export function isJobName(name: unknown): name is JobName {
  return typeof name === 'string' && JOB_NAMES.has(name);
}

/**
 * A consumer's view of a job's data: checked against the job's schema, so a processor never acts on
 * a payload from a producer of another version. Throws QueueError QUEUE_PAYLOAD_INVALID.
 */
export function parseJobPayload<J extends JobName>(name: J, data: unknown): JobPayloads[J] {
  const parsed = JOB_PAYLOAD_SCHEMAS[name].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QueueError(
      'QUEUE_PAYLOAD_INVALID',
      `${name}: ${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload'}`,
    );
  }
  return parsed.data as JobPayloads[J];
}

/** BullMQ `backoffStrategy`: the delay before a thrown job's next attempt, by its kind's policy. */
export function jobBackoffDelayMs(
  jobName: string,
  attemptsMade: number,
  random: () => number = Math.random,
): number {
  if (!isJobName(jobName)) return 1_000;
  return retryDelayMs(JOB_RETRY_POLICIES[jobName], Math.max(1, attemptsMade), random);
}
