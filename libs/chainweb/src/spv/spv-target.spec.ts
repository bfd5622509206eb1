import { vectorJson } from '../../test/vectors';
import { ChainwebError } from '../errors';
import {
  chainwebVersion,
  defineChainGraph,
  defineChainwebVersion,
  PETERSEN_GRAPH,
  TWENTY_CHAIN_GRAPH,
} from '../version';
import { SPV_PROOF_SLACK, spvTargetHeight } from './spv-target';

const mainnet = chainwebVersion('mainnet01');
const development = chainwebVersion('development');

describe('spvTargetHeight (chainweb findTrgHeader)', () => {
  it('is the source height for a same-chain proof', () => {
    expect(spvTargetHeight(mainnet, 15, 15, 4_841_250)).toBe(4_841_250);
  });

  it('matches the target height of the real mainnet cross-chain proof', () => {
    const recorded = vectorJson<{
      proofs: Array<{
        id: string;
        sourceChain: number;
        targetChain: number;
        targetHeaderHeight?: number;
        pollResponse?: { metaData: { blockHeight: number } };
      }>;
    }>('spv_proofs_real.json').proofs.find((p) => p.id.startsWith('mainnet01'))!;
    expect(recorded.targetHeaderHeight).toBe(3_281_772);
    expect(
      spvTargetHeight(
        mainnet,
        recorded.sourceChain,
        recorded.targetChain,
        recorded.pollResponse!.metaData.blockHeight,
      ),
    ).toBe(recorded.targetHeaderHeight);
  });

  it('adds the graph distance: one hop per step along the shortest path', () => {
    // twenty-chain graph: 0 and 5 are adjacent, 0 → 1 takes three hops, 0 → 7 two.
    expect(spvTargetHeight(development, 0, 5, 100)).toBe(101);
    expect(spvTargetHeight(development, 0, 7, 100)).toBe(102);
    expect(spvTargetHeight(development, 0, 1, 100)).toBe(103);
  });

  it('adds the distance in the new graph when the graph changes within the hops', () => {
    // mainnet switches from Petersen to the twenty-chain graph at 852,054. Petersen: 0 → 1 is 2 hops.
    expect(PETERSEN_GRAPH.distance(1, 0)).toBe(2);
    expect(TWENTY_CHAIN_GRAPH.distance(1, 0)).toBe(3);
    expect(spvTargetHeight(mainnet, 0, 1, 852_050)).toBe(852_052);
    expect(spvTargetHeight(mainnet, 0, 1, 852_052)).toBe(852_052 + 2 + 3);
    expect(spvTargetHeight(mainnet, 0, 1, 852_054)).toBe(852_054 + 3);
  });

  it('compares graphs by their edges, not by object identity', () => {
    const twice = defineChainwebVersion({
      name: 'two-equal-graphs',
      code: 0x7f000001,
      graphHistory: [
        { height: 0, graph: PETERSEN_GRAPH },
        {
          height: 10,
          graph: defineChainGraph({ name: 'petersen-again', adjacency: PETERSEN_GRAPH.toAdjacencyRecord() }),
        },
      ],
    });
    expect(spvTargetHeight(twice, 0, 1, 9)).toBe(11);
  });

  describe('with the target head height (the SPV root window of Chainweb 2.31)', () => {
    const head = 7_000_000;
    it('raises an old transaction into the window, with chainweb’s slack', () => {
      expect(spvTargetHeight(mainnet, 0, 0, 6_900_000, { targetHeadHeight: head })).toBe(
        head - 20_000 + SPV_PROOF_SLACK,
      );
      expect(spvTargetHeight(mainnet, 0, 1, 6_900_000, { targetHeadHeight: head })).toBe(
        head - 20_000 + SPV_PROOF_SLACK,
      );
    });

    it('keeps the minimal target of a recent transaction', () => {
      expect(spvTargetHeight(mainnet, 0, 1, 6_999_000, { targetHeadHeight: head })).toBe(6_999_003);
    });

    it('does nothing before the window exists or on versions without one', () => {
      expect(spvTargetHeight(mainnet, 0, 1, 5_000_000, { targetHeadHeight: 6_000_000 })).toBe(5_000_003);
      expect(spvTargetHeight(development, 0, 1, 100, { targetHeadHeight: 1_000_000 })).toBe(103);
    });

    it('never targets above the head', () => {
      const version = defineChainwebVersion({
        name: 'tiny-window',
        code: 0x7f000002,
        graphHistory: [{ height: 0, graph: TWENTY_CHAIN_GRAPH }],
        spvProofRootWindow: { fromHeight: 0, blocks: 50 },
      });
      // the slack (100) exceeds this window (50): the raised target stops at the head
      expect(spvTargetHeight(version, 3, 3, 0, { targetHeadHeight: 120 })).toBe(120);
      expect(spvTargetHeight(version, 3, 3, 0, { targetHeadHeight: 200 })).toBe(200);
    });
  });

  it('rejects bad input with typed errors', () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof ChainwebError ? error.code : 'untyped';
      }
      return 'none';
    };
    expect(code(() => spvTargetHeight(mainnet, 0, 1, -1))).toBe('invalid_input');
    expect(code(() => spvTargetHeight(mainnet, 0, 1, 1.5))).toBe('invalid_input');
    expect(code(() => spvTargetHeight(mainnet, 0, 1, 10, { targetHeadHeight: -3 }))).toBe('invalid_input');
    expect(code(() => spvTargetHeight(mainnet, 0, 12, 10))).toBe('unknown_chain'); // chain 12 is not in the Petersen graph
    expect(code(() => spvTargetHeight({} as never, 0, 1, 10))).toBe('invalid_input');
  });
});
