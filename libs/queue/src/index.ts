export { QueueName, JobName, QUEUE_OF_JOB } from './queue-names';
export {
  SealEventsPayload,
  AnchorBatchPayload,
  BuildBatchProofsPayload,
  DeliverWebhookPayload,
  SweepAnchoringPayload,
  BlockHashText,
  SEAL_TRIGGERS,
  JOB_PAYLOAD_SCHEMAS,
  type SealTrigger,
  type JobPayloads,
} from './job-payloads';
export { JobIds } from './job-ids';
export { JOB_BACKOFF_TYPE, JOB_RETRY_POLICIES, JOB_DEFAULT_OPTIONS, JOB_PRIORITY } from './job-options';
export {
  type RetryPolicy,
  checkRetryPolicy,
  nominalRetryDelayMs,
  retryDelayMs,
  mayRetry,
} from './retry-policy';
export { QueueClients, checkQueueConnection, type QueueConnectionOptions } from './queue-clients';
export { JobProducer, type JobProducerOptions, type EnsureOutcome } from './job-producer';
export { parseJobPayload, jobBackoffDelayMs, isJobName } from './job-consumer';
export { QueueError, type QueueErrorCode } from './queue.errors';
export {
  GenerateProofPayload,
  SweepProofsPayload,
  SweepRetentionPayload,
  CheckpointProvenancePayload,
  PROOF_PLAN_PRIORITY,
  PLAN_CODES,
  ProofJobIds,
  type PlanCodeName,
  type ProofJobPayloads,
} from './proof-jobs';
export {
  ProofJobProducer,
  type ProofJobProducerOptions,
  type GenerationEnqueueOutcome,
} from './proof-job-producer';
