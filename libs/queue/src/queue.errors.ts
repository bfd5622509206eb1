/** Machine-readable codes of every failure @spv-cloud/queue reports. */
export type QueueErrorCode =
  /** A job payload does not match its schema (a producer bug or a job from an incompatible version). */
  | 'QUEUE_PAYLOAD_INVALID'
  /** A computed job id would be refused by BullMQ (contains ':' or is an integer). */
  | 'QUEUE_JOB_ID_INVALID'
  /** Bad producer or policy settings. */
  | 'QUEUE_CONFIG_INVALID';

export class QueueError extends Error {
  override readonly name = 'QueueError';

  constructor(
    readonly code: QueueErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
