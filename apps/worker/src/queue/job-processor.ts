import type { JobName, JobPayloads } from '@spv-cloud/queue';

/** What a processor may ask of the running job besides finishing. */
export interface JobControl {
  /** Re-run this job after `delayMs` (it waits on purpose: no attempt is spent). */
  delay(delayMs: number): Promise<void>;
}

/**
 * One job kind's processor: thin (parse payload → call one service → map the outcome). The payload
 * arrives already checked against the queue contract.
 */
export interface JobProcessor<J extends JobName = JobName> {
  readonly jobName: J;
  process(payload: JobPayloads[J], control: JobControl): Promise<void>;
}

export const JOB_PROCESSORS = Symbol('JobProcessors');
