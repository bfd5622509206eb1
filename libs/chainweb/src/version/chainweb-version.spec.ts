import { vectorJson } from '../../test/vectors';
import { ChainwebError } from '../errors';
import { defineChainGraph, PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH } from './chain-graph';
import { defineChainwebVersion, isBeforeFork, MAX_TARGET } from './chainweb-version';
import { chainwebVersion, DEVELOPMENT, MAINNET01, RECAP_DEVELOPMENT, TESTNET04 } from './known-versions';
import { chainwebVersionFromInfo } from './node-info';

interface VersionVector {
  versionCode: number;
  graphs?: Array<{ fromHeight: number; graph: 'petersen' | 'twenty' }>;
  genesisTimeMicros?: number;
  genesisHeightChains10to19?: number;
  spvProofRootWindow?: { appliesWhenParentHeaderHeightAtLeast: number; windowBlocks: number };
}
const vector = vectorJson<{ versions: Record<string, VersionVector> }>('chain_graphs_and_versions.json');
const graphsByName = { petersen: PETERSEN_GRAPH, twenty: TWENTY_CHAIN_GRAPH };

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ChainwebError);
    expect((error as ChainwebError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ChainwebError ${code}`);
}

/** /info as chainweb-node serves it: graphs descending by height, ChainIds as numbers. */
function nodeInfo(
  name: string,
  history: Array<[number, typeof PETERSEN_GRAPH]>,
  extra: Record<string, unknown> = {},
) {
  return {
    nodeVersion: name,
    nodeApiVersion: '0.0',
    nodeChains: history[0]?.[1].chainIds.map(String),
    nodeNumberOfChains: history[0]?.[1].chainIds.length,
    nodeGraphHistory: history.map(([height, graph]) => [
      height,
      graph.chainIds.map((c) => [c, [...graph.adjacents(c)]]),
    ]),
    nodeLatestBehaviorHeight: 0,
    ...extra,
  };
}

describe('chainweb versions', () => {
  it.each(['mainnet01', 'testnet04', 'development', 'recap-development'])(
    '%s has the code of the vector file',
    (name) => {
      const expected = vector.versions[name] as VersionVector;
      const version = chainwebVersion(name);
      expect(version.code).toBe(expected.versionCode);
      expect(chainwebVersion(expected.versionCode)).toBe(version);
    },
  );

  it.each(['mainnet01', 'testnet04'])(
    '%s graph history, genesis heights, genesis time and SPV window match the vector file',
    (name) => {
      const expected = vector.versions[name] as Required<VersionVector>;
      const version = chainwebVersion(name);
      expect(version.graphHistory.map((e) => ({ fromHeight: e.height, graph: e.graph.name }))).toEqual(
        expected.graphs,
      );
      const switchHeight = expected.genesisHeightChains10to19;
      expect(version.graphAt(0)).toBe(graphsByName[expected.graphs[0]!.graph]);
      expect(version.graphAt(switchHeight - 1)).toBe(PETERSEN_GRAPH);
      expect(version.graphAt(switchHeight)).toBe(TWENTY_CHAIN_GRAPH);
      expect(version.graphAt(10_000_000)).toBe(TWENTY_CHAIN_GRAPH);
      expect(version.chainIdsAt(switchHeight - 1)).toHaveLength(10);
      expect(version.chainIdsAt(switchHeight)).toHaveLength(20);
      for (let c = 0; c < 20; c++) {
        expect(version.genesisHeight(c)).toBe(c < 10 ? 0 : switchHeight);
        expect(version.genesisGraph(c)).toBe(c < 10 ? PETERSEN_GRAPH : TWENTY_CHAIN_GRAPH);
        expect(version.isChainActiveAt(c, switchHeight - 1)).toBe(c < 10);
      }
      expect(version.genesisTime).toBe(BigInt(expected.genesisTimeMicros));
      const window = expected.spvProofRootWindow;
      const from = window.appliesWhenParentHeaderHeightAtLeast;
      expect(version.spvProofRootWindowAt(from - 1)).toBeUndefined();
      expect(version.spvProofRootWindowAt(from)).toBe(window.windowBlocks);
      expect(version.spvRootMinHeight(0, from - 1)).toBe(0);
      expect(version.spvRootMinHeight(0, from)).toBe(from - window.windowBlocks);
      expect(version.spvRootMinHeight(12, from + 5)).toBe(from + 5 - window.windowBlocks);
    },
  );

  it('development runs the twenty graph from genesis without PoW; recap-development switches at 60', () => {
    expect(DEVELOPMENT.graphAt(0)).toBe(TWENTY_CHAIN_GRAPH);
    expect(DEVELOPMENT.genesisHeight(19)).toBe(0);
    expect(DEVELOPMENT.disablePow).toBe(true);
    expect(DEVELOPMENT.spvRootMinHeight(3, 1_000_000)).toBe(0);
    expect(DEVELOPMENT.genesisTarget(7)).toBe(MAX_TARGET / 100_000n);
    expect(RECAP_DEVELOPMENT.graphAt(59)).toBe(PETERSEN_GRAPH);
    expect(RECAP_DEVELOPMENT.genesisHeight(10)).toBe(60);
  });

  it('keeps the genesis targets of chains 10–19 and the fork guards of chainweb-node', () => {
    expect(MAINNET01.genesisTarget(3)).toBe(MAX_TARGET);
    expect(MAINNET01.genesisTarget(15)).toBe(
      0x000000000000cb73de4be95ba21db5b9178dd85974c194e3ee05717dd8afa830n,
    );
    expect(TESTNET04.genesisTarget(10)).toBe(
      0x000000001b9bf15be43824bae4c4f17722572883f7b53ed2e8c6ba9596249235n,
    );
    expect(isBeforeFork(530_499, MAINNET01.forks.skipFeatureFlagValidation)).toBe(true);
    expect(isBeforeFork(530_500, MAINNET01.forks.skipFeatureFlagValidation)).toBe(false);
    expect(isBeforeFork(0, TESTNET04.forks.skipFeatureFlagValidation)).toBe(false);
    expect(isBeforeFork(5, 'never')).toBe(true);
  });

  it('rejects unknown versions, chains and heights with typed errors', () => {
    expectCode(() => chainwebVersion('mainnet02'), 'unknown_version');
    expectCode(() => chainwebVersion(99), 'unknown_version');
    expectCode(() => MAINNET01.genesisHeight(20), 'unknown_chain');
    expectCode(() => MAINNET01.graphAt(-1), 'invalid_input');
    expectCode(() => MAINNET01.graphAt(1.5), 'invalid_input');
  });

  it('defineChainwebVersion builds a 10-chain devnet and checks its definition', () => {
    const devnet = defineChainwebVersion({
      name: 'devnet10',
      code: 2,
      graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }],
    });
    expect(devnet.chainIds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(devnet.graphAt(123).shortestPath(0, 9)).toEqual(PETERSEN_GRAPH.shortestPath(0, 9));
    expect(devnet.genesisHeight(9)).toBe(0);
    expectCode(() => devnet.genesisHeight(10), 'unknown_chain');
    expectCode(() => defineChainwebVersion({ name: 'x', code: 1, graphHistory: [] }), 'invalid_input');
    expectCode(
      () =>
        defineChainwebVersion({ name: 'x', code: 1, graphHistory: [{ height: 5, graph: PETERSEN_GRAPH }] }),
      'invalid_input',
    );
    expectCode(
      () =>
        defineChainwebVersion({ name: 'x', code: -1, graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }] }),
      'invalid_input',
    );
    expectCode(
      () =>
        defineChainwebVersion({
          name: 'x',
          code: 1,
          graphHistory: [
            { height: 0, graph: TWENTY_CHAIN_GRAPH },
            { height: 9, graph: PETERSEN_GRAPH },
          ],
        }),
      'invalid_input',
    );
  });

  it('genesis heights follow the unbroken run of graphs that contain a chain', () => {
    const pair = defineChainGraph({ name: 'pair', adjacency: { 0: [1], 1: [0] } });
    const triangle = defineChainGraph({ name: 'triangle', adjacency: { 0: [1, 2], 1: [0, 2], 2: [0, 1] } });
    const v = defineChainwebVersion({
      name: 'grow',
      code: 77,
      graphHistory: [
        { height: 0, graph: pair },
        { height: 10, graph: triangle },
        { height: 20, graph: PETERSEN_GRAPH },
      ],
    });
    expect([0, 1, 2, 3, 9].map((c) => v.genesisHeight(c))).toEqual([0, 0, 10, 20, 20]);
    expect(v.graphAt(15)).toBe(triangle);
  });
});

describe('chainwebVersionFromInfo', () => {
  it('rebuilds mainnet01 from its /info answer', () => {
    const info = nodeInfo(
      'mainnet01',
      [
        [852054, TWENTY_CHAIN_GRAPH],
        [0, PETERSEN_GRAPH],
      ],
      {
        nodeBlockDelay: 30000000,
        nodeGenesisHeights: [...Array(20).keys()].map((c) => [String(c), c < 10 ? 0 : 852054]),
      },
    );
    const version = chainwebVersionFromInfo(JSON.parse(JSON.stringify(info)));
    expect(version.name).toBe('mainnet01');
    expect(version.code).toBe(5);
    expect(version.graphAt(852053)).toBe(PETERSEN_GRAPH);
    expect(version.graphAt(852054)).toBe(TWENTY_CHAIN_GRAPH);
    expect(version.genesisHeight(11)).toBe(852054);
    expect(version.forks).toEqual(MAINNET01.forks);
    expect(version.genesisTarget(12)).toBe(MAINNET01.genesisTarget(12));
    expect(version.spvProofRootWindow).toEqual(MAINNET01.spvProofRootWindow);
  });

  it('builds a 10-chain development devnet (Petersen) that keeps development rules', () => {
    const version = chainwebVersionFromInfo(nodeInfo('development', [[0, PETERSEN_GRAPH]]));
    expect(version.code).toBe(2);
    expect(version.chainIds).toHaveLength(10);
    expect(version.graphAt(5)).toBe(PETERSEN_GRAPH);
    expect(version.disablePow).toBe(true);
    expect(version.genesisPayloadHash(0)).toEqual(DEVELOPMENT.genesisPayloadHash(0));
  });

  it('needs a code for an unknown network name and reads ChainIds given as strings', () => {
    const info = nodeInfo('my-devnet', [[0, PETERSEN_GRAPH]]);
    expectCode(() => chainwebVersionFromInfo(info), 'unknown_version');
    const stringIds = {
      ...info,
      nodeGraphHistory: [
        [0, PETERSEN_GRAPH.chainIds.map((c) => [String(c), PETERSEN_GRAPH.adjacents(c).map(String)])],
      ],
    };
    const version = chainwebVersionFromInfo(stringIds, { code: 42 });
    expect(version.code).toBe(42);
    expect(version.graphAt(0).sameEdges(PETERSEN_GRAPH)).toBe(true);
    expectCode(
      () => chainwebVersionFromInfo(nodeInfo('mainnet01', [[0, PETERSEN_GRAPH]]), { code: 7 }),
      'unknown_version',
    );
  });

  it('rejects malformed /info answers with bad_encoding', () => {
    expectCode(() => chainwebVersionFromInfo(null), 'bad_encoding');
    expectCode(() => chainwebVersionFromInfo({ nodeVersion: 'mainnet01' }), 'bad_encoding');
    expectCode(
      () => chainwebVersionFromInfo({ nodeVersion: 'mainnet01', nodeGraphHistory: [[0, [[0, [1]]]]] }),
      'bad_encoding',
    );
    expectCode(
      () => chainwebVersionFromInfo({ nodeVersion: 'mainnet01', nodeGraphHistory: [[-1, []]] }),
      'bad_encoding',
    );
    expectCode(
      () =>
        chainwebVersionFromInfo({
          ...nodeInfo('development', [[0, PETERSEN_GRAPH]]),
          nodeChains: ['0', '15'],
        }),
      'bad_encoding',
    );
    expectCode(
      () =>
        chainwebVersionFromInfo({
          ...nodeInfo('development', [[0, PETERSEN_GRAPH]]),
          nodeGenesisHeights: [['0', 'x']],
        }),
      'bad_encoding',
    );
  });
});
