import { ChainwebError, invalidInput } from '../errors';
import { chainIdHashMapOrder } from './chain-id-order';

/** An undirected chain graph: which chains braid which (kadena-io/digraph, chainweb's `ChainGraph`). */
export interface ChainGraph {
  readonly name: string;
  /** Every chain of the graph, ascending. */
  readonly chainIds: readonly number[];
  /** Vertex order of the Floyd–Warshall run that breaks ties between equally short paths. */
  readonly vertexOrder: readonly number[];
  /** Largest distance between two chains. */
  readonly diameter: number;
  hasChain(chainId: number): boolean;
  /** The chains adjacent to `chainId`, ascending (the order of a header's adjacent hashes). */
  adjacents(chainId: number): readonly number[];
  isAdjacent(a: number, b: number): boolean;
  /**
   * The chains after `from`, excluding it, ending at `to`; [] when from === to. chainweb-node walks
   * this path from the SPV target chain towards the source chain (crumbsToChain), so its tie-break
   * between equally short paths decides the bytes of a proof.
   */
  shortestPath(from: number, to: number): readonly number[];
  distance(from: number, to: number): number;
  /** Same chains and same edges (names and vertex orders aside). */
  sameEdges(other: ChainGraph): boolean;
  /** {chainId: adjacents} with ascending ids, the form the vector files and /info use. */
  toAdjacencyRecord(): Record<string, number[]>;
}

export interface ChainGraphDefinition {
  readonly name: string;
  /** chainId → adjacent chain ids; the relation must be symmetric and irreflexive. */
  readonly adjacency:
    Readonly<Record<number, readonly number[]>> | ReadonlyArray<readonly [number, readonly number[]]>;
  /**
   * Vertex order for the path tie-break. Defaults to the HashMap order of current chainweb-node
   * (hashable-1.5); older nodes used other orders (see chain_graphs_and_versions.json).
   */
  readonly vertexOrder?: readonly number[];
}

const UNREACHABLE = -1;

class DefinedChainGraph implements ChainGraph {
  readonly chainIds: readonly number[];
  readonly vertexOrder: readonly number[];
  private readonly adjacencyById: ReadonlyMap<number, readonly number[]>;
  /** next[i * n + j] = internal index of the next hop from i to j (digraph's path matrix). */
  private paths?: { next: Int32Array; dist: Int32Array; index: ReadonlyMap<number, number> };

  constructor(
    readonly name: string,
    adjacencyById: Map<number, number[]>,
    vertexOrder: readonly number[],
  ) {
    this.adjacencyById = adjacencyById;
    this.chainIds = Object.freeze([...adjacencyById.keys()].sort((a, b) => a - b));
    this.vertexOrder = Object.freeze([...vertexOrder]);
  }

  hasChain(chainId: number): boolean {
    return this.adjacencyById.has(chainId);
  }

  adjacents(chainId: number): readonly number[] {
    const adjacent = this.adjacencyById.get(chainId);
    if (adjacent === undefined) throw unknownChain(chainId, this.name);
    return adjacent;
  }

  isAdjacent(a: number, b: number): boolean {
    if (!this.hasChain(b)) throw unknownChain(b, this.name);
    return this.adjacents(a).includes(b);
  }

  get diameter(): number {
    const { dist } = this.pathMatrix();
    let max = 0;
    for (const d of dist) {
      if (d === UNREACHABLE)
        throw new ChainwebError('not_reachable', `chain graph ${this.name} is not connected`);
      if (d > max) max = d;
    }
    return max;
  }

  shortestPath(from: number, to: number): readonly number[] {
    const { next, index } = this.pathMatrix();
    const n = this.vertexOrder.length;
    const target = this.internalIndex(index, to);
    let current = this.internalIndex(index, from);
    const path: number[] = [];
    if (next[current * n + target] === UNREACHABLE) {
      throw new ChainwebError(
        'not_reachable',
        `chain ${to} is not reachable from chain ${from} in graph ${this.name}`,
      );
    }
    while (current !== target) {
      current = next[current * n + target] as number;
      path.push(this.vertexOrder[current] as number);
    }
    return path;
  }

  distance(from: number, to: number): number {
    const { dist, index } = this.pathMatrix();
    const d = dist[
      this.internalIndex(index, from) * this.vertexOrder.length + this.internalIndex(index, to)
    ] as number;
    if (d === UNREACHABLE) {
      throw new ChainwebError(
        'not_reachable',
        `chain ${to} is not reachable from chain ${from} in graph ${this.name}`,
      );
    }
    return d;
  }

  sameEdges(other: ChainGraph): boolean {
    if (other.chainIds.length !== this.chainIds.length) return false;
    return this.chainIds.every(
      (id) => other.hasChain(id) && sameList(other.adjacents(id), this.adjacents(id)),
    );
  }

  toAdjacencyRecord(): Record<string, number[]> {
    const record: Record<string, number[]> = {};
    for (const id of this.chainIds) record[String(id)] = [...this.adjacents(id)];
    return record;
  }

  private internalIndex(index: ReadonlyMap<number, number>, chainId: number): number {
    const i = index.get(chainId);
    if (i === undefined) throw unknownChain(chainId, this.name);
    return i;
  }

  /**
   * digraph's Floyd–Warshall with paths: next-hop initialised to the target for edges, updated to
   * next[x][k] only on strict improvement, k running over the internal vertex indices. Updating in
   * place is equivalent to digraph's matrix-per-k fold because row k and column k never change in
   * round k.
   */
  private pathMatrix(): { next: Int32Array; dist: Int32Array; index: ReadonlyMap<number, number> } {
    if (this.paths) return this.paths;
    const order = this.vertexOrder;
    const n = order.length;
    const index = new Map(order.map((id, i) => [id, i] as const));
    const dist = new Int32Array(n * n).fill(UNREACHABLE);
    const next = new Int32Array(n * n).fill(UNREACHABLE);
    for (let x = 0; x < n; x++) {
      dist[x * n + x] = 0;
      next[x * n + x] = x;
      for (const neighbour of this.adjacents(order[x] as number)) {
        const y = index.get(neighbour) as number;
        dist[x * n + y] = 1;
        next[x * n + y] = y;
      }
    }
    for (let k = 0; k < n; k++) {
      for (let x = 0; x < n; x++) {
        const xk = dist[x * n + k] as number;
        if (xk === UNREACHABLE) continue;
        for (let y = 0; y < n; y++) {
          const ky = dist[k * n + y] as number;
          if (ky === UNREACHABLE) continue;
          const xy = dist[x * n + y] as number;
          if (xy === UNREACHABLE || xy > xk + ky) {
            dist[x * n + y] = xk + ky;
            next[x * n + y] = next[x * n + k] as number;
          }
        }
      }
    }
    this.paths = { next, dist, index };
    return this.paths;
  }
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function unknownChain(chainId: number, graph: string): ChainwebError {
  return new ChainwebError('unknown_chain', `chain ${chainId} is not in chain graph ${graph}`);
}

function checkChainId(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw invalidInput(`${what}: chain id must be a u32, got ${String(value)}`);
  }
  return value;
}

/** Builds a chain graph after checking that it is a simple undirected graph. */
export function defineChainGraph(definition: ChainGraphDefinition): ChainGraph {
  if (definition === null || typeof definition !== 'object')
    throw invalidInput('chain graph: expected a definition');
  const { name, adjacency, vertexOrder } = definition;
  if (typeof name !== 'string' || name.length === 0)
    throw invalidInput('chain graph: name must be a non-empty string');
  if (adjacency === null || typeof adjacency !== 'object')
    throw invalidInput(`chain graph ${name}: adjacency missing`);
  const entries: Array<readonly [unknown, unknown]> = Array.isArray(adjacency)
    ? adjacency.map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2)
          throw invalidInput(`chain graph ${name}: bad adjacency entry`);
        return [entry[0], entry[1]] as const;
      })
    : Object.entries(adjacency).map(
        ([key, value]) => [/^(0|[1-9]\d*)$/.test(key) ? Number(key) : key, value] as const,
      );

  const byId = new Map<number, number[]>();
  for (const [rawId, rawAdjacents] of entries) {
    const id = checkChainId(rawId, `chain graph ${name}`);
    if (byId.has(id)) throw invalidInput(`chain graph ${name}: chain ${id} listed twice`);
    if (!Array.isArray(rawAdjacents))
      throw invalidInput(`chain graph ${name}: adjacents of chain ${id} must be a list`);
    const adjacents = rawAdjacents.map((a) => checkChainId(a, `chain graph ${name}, adjacents of ${id}`));
    adjacents.sort((a, b) => a - b);
    if (adjacents.some((a, i) => a === adjacents[i - 1]))
      throw invalidInput(`chain graph ${name}: chain ${id} has a duplicate adjacent`);
    if (adjacents.includes(id)) throw invalidInput(`chain graph ${name}: chain ${id} is adjacent to itself`);
    byId.set(id, adjacents);
  }
  if (byId.size === 0) throw invalidInput(`chain graph ${name}: no chains`);
  for (const [id, adjacents] of byId) {
    for (const a of adjacents) {
      const back = byId.get(a);
      if (back === undefined)
        throw invalidInput(`chain graph ${name}: chain ${id} is adjacent to unknown chain ${a}`);
      if (!back.includes(id)) throw invalidInput(`chain graph ${name}: edge ${id}–${a} is not symmetric`);
    }
  }

  const ids = [...byId.keys()];
  let order: number[];
  if (vertexOrder === undefined) {
    order = chainIdHashMapOrder(ids);
  } else {
    if (!Array.isArray(vertexOrder)) throw invalidInput(`chain graph ${name}: vertexOrder must be a list`);
    order = vertexOrder.map((v) => checkChainId(v, `chain graph ${name}, vertexOrder`));
    const seen = new Set(order);
    if (seen.size !== order.length || order.length !== ids.length || ids.some((id) => !seen.has(id))) {
      throw invalidInput(`chain graph ${name}: vertexOrder must list every chain exactly once`);
    }
  }
  for (const adjacents of byId.values()) Object.freeze(adjacents);
  return new DefinedChainGraph(name, byId, order);
}

/** kadena-io/digraph `petersenGraph`: the 10-chain graph of mainnet01/testnet04 before the 20-chain fork. */
export const PETERSEN_GRAPH: ChainGraph = defineChainGraph({
  name: 'petersen',
  adjacency: {
    0: [2, 3, 5],
    1: [3, 4, 6],
    2: [0, 4, 7],
    3: [0, 1, 8],
    4: [1, 2, 9],
    5: [0, 6, 9],
    6: [1, 5, 7],
    7: [2, 6, 8],
    8: [3, 7, 9],
    9: [4, 5, 8],
  },
});

/**
 * kadena-io/digraph `twentyChainGraph`: a pentagram on 5..9, a decagon on 10..19, and chain i in 0..4
 * joined to i+5, i+10 and i+15. Degree 3, diameter 3.
 */
export const TWENTY_CHAIN_GRAPH: ChainGraph = defineChainGraph({
  name: 'twenty',
  adjacency: {
    0: [5, 10, 15],
    1: [6, 11, 16],
    2: [7, 12, 17],
    3: [8, 13, 18],
    4: [9, 14, 19],
    5: [0, 7, 8],
    6: [1, 8, 9],
    7: [2, 5, 9],
    8: [3, 5, 6],
    9: [4, 6, 7],
    10: [0, 11, 19],
    11: [1, 10, 12],
    12: [2, 11, 13],
    13: [3, 12, 14],
    14: [4, 13, 15],
    15: [0, 14, 16],
    16: [1, 15, 17],
    17: [2, 16, 18],
    18: [3, 17, 19],
    19: [4, 10, 18],
  },
});
