// Public API of the SPV module: legacy chainweb-node SPV proofs (TX and TXOUT).
export {
  type SpvProof,
  type SpvProofKind,
  type SpvAlgorithm,
  SPV_ALGORITHM,
  SPV_SUBJECT_TAG,
  spvProof,
  spvProofKindOfTag,
} from './spv-proof';
export {
  encodeSpvProofJson,
  encodeSpvProofBase64Url,
  encodeSpvResponse,
  parseSpvProof,
  spvProofFromObject,
} from './spv-proof-json';
export {
  type SpvFailureReason,
  type SpvVerifyOptions,
  type SpvVerified,
  type SpvRejected,
  type SpvVerification,
  verifySpvProof,
} from './spv-verify';
