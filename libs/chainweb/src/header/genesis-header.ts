import { ChainwebError } from '../errors';
import type { ChainwebVersion } from '../version/chainweb-version';
import type { BlockHeader } from './block-header';
import { computeBlockHash, genesisParentBlockHash } from './block-header-merkle';
import { u256ToLe } from './uint256';

export interface GenesisHeaderOverrides {
  /** Defaults to the version's genesis payload hash. */
  readonly payloadHash?: Uint8Array;
  /** µs; defaults to the version's genesis time. */
  readonly creationTime?: bigint;
  /** u256; defaults to the version's genesis target for the chain. */
  readonly target?: bigint;
}

function missing(version: ChainwebVersion, what: string, chainId: number): ChainwebError {
  return new ChainwebError(
    'invalid_input',
    `${version.name} defines no genesis ${what} for chain ${chainId}; pass it explicitly`,
  );
}

/**
 * The genesis header of a chain, built like chainweb-node's makeGenesisBlockHeader: parent =
 * genesisParentBlockHash, adjacents = the genesis parent hashes of the chain's neighbours in the graph
 * at its genesis height, flags, nonce and weight 0, epoch start = creation time = genesis time.
 */
export function genesisBlockHeader(
  version: ChainwebVersion,
  chainId: number,
  overrides: GenesisHeaderOverrides = {},
): BlockHeader {
  const height = version.genesisHeight(chainId);
  const creationTime = overrides.creationTime ?? version.genesisTime;
  if (creationTime === undefined) throw missing(version, 'time', chainId);
  const target = overrides.target ?? version.genesisTarget(chainId);
  if (target === undefined) throw missing(version, 'target', chainId);
  const payloadHash = overrides.payloadHash ?? version.genesisPayloadHash(chainId);
  if (payloadHash === undefined) throw missing(version, 'payload hash', chainId);

  const header: Omit<BlockHeader, 'hash'> = {
    featureFlags: 0n,
    creationTime,
    parent: genesisParentBlockHash(version.code, chainId),
    adjacents: version
      .genesisGraph(chainId)
      .adjacents(chainId)
      .map((adjacent) => ({ chainId: adjacent, hash: genesisParentBlockHash(version.code, adjacent) })),
    target: u256ToLe(target),
    payloadHash: Buffer.from(payloadHash),
    chainId,
    weight: Buffer.alloc(32),
    height,
    versionCode: version.code,
    epochStart: creationTime,
    nonce: 0n,
  };
  const withPlaceholder = { ...header, hash: Buffer.alloc(32) };
  return { ...header, hash: computeBlockHash(withPlaceholder) };
}
