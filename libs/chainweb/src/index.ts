export { ChainwebError, type ChainwebErrorCode } from './errors';
export { HASH_LENGTH, sha512_256, blake2b256, blake2s256 } from './hash';
export { toBase64Url, fromBase64Url, hashFromBase64Url } from './base64url';
export { MerkleTag, type MerkleTagName, type MerkleTagValue } from './merkle/merkle-tags';
export {
  EMPTY_TREE_ROOT,
  leafHash,
  taggedLeafHash,
  taggedEntry,
  nodeHash,
  MerkleTree,
  merkleRoot,
  STEP_LENGTH,
  SIBLING_LEFT,
  SIBLING_RIGHT,
} from './merkle/merkle-log';
export {
  type MerkleSubject,
  inputSubject,
  treeSubject,
  subjectLeafHash,
  MerkleProofObject,
  runSteps,
} from './merkle/merkle-proof';
export {
  type MerkleConsistencyInput,
  merkleConsistencyProof,
  verifyMerkleConsistency,
} from './merkle/merkle-consistency';
export * from './version';
export * from './header';
export * from './payload';
export * from './spv';
export * from './events';
export * from './envelope';
