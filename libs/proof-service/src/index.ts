// Public API of @spv-cloud/proof-service (see README.md): the proof service's use cases, shared by
// the API (requests, reads, policies) and the worker (generation, refresh, retention, checkpoints).
export { ProofServiceError, invalidArgument, type ProofServiceErrorCode } from './proof-service.errors';
export { type Clock, systemClock, ManualClock, DAY_MS } from './platform/clock';
export { type ServiceSigner, type Ed25519KeyMaterial, Ed25519ServiceSigner } from './platform/service-signer';
export { uuidV7 } from './platform/uuid-v7';

// storage
export {
  BLOB_PREFIX,
  TENANT_PREFIX,
  sha256,
  blobKey,
  tenantBundleKey,
  tenantPrefix,
  contentHashHex,
  parseContentHash,
} from './storage/object-keys';
export type { ProofStore, StoredBlob, TenantBundleReference, PutBlobOptions } from './storage/proof-store';
export { S3ProofStore, HOT_DAYS_TAG, type S3ProofStoreOptions } from './storage/s3-proof-store';
export {
  bucketLifecycleRules,
  applyBucketLifecycle,
  type BucketLifecycleOptions,
  type LifecycleOutcome,
} from './storage/bucket-lifecycle';
export { ProofCache, type ProofCacheOptions } from './storage/proof-cache';
export {
  HOT_TTL_DAY_CHOICES,
  MAX_ARCHIVE_YEARS,
  type HotTtlDays,
  type RetentionPolicy,
  isHotTtlChoice,
  checkRetentionPolicy,
  hotDaysTag,
  retentionMs,
  retentionDeadline,
  retentionCutoff,
} from './storage/retention-policy';
export {
  type DeletionReceiptContent,
  deletionDigest,
  deletionReceiptMessage,
  signDeletionReceipt,
} from './storage/deletion-receipt';
export type {
  RetentionStore,
  RetentionTransaction,
  TenantRetention,
  ExpiredProofRequest,
  ProofLineage,
  StoredProofVersion,
} from './storage/retention-store';
export { RetentionRepository } from './storage/retention.repository';
export {
  RetentionSweeper,
  type RetentionSweeperOptions,
  type RetentionSweepResult,
  type TenantSweepOutcome,
} from './storage/retention-sweeper';

// proofs
export {
  SPV_PROOF_KINDS,
  type SpvProofKindName,
  type ChainProofKey,
  checkChainProofKey,
  chainProofKeyText,
  chainProofLockName,
  generationJobId,
} from './proofs/proof-key';

// provenance
export {
  PROVENANCE_ACTIONS,
  PROVENANCE_SUBJECT_KINDS,
  type ProvenanceActionName,
  type ProvenanceSubjectKindName,
  type ProvenanceEntryInput,
  type ProvenanceEntry,
  checkProvenanceEntryInput,
  provenanceEntryBytes,
  provenanceLeafHash,
} from './provenance/provenance-entry';
export {
  PROVENANCE_LOG_LOCK,
  type StoredProvenanceEntry,
  appendProvenanceEntries,
  toProvenanceEntry,
  readProvenanceLeaves,
} from './provenance/provenance-log.repository';
export { checkpointMessage } from './provenance/provenance-checkpoint';

// chain access
export type { ChainAccess, ChainAccessRegistry, TransactionLocation } from './chain/chain-access';
export {
  NodeChainAccess,
  NodeChainAccessRegistry,
  toServiceError,
  type NodeNetworkConfig,
} from './chain/node-chain-access';
export { RedisHeaderCache } from './chain/redis-header-cache';

// proof requests and generation
export {
  EVIDENCE_BUNDLE_FORMAT,
  type EvidenceBundle,
  type EvidenceBundleInput,
  type GenerationFacts,
  buildEvidenceBundle,
  encodeEvidenceBundle,
  decodeEvidenceBundle,
} from './proofs/evidence-bundle';
export type {
  ChainProofRecord,
  ChainProofStatus,
  ProofRequestRecord,
  ProofRequestStatusName,
  ProofRequestModeName,
  WaitingTenant,
  WaitingState,
  GeneratedProof,
  IssueTarget,
} from './proofs/proof-records';
export {
  ProofRepository,
  toChainProof,
  toRequest,
  type NewProofRequest,
  type CreatedProofRequest,
  type ReferenceWriter,
} from './proofs/proof.repository';
export { PROOF_STATUSES, type ProofStatusName, proofStatus, isServable } from './proofs/proof-status';
export {
  ProofGenerator,
  DEFAULT_GENERATOR_OPTIONS,
  blockDelayMs,
  type ProofGeneratorOptions,
  type ProofGeneratorDeps,
  type GenerationOutcome,
  type CrossCheckMismatch,
} from './proofs/proof-generator';
export {
  ProofRequestService,
  type NetworkCatalog,
  type ProofRequestInput,
  type ProofView,
  type ProofRequestOutcome,
  type ProofRequestServiceDeps,
} from './proofs/proof-request.service';

// sweeps and watches
export {
  ProofSweeper,
  DEFAULT_SWEEPER_OPTIONS,
  type ProofSweeperOptions,
  type ProofSweepResult,
  type WatchSweep,
} from './proofs/proof-sweeper';
export { WatchRepository, type WatchRecord, type WatchStatusName } from './watches/watch.repository';
export { WatchService, type WatchInput, type WatchView } from './watches/watch.service';
export { HeaderWatch, type HeaderWatchDeps } from './watches/header-watch';

// provenance log service, checkpoints, reads
export { ProvenanceRepository, type CheckpointRecord } from './provenance/provenance.repository';
export {
  ProvenanceLogService,
  type ProvenanceAudit,
  type AuditProblem,
  type AuditProblemKind,
  type InclusionProof,
  type ConsistencyProof,
} from './provenance/provenance-log.service';
export {
  type CheckpointAnchor,
  type AnchorSubmission,
  type AnchorConfirmation,
  PactCheckpointAnchor,
} from './provenance/checkpoint-anchor';
export {
  ProvenanceCheckpointer,
  type CheckpointCadence,
  type CheckpointRun,
} from './provenance/provenance-checkpointer';
export {
  ProvenanceService,
  toEntryView,
  type ProvenanceEntryView,
  type CheckpointView,
  type ProofProvenanceView,
  type ConsistencyView,
} from './provenance/provenance.service';
