// Public API of the header module (owner: headers engineer). Matches /work/chainweb-api.md. Additions:
// validateBlockHeader(h, version | { version, parent, adjacentParents, now, requireLinkedParent })
// also returns `unchecked` (checks that lacked context); checkProofOfWork(h, version?) takes an
// optional version; genesisBlockHeader builds genesis headers from a version; blockHeaderFromObjectJson
// also accepts the JSON text (exact u64 featureFlags) and old nodes' swapped nonce/featureFlags labels.
export { type AdjacentHash, type BlockHeader, checkBlockHeaderShape } from './block-header';
export {
  ADJACENT_RECORD_LENGTH,
  BLOCK_HEADER_BASE_LENGTH,
  blockHeaderLength,
  decodeBlockHeader,
  decodeBlockHeaderBase64Url,
  encodeBlockHeader,
  encodeBlockHeaderBase64Url,
  encodeBlockHeaderWithoutHash,
} from './block-header-codec';
export {
  adjacentLeafIndex,
  blockHeaderLeafHashes,
  blockHeaderTree,
  chainIdLeafHash,
  computeBlockHash,
  genesisParentBlockHash,
  HEADER_FIXED_LEAF_COUNT,
  HEADER_LEAF,
} from './block-header-merkle';
export {
  type BlockHeaderJsonOptions,
  type BlockHeaderObjectJson,
  type HeaderJsonLabels,
  blockHeaderFromObjectJson,
  blockHeaderToObjectJson,
  encodeBlockHeaderObjectJson,
} from './block-header-json';
export {
  type HeaderFailure,
  type HeaderValidation,
  type HeaderValidationContext,
  validateBlockHeader,
} from './block-header-validation';
export {
  adjustTarget,
  effectiveWindow,
  expectedEpochStart,
  expectedTarget,
  isLastInEpoch,
  legacyAdjustTarget,
  targetNeedsAdjacentParents,
} from './difficulty-adjustment';
export { type GenesisHeaderOverrides, genesisBlockHeader } from './genesis-header';
export { parseJsonWithBigInts } from './json-with-bigints';
export {
  checkProofOfWork,
  isGenesisBlockHeader,
  powHash,
  powHashMeetsTarget,
  targetToDifficulty,
} from './proof-of-work';
export { u256FromLe, u256ToLe, UINT256_MAX } from './uint256';
