import { vectorJson } from '../../test/vectors';
import { ChainwebError } from '../errors';
import { defineChainGraph, PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH } from './chain-graph';
import { chainIdHashMapOrder } from './chain-id-order';

type PathTable = Record<string, Record<string, number[]>>;
interface GraphsVector {
  graphs: { petersen: Record<string, number[]>; twenty: Record<string, number[]> };
  shortestPaths: {
    vertexOrder: Record<string, number[]>;
    twenty_current: PathTable;
    petersen_current: PathTable;
  };
}

const vector = vectorJson<GraphsVector>('chain_graphs_and_versions.json');

/** Breadth-first distances: an independent check that every tie-broken path is a shortest one. */
function bfsDistance(adjacency: Record<string, number[]>, from: number, to: number): number {
  const seen = new Map<number, number>([[from, 0]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() as number;
    for (const next of adjacency[String(at)] ?? []) {
      if (!seen.has(next)) {
        seen.set(next, (seen.get(at) as number) + 1);
        queue.push(next);
      }
    }
  }
  return seen.get(to) as number;
}

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

describe('chain graphs', () => {
  it.each([
    ['petersen', PETERSEN_GRAPH],
    ['twenty', TWENTY_CHAIN_GRAPH],
  ] as const)('the %s graph has the adjacency of the vector file', (name, graph) => {
    expect(graph.toAdjacencyRecord()).toEqual(vector.graphs[name]);
    expect(graph.chainIds).toEqual(Object.keys(vector.graphs[name]).map(Number));
  });

  it('derives the HashMap vertex orders of current chainweb-node (hashable-1.5)', () => {
    expect(chainIdHashMapOrder([...Array(20).keys()])).toEqual(
      vector.shortestPaths.vertexOrder['twenty_current'],
    );
    expect(chainIdHashMapOrder([...Array(10).keys()])).toEqual(
      vector.shortestPaths.vertexOrder['petersen_current'],
    );
    expect(TWENTY_CHAIN_GRAPH.vertexOrder).toEqual(vector.shortestPaths.vertexOrder['twenty_current']);
    expect(PETERSEN_GRAPH.vertexOrder).toEqual(vector.shortestPaths.vertexOrder['petersen_current']);
  });

  it.each([
    ['twenty', TWENTY_CHAIN_GRAPH, vector.shortestPaths.twenty_current],
    ['petersen', PETERSEN_GRAPH, vector.shortestPaths.petersen_current],
  ] as const)('reproduces the whole current %s shortest-path table', (name, graph, table) => {
    let pairs = 0;
    for (const [from, row] of Object.entries(table)) {
      for (const [to, path] of Object.entries(row)) {
        expect({ from, to, path: graph.shortestPath(Number(from), Number(to)) }).toEqual({ from, to, path });
        expect(graph.distance(Number(from), Number(to))).toBe(path.length);
        expect(path.length).toBe(bfsDistance(vector.graphs[name], Number(from), Number(to)));
        pairs++;
      }
    }
    expect(pairs).toBe(graph.chainIds.length ** 2);
  });

  it('reproduces the tie-breaks of real proofs (1←0 via 11,10,0; 1←2 via 16,17,2)', () => {
    expect(TWENTY_CHAIN_GRAPH.shortestPath(1, 0)).toEqual([11, 10, 0]);
    expect(TWENTY_CHAIN_GRAPH.shortestPath(1, 2)).toEqual([16, 17, 2]);
  });

  it('every path step is an edge and distances are symmetric', () => {
    for (const graph of [PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH]) {
      for (const a of graph.chainIds) {
        for (const b of graph.chainIds) {
          let at = a;
          for (const step of graph.shortestPath(a, b)) {
            expect(graph.isAdjacent(at, step)).toBe(true);
            at = step;
          }
          expect(at).toBe(b);
          expect(graph.distance(a, b)).toBe(graph.distance(b, a));
        }
      }
    }
    expect(PETERSEN_GRAPH.diameter).toBe(2);
    expect(TWENTY_CHAIN_GRAPH.diameter).toBe(3);
  });

  it('a legacy vertex order changes only the tie-break', () => {
    const legacy = defineChainGraph({
      name: 'twenty-legacy',
      adjacency: TWENTY_CHAIN_GRAPH.toAdjacencyRecord(),
      vertexOrder: vector.shortestPaths.vertexOrder['twenty_hashable_1_3_0_legacy'],
    });
    expect(legacy.sameEdges(TWENTY_CHAIN_GRAPH)).toBe(true);
    let differs = 0;
    for (const a of legacy.chainIds) {
      for (const b of legacy.chainIds) {
        expect(legacy.distance(a, b)).toBe(TWENTY_CHAIN_GRAPH.distance(a, b));
        if (legacy.shortestPath(a, b).join() !== TWENTY_CHAIN_GRAPH.shortestPath(a, b).join()) differs++;
      }
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('rejects bad graphs and unknown chains with typed errors', () => {
    expectCode(() => defineChainGraph({ name: 'x', adjacency: { 0: [1], 1: [] } }), 'invalid_input');
    expectCode(() => defineChainGraph({ name: 'x', adjacency: { 0: [0] } }), 'invalid_input');
    expectCode(() => defineChainGraph({ name: 'x', adjacency: { 0: [2] } }), 'invalid_input');
    expectCode(() => defineChainGraph({ name: 'x', adjacency: { 0: [1, 1], 1: [0] } }), 'invalid_input');
    expectCode(
      () => defineChainGraph({ name: 'x', adjacency: { 0: [1], 1: [0] }, vertexOrder: [0] }),
      'invalid_input',
    );
    expectCode(() => defineChainGraph({ name: '', adjacency: { 0: [] } }), 'invalid_input');
    expectCode(() => TWENTY_CHAIN_GRAPH.shortestPath(0, 20), 'unknown_chain');
    expectCode(() => PETERSEN_GRAPH.adjacents(10), 'unknown_chain');
    expectCode(() => PETERSEN_GRAPH.isAdjacent(0, 10), 'unknown_chain');
    const split = defineChainGraph({ name: 'split', adjacency: { 0: [1], 1: [0], 2: [3], 3: [2] } });
    expectCode(() => split.shortestPath(0, 2), 'not_reachable');
    expectCode(() => split.distance(0, 3), 'not_reachable');
    expect(split.shortestPath(0, 1)).toEqual([1]);
    expect(split.shortestPath(2, 2)).toEqual([]);
  });
});
