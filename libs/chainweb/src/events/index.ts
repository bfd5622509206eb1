// Public API of the events module: event batches, per-event proofs, anchored event proofs.
export {
  type EventDigestAlgorithm,
  type EventScope,
  type EventRef,
  EVENT_LEAF_MAGIC,
  EVENT_LEAF_VERSION,
  EVENT_DIGEST_ALGORITHMS,
  MAX_TENANT_ID_BYTES,
  MAX_NAMESPACE_BYTES,
  MAX_BATCH_EVENTS,
  isEventDigestAlgorithm,
  digestLengthOf,
  EventLeafEncoder,
  encodeEventLeaf,
  decodeEventLeaf,
  eventLeafHash,
} from './event-leaf';
export { inclusionStepCount } from './event-inclusion';
export { type EventBatchInput, EventBatch, buildEventBatch } from './event-batch';
export {
  type EventBatchRef,
  type EventInclusionProof,
  type EventProofFailureReason,
  type EventProofVerification,
  type VerifyEventProofOptions,
  checkEventInclusionProof,
  verifyEventProof,
} from './event-proof';
export { EventBatchVerifier } from './event-batch-verifier';
export {
  type AnchorRecord,
  type AnchorRecordJson,
  ANCHOR_HASH_ALGORITHM,
  MAX_BATCH_ID_BYTES,
  anchorRecordToJson,
  parseAnchorRecord,
} from './anchor-record';
export {
  type AnchoredBatchRef,
  type AnchoredEventProof,
  type AnchoredEventFailureReason,
  type AnchoredEventVerification,
  type VerifyAnchoredEventOptions,
  anchorEventProof,
  anchorRecordOf,
  checkAnchoredEventProof,
  verifyAnchoredEventProof,
} from './anchored-event-proof';
