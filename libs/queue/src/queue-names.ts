/**
 * Every BullMQ queue of SPV Cloud. One queue per job kind, so each processor owns its queue, its
 * concurrency and its retry policy; the names are part of the Redis key layout (`<prefix>:<queue>:…`),
 * so renaming one strands the jobs already in it.
 */
export enum QueueName {
  /** "Tenant T has events waiting": the batcher groups them and seals batches. */
  EventBatching = 'event-batching',
  /** Submit a sealed batch's root on chain and follow it to the confirmation depth. */
  BatchAnchoring = 'batch-anchoring',
  /** Build and store every event's anchored event proof of a confirmed batch. */
  BatchProofs = 'batch-proofs',
  /** Deliver one webhook (batch.confirmed, event.proof_ready). */
  WebhookDelivery = 'webhook-delivery',
  /** Periodic system sweeps that re-nudge work a lost job would otherwise leave behind. */
  Maintenance = 'maintenance',
  /** Generate (or refresh) one SPV proof, shared by every tenant that asked (proof-jobs.ts). */
  ProofGeneration = 'proof-generation',
  /** Proof service sweep: refresh proofs nearing expiry, expire watches, re-nudge lost jobs. */
  ProofMaintenance = 'proof-maintenance',
  /** Retention sweep: delete what is past retention, with receipts. */
  RetentionSweep = 'retention-sweep',
  /** Provenance log checkpoints (audit, sign, anchor on chain). */
  ProvenanceCheckpoint = 'provenance-checkpoint',
}

/** The job kinds, one per queue (a job's name is its kind). */
export enum JobName {
  SealEvents = 'seal-events',
  AnchorBatch = 'anchor-batch',
  BuildBatchProofs = 'build-batch-proofs',
  DeliverWebhook = 'deliver-webhook',
  SweepAnchoring = 'sweep-anchoring',
  GenerateProof = 'generate-proof',
  SweepProofs = 'sweep-proofs',
  SweepRetention = 'sweep-retention',
  CheckpointProvenance = 'checkpoint-provenance',
}

export const QUEUE_OF_JOB: Readonly<Record<JobName, QueueName>> = {
  [JobName.SealEvents]: QueueName.EventBatching,
  [JobName.AnchorBatch]: QueueName.BatchAnchoring,
  [JobName.BuildBatchProofs]: QueueName.BatchProofs,
  [JobName.DeliverWebhook]: QueueName.WebhookDelivery,
  [JobName.SweepAnchoring]: QueueName.Maintenance,
  [JobName.GenerateProof]: QueueName.ProofGeneration,
  [JobName.SweepProofs]: QueueName.ProofMaintenance,
  [JobName.SweepRetention]: QueueName.RetentionSweep,
  [JobName.CheckpointProvenance]: QueueName.ProvenanceCheckpoint,
};
