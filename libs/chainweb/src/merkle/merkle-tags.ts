/**
 * Chainweb's Merkle universe (chainweb-node src/Chainweb/MerkleUniverse.hs). An input entry is
 * hashed as H(0x00 ‖ tag u16 big-endian ‖ bytes); tree-node entries (hashes of other Chainweb
 * trees) enter their parent tree raw and carry no tag.
 */
export const MerkleTag = {
  Void: 0x0000,
  MerkleRoot: 0x0001,
  ChainId: 0x0002,
  BlockHeight: 0x0003,
  BlockWeight: 0x0004,
  BlockPayloadHash: 0x0005,
  ForkState: 0x0006,
  BlockCreationTime: 0x0007,
  ChainwebVersion: 0x0008,
  PowHash: 0x0009,
  BlockHash: 0x0010,
  HashTarget: 0x0011,
  Transaction: 0x0013,
  TransactionOutput: 0x0014,
  BlockTransactionsHash: 0x0015,
  BlockOutputsHash: 0x0016,
  MinerData: 0x0017,
  CoinbaseOutput: 0x0018,
  EpochStartTime: 0x0019,
  BlockNonce: 0x0020,
  OutputEvents: 0x0030,
  BlockEventsHash: 0x0031,
  RequestKey: 0x0032,
  PactEvent: 0x0034,
} as const;

export type MerkleTagName = keyof typeof MerkleTag;
export type MerkleTagValue = (typeof MerkleTag)[MerkleTagName];
