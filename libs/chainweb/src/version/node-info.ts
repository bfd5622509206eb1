import { ChainwebError } from '../errors';
import { type ChainGraph, defineChainGraph, PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH } from './chain-graph';
import { type ChainwebVersion, defineChainwebVersion, type GraphHistoryEntry } from './chainweb-version';
import { findKnownChainwebVersion } from './known-versions';

/** The parts of chainweb-node's `GET /info` answer (src/Chainweb/RestAPI/NodeInfo.hs) we read. */
export interface NodeInfo {
  readonly nodeVersion: string;
  /** [[height, [[chainId, [adjacent…]]…]]…], sorted descending by height. */
  readonly nodeGraphHistory: ReadonlyArray<
    readonly [number, ReadonlyArray<readonly [number, readonly number[]]>]
  >;
  readonly nodeChains?: readonly string[];
  readonly nodeNumberOfChains?: number;
  /** [["chainId", height]…] */
  readonly nodeGenesisHeights?: ReadonlyArray<readonly [string, number]>;
  /** µs */
  readonly nodeBlockDelay?: number;
  readonly nodeApiVersion?: string;
  readonly nodePackageVersion?: string;
  readonly nodeLatestBehaviorHeight?: number;
}

export interface NodeInfoOptions {
  /** The header version code; needed when the node's version name is not a known one. */
  readonly code?: number;
}

const KNOWN_GRAPHS: readonly ChainGraph[] = [PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH];

function bad(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', `/info: ${message}`);
}

function asChainId(value: unknown, what: string): number {
  const id = typeof value === 'string' && /^(0|[1-9]\d*)$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff)
    throw bad(`${what} is not a chain id`);
  return id;
}

function asHeight(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw bad(`${what} is not a block height`);
  return value;
}

function parseGraph(height: number, raw: unknown): ChainGraph {
  if (!Array.isArray(raw)) throw bad(`graph at height ${height} is not a list`);
  const adjacency = raw.map((entry: unknown, i) => {
    if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[1])) {
      throw bad(`graph at height ${height}, entry ${i} is not [chainId, [adjacents]]`);
    }
    const adjacents = (entry[1] as unknown[]).map((a) => asChainId(a, `graph at height ${height}: adjacent`));
    return [asChainId(entry[0], `graph at height ${height}: chain`), adjacents] as const;
  });
  let graph: ChainGraph;
  try {
    graph = defineChainGraph({ name: `graph@${height}`, adjacency });
  } catch (error) {
    throw bad(`graph at height ${height}: ${(error as Error).message}`);
  }
  // Reuse the named production graphs so names (and vertex orders) match the built-in versions.
  return KNOWN_GRAPHS.find((known) => known.sameEdges(graph)) ?? graph;
}

/**
 * Builds the version a node runs from its `/info` answer: its name, graph history, genesis heights
 * and block delay. Fork guards, genesis data and the SPV root window come from the built-in version
 * of the same name (e.g. a 10-chain "development" devnet keeps development's rules); for another
 * name, pass `options.code` and the version gets development-like defaults (every fork at genesis).
 */
export function chainwebVersionFromInfo(info: unknown, options: NodeInfoOptions = {}): ChainwebVersion {
  if (info === null || typeof info !== 'object' || Array.isArray(info)) throw bad('expected a JSON object');
  const { nodeVersion, nodeGraphHistory, nodeGenesisHeights, nodeBlockDelay, nodeChains } = info as Record<
    string,
    unknown
  >;
  if (typeof nodeVersion !== 'string' || nodeVersion.length === 0) throw bad('nodeVersion is missing');
  if (!Array.isArray(nodeGraphHistory) || nodeGraphHistory.length === 0)
    throw bad('nodeGraphHistory is missing');

  const graphHistory: GraphHistoryEntry[] = nodeGraphHistory.map((entry: unknown, i) => {
    if (!Array.isArray(entry) || entry.length !== 2)
      throw bad(`nodeGraphHistory[${i}] is not [height, graph]`);
    const height = asHeight(entry[0], `nodeGraphHistory[${i}] height`);
    return { height, graph: parseGraph(height, entry[1]) };
  });

  let genesisHeights: Record<number, number> | undefined;
  if (nodeGenesisHeights !== undefined) {
    if (!Array.isArray(nodeGenesisHeights)) throw bad('nodeGenesisHeights is not a list');
    genesisHeights = {};
    for (const entry of nodeGenesisHeights as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2)
        throw bad('nodeGenesisHeights entry is not [chainId, height]');
      genesisHeights[asChainId(entry[0], 'nodeGenesisHeights chain')] = asHeight(
        entry[1],
        'nodeGenesisHeights height',
      );
    }
  }
  let blockDelay: bigint | undefined;
  if (nodeBlockDelay !== undefined) {
    if (typeof nodeBlockDelay !== 'number' || !Number.isSafeInteger(nodeBlockDelay) || nodeBlockDelay <= 0) {
      throw bad('nodeBlockDelay is not a positive integer');
    }
    blockDelay = BigInt(nodeBlockDelay);
  }

  const known = findKnownChainwebVersion(nodeVersion);
  if (options.code !== undefined && known !== undefined && options.code !== known.code) {
    throw new ChainwebError(
      'unknown_version',
      `${nodeVersion} has version code ${known.code}, not ${options.code}`,
    );
  }
  const code = options.code ?? known?.code;
  if (code === undefined) {
    throw new ChainwebError(
      'unknown_version',
      `unknown chainweb version ${JSON.stringify(nodeVersion)}: pass its header version code`,
    );
  }

  let version: ChainwebVersion;
  try {
    version = defineChainwebVersion({
      name: nodeVersion,
      code,
      graphHistory,
      ...(genesisHeights !== undefined ? { genesisHeights } : {}),
      blockDelay: blockDelay ?? known?.blockDelay,
      ...(known !== undefined
        ? {
            genesisTime: known.genesisTime,
            genesisTargets: inheritedPerChain(known, graphHistory, (c) => known.genesisTarget(c)),
            genesisPayloadHashes: inheritedPerChain(known, graphHistory, (c) => known.genesisPayloadHash(c)),
            windowWidth: known.windowWidth,
            forks: known.forks,
            disablePow: known.disablePow,
            fakeFirstEpochStart: known.fakeFirstEpochStart,
            ...(known.spvProofRootWindow !== undefined
              ? { spvProofRootWindow: known.spvProofRootWindow }
              : {}),
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof ChainwebError && error.code === 'invalid_input') throw bad(error.message);
    throw error;
  }
  if (nodeChains !== undefined) {
    if (!Array.isArray(nodeChains)) throw bad('nodeChains is not a list');
    for (const chain of nodeChains as unknown[]) {
      const id = asChainId(chain, 'nodeChains entry');
      if (!version.hasChain(id)) throw bad(`nodeChains lists chain ${id}, which no graph contains`);
    }
  }
  return version;
}

function inheritedPerChain<T>(
  known: ChainwebVersion,
  history: readonly GraphHistoryEntry[],
  value: (chainId: number) => T | undefined,
): Record<number, T> {
  const latest = history.reduce<GraphHistoryEntry>(
    (a, b) => (b.height > a.height ? b : a),
    history[0] as GraphHistoryEntry,
  ).graph;
  const out: Record<number, T> = {};
  for (const chainId of latest.chainIds) {
    if (!known.hasChain(chainId)) continue;
    const v = value(chainId);
    if (v !== undefined) out[chainId] = v;
  }
  return out;
}
