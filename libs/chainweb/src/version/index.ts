// Public API of the version module (owner: headers engineer). Matches /work/chainweb-api.md, plus
// KNOWN_CHAINWEB_VERSIONS, the named versions, fork guards and the SPV proof root window.
export {
  type ChainGraph,
  type ChainGraphDefinition,
  defineChainGraph,
  PETERSEN_GRAPH,
  TWENTY_CHAIN_GRAPH,
} from './chain-graph';
export { chainIdHash, chainIdHashMapOrder } from './chain-id-order';
export {
  type ChainwebVersion,
  type ChainwebVersionDefinition,
  type ChainwebVersionForks,
  type ChainwebVersionName,
  type ForkHeight,
  type GraphHistoryEntry,
  type SpvProofRootWindow,
  defineChainwebVersion,
  isBeforeFork,
  MAX_TARGET,
} from './chainweb-version';
export {
  chainwebVersion,
  DEVELOPMENT,
  findKnownChainwebVersion,
  KNOWN_CHAINWEB_VERSIONS,
  MAINNET01,
  RECAP_DEVELOPMENT,
  TESTNET04,
} from './known-versions';
export { chainwebVersionFromInfo, type NodeInfo, type NodeInfoOptions } from './node-info';
