// Public API of the SPV module: legacy chainweb-node SPV proofs (TX and TXOUT), see README.md.
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
export { type HeaderSource, type PayloadSource } from './spv-sources';
export { type SpvTargetHeightOptions, SPV_PROOF_SLACK, spvTargetHeight } from './spv-target';
export { headerChainSteps, headerLinkLeaf } from './spv-header-chain';
export {
  type CreateSpvProofInput,
  type SpvTargetChoice,
  type CreateHeaderChainProofInput,
  type SpvProofCreation,
  createSpvProof,
  createSpvProofDetailed,
  createHeaderChainProof,
  headerPathProof,
} from './spv-create';
export {
  type SpvRootDistrust,
  type SpvRootTrust,
  type SpvRootTrustOptions,
  assessSpvRoot,
  checkRootTrusted,
} from './spv-root-trust';
