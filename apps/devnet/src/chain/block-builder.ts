import {
  type BlockHeader,
  type BlockPayload,
  buildPayload,
  type ChainwebVersion,
  computeBlockHash,
  expectedEpochStart,
  expectedTarget,
  genesisBlockHeader,
  genesisParentBlockHash,
  targetToDifficulty,
  toBase64Url,
  u256FromLe,
  u256ToLe,
} from '@spv-cloud/chainweb';

/**
 * chainweb's `noMiner` (Chainweb.Miner.Pact): the devnet mines for nobody, as there is no coin
 * contract to pay a reward from.
 */
export const DEVNET_MINER_DATA = Buffer.from('{"account":"NoMiner","predicate":"<","public-keys":[]}');

/**
 * The coinbase output of a block whose coinbase did not run (chainweb's `noCoinbase` result,
 * "NO_COINBASE"). Its request key follows chainweb's coinbase convention: base64url of the
 * JSON-quoted base64url parent hash.
 */
export function noCoinbaseOutput(parentHash: Buffer): Buffer {
  const reqKey = toBase64Url(Buffer.from(JSON.stringify(toBase64Url(parentHash))));
  return Buffer.from(
    `{"gas":0,"result":{"status":"success","data":"NO_COINBASE"},"reqKey":"${reqKey}","logs":null,"metaData":null,"continuation":null,"txId":null}`,
  );
}

export interface IncludedTransaction {
  /** The signed command exactly as submitted: `{"hash","sigs","cmd"}`. */
  readonly transaction: Buffer;
  /** The CommandResult JSON as stored in the block (metaData null). */
  readonly output: Buffer;
}

export function blockPayload(parentHash: Buffer, transactions: readonly IncludedTransaction[]): BlockPayload {
  return buildPayload({
    minerData: DEVNET_MINER_DATA,
    coinbase: noCoinbaseOutput(parentHash),
    transactions,
  });
}

/** The genesis payload of a devnet chain: no transactions, no coinbase. */
export function genesisPayload(versionCode: number, chainId: number): BlockPayload {
  return blockPayload(genesisParentBlockHash(versionCode, chainId), []);
}

export function genesisHeader(version: ChainwebVersion, chainId: number, payload: BlockPayload): BlockHeader {
  return genesisBlockHeader(version, chainId, { payloadHash: payload.payloadHash });
}

export interface NextHeaderInput {
  readonly version: ChainwebVersion;
  readonly parent: BlockHeader;
  /** The headers at the parent's height of the chains adjacent in graph(parent height), any order. */
  readonly adjacentParents: readonly BlockHeader[];
  /** µs; must be later than the parent's and every adjacent parent's creation time. */
  readonly creationTime: bigint;
  readonly payloadHash: Buffer;
}

/**
 * The child of `parent` as a chainweb miner builds it (BlockHeader/Internal.hs newBlockHeader): the
 * adjacent hashes of graph(parent height), the target of the epoch-based difficulty adjustment, the
 * epoch start, the accumulated weight, flags 0, and the Merkle block hash. The nonce stays 0: the
 * devnet does not search for proof of work (development disables the PoW check).
 */
export function nextBlockHeader(input: NextHeaderInput): BlockHeader {
  const { version, parent, adjacentParents, creationTime, payloadHash } = input;
  const chainId = parent.chainId;
  const height = parent.height + 1;
  const adjacentChains = version.graphAt(parent.height).adjacents(chainId);
  const adjacents = adjacentChains.map((adjacentChain) => {
    const adjacent = adjacentParents.find((h) => h.chainId === adjacentChain);
    if (adjacent === undefined || adjacent.height !== parent.height) {
      throw new Error(
        `no header of chain ${adjacentChain} at height ${parent.height} to braid into ${chainId}@${height}`,
      );
    }
    return { chainId: adjacentChain, hash: adjacent.hash };
  });
  const ordered = adjacentChains.map((c) => adjacentParents.find((h) => h.chainId === c) as BlockHeader);
  if (ordered.some((h) => creationTime <= h.creationTime) || creationTime <= parent.creationTime) {
    throw new Error(`creation time of ${chainId}@${height} must be after its parent and adjacent parents`);
  }
  const target = expectedTarget(version, parent, ordered, creationTime);
  if (target === undefined) throw new Error(`no target for ${chainId}@${height}`);
  const weight = BigInt.asUintN(256, targetToDifficulty(target) + u256FromLe(parent.weight));
  const header: BlockHeader = {
    featureFlags: 0n,
    creationTime,
    parent: parent.hash,
    adjacents,
    target: u256ToLe(target),
    payloadHash,
    chainId,
    weight: u256ToLe(weight),
    height,
    versionCode: version.code,
    epochStart: expectedEpochStart(version, parent, creationTime),
    nonce: 0n,
    hash: Buffer.alloc(32),
  };
  return { ...header, hash: computeBlockHash(header) };
}
