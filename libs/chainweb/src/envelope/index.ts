// Public API of the envelope module: JSON and binary forms of every proof we issue, and sniffing.
export {
  type EventRefJson,
  type SpvProofJson,
  type EventProofJson,
  type AnchoredEventProofJson,
  ANCHORED_EVENT_PROOF_TYPE,
  EVENT_PROOF_TYPE,
  EVENT_PROOF_JSON_VERSION,
  eventProofToJson,
  anchoredEventProofToJson,
  encodeEventProofJson,
  encodeAnchoredEventProofJson,
  parseEventProofJson,
  parseAnchoredEventProofJson,
} from './event-proof-json';
export {
  type BinaryProof,
  PROOF_BINARY_MAGIC,
  PROOF_BINARY_VERSION,
  PROOF_BINARY_KIND,
  PROOF_BINARY_CHECKSUM_LENGTH,
  encodeSpvProofBinary,
  encodeAnchoredEventProofBinary,
  encodeEventProofBinary,
  decodeProofBinary,
  hasProofBinaryMagic,
} from './proof-binary';
export { type ProofForm, type ProofKind, type DecodedProof, decodeAnyProof } from './decode-any-proof';
export {
  type AnyProofFailureReason,
  type AnyProofVerification,
  type VerifyAnyProofOptions,
  verifyAnyProof,
  verifyDecodedProof,
} from './verify-any-proof';
