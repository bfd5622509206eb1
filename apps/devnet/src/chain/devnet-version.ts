import {
  chainIdHashMapOrder,
  type ChainGraph,
  type ChainwebVersion,
  defineChainwebVersion,
  DEVELOPMENT,
  PETERSEN_GRAPH,
  TWENTY_CHAIN_GRAPH,
} from '@spv-cloud/chainweb';

/** The chain graphs a devnet can run: chainweb's Petersen graph (10 chains) or its twenty graph. */
export type DevnetChainCount = 10 | 20;

/** chainweb-node's package version the devnet reports in /info (chainweb.cabal at 5e46fa79). */
export const EMULATED_NODE_PACKAGE_VERSION = '2.32.0';
export const NODE_API_VERSION = '0.0';

export interface DevnetVersionParameters {
  readonly chains: DevnetChainCount;
  /** µs; chainweb's BlockDelay, which the difficulty adjustment aims for. */
  readonly blockDelay: bigint;
}

export function devnetGraph(chains: DevnetChainCount): ChainGraph {
  return chains === 10 ? PETERSEN_GRAPH : TWENTY_CHAIN_GRAPH;
}

/**
 * chainweb's `development` version (code 2: forks at genesis, PoW disabled, fake first epoch start,
 * genesis target maxTarget/100000, genesis time 2019-07-17T18:28:37.613832Z) on the Petersen graph
 * (10 chains) or the twenty graph, with the devnet's block delay and its own genesis payloads (the
 * devnet does not replay chainweb's genesis Pact transactions).
 */
export function devnetChainwebVersion(
  parameters: DevnetVersionParameters,
  genesisPayloadHashes: Readonly<Record<number, Buffer>>,
): ChainwebVersion {
  const graph = devnetGraph(parameters.chains);
  const genesisTargets: Record<number, bigint> = {};
  for (const chainId of graph.chainIds) {
    const target = DEVELOPMENT.genesisTarget(chainId);
    if (target === undefined) throw new Error(`development defines no genesis target for chain ${chainId}`);
    genesisTargets[chainId] = target;
  }
  return defineChainwebVersion({
    name: DEVELOPMENT.name,
    code: DEVELOPMENT.code,
    graphHistory: [{ height: 0, graph }],
    genesisTime: DEVELOPMENT.genesisTime,
    genesisTargets,
    genesisPayloadHashes,
    blockDelay: parameters.blockDelay,
    windowWidth: DEVELOPMENT.windowWidth,
    forks: DEVELOPMENT.forks,
    disablePow: DEVELOPMENT.disablePow,
    fakeFirstEpochStart: DEVELOPMENT.fakeFirstEpochStart,
  });
}

/** chainweb-node's `GET /info` answer (src/Chainweb/RestAPI/NodeInfo.hs), in its field order. */
export interface DevnetNodeInfo {
  readonly nodeVersion: string;
  readonly nodePackageVersion: string;
  readonly nodeApiVersion: string;
  readonly nodeChains: string[];
  readonly nodeNumberOfChains: number;
  readonly nodeGraphHistory: Array<[number, Array<[number, number[]]>]>;
  readonly nodeLatestBehaviorHeight: number;
  readonly nodeGenesisHeights: Array<[string, number]>;
  readonly nodeHistoricalChains: Array<[number, Array<[string, string[]]>]>;
  readonly nodeBlockDelay: number;
}

/**
 * The /info of a node running `version`. Chain lists follow chainweb-node's HashMap iteration order
 * (hashable-1.5), as the node serves them. `nodeLatestBehaviorHeight` is chainweb's latestBehaviorAt:
 * one above the highest fork or graph-change height, so 1 for development (everything at genesis).
 */
export function devnetNodeInfo(version: ChainwebVersion): DevnetNodeInfo {
  const graphs = [...version.graphHistory].sort((a, b) => b.height - a.height);
  const current = graphs[0]!.graph;
  const adjacency = (graph: ChainGraph): Array<[number, number[]]> =>
    chainIdHashMapOrder(graph.chainIds).map((id) => [id, chainIdHashMapOrder(graph.adjacents(id))]);
  const latestChange = Math.max(0, ...version.graphHistory.map((entry) => entry.height));
  return {
    nodeVersion: version.name,
    nodePackageVersion: EMULATED_NODE_PACKAGE_VERSION,
    nodeApiVersion: NODE_API_VERSION,
    nodeChains: chainIdHashMapOrder(current.chainIds).map(String),
    nodeNumberOfChains: current.chainIds.length,
    nodeGraphHistory: graphs.map(({ height, graph }) => [height, adjacency(graph)]),
    nodeLatestBehaviorHeight: latestChange + 1,
    nodeGenesisHeights: chainIdHashMapOrder(version.chainIds).map((id) => [
      String(id),
      version.genesisHeight(id),
    ]),
    nodeHistoricalChains: [...version.graphHistory].map(({ height, graph }) => [
      height,
      adjacency(graph).map(([id, adjacent]) => [String(id), adjacent.map(String)]),
    ]),
    nodeBlockDelay: Number(version.blockDelay),
  };
}
