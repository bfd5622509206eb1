import { ChainwebError, invalidInput } from '../errors';
import { hashFromBase64Url } from '../base64url';
import type { ChainGraph } from './chain-graph';

export type ChainwebVersionName =
  'mainnet01' | 'testnet04' | 'development' | 'recap-development' | (string & {});

/** A fork activation height: a block height, or 'never'. 0 means "from genesis". */
export type ForkHeight = number | 'never';

/**
 * The header-validation guards of chainweb-node (src/Chainweb/Version/Guards.hs). Each guard is
 * active strictly BEFORE its fork height (`checkFork before`).
 */
export interface ChainwebVersionForks {
  /** Emergency difficulty adjustment ("slow epochs"), by parent height. Mainnet: below 80,000. */
  readonly slowEpoch: ForkHeight;
  /** Epoch start and target taken from the new block's own creation time. Mainnet: below 452,820. */
  readonly oldTargetGuard: ForkHeight;
  /** No feature-flag check: historic blocks used those bytes as a nonce. Mainnet: below 530,500. */
  readonly skipFeatureFlagValidation: ForkHeight;
  /** Legacy per-chain difficulty adjustment. Mainnet: below 771,414. */
  readonly oldDaGuard: ForkHeight;
}

/** Since Chainweb 2.31 an SPV proof root must be at most `blocks` below the redeeming block's parent. */
export interface SpvProofRootWindow {
  /** The rule applies when the parent header (the oracle's upper bound) is at this height or above. */
  readonly fromHeight: number;
  readonly blocks: number;
}

export interface GraphHistoryEntry {
  readonly height: number;
  readonly graph: ChainGraph;
}

export interface ChainwebVersion {
  readonly name: ChainwebVersionName;
  /** The u32 stored in every header of this version. */
  readonly code: number;
  /** Ascending by height; the first entry starts at 0. */
  readonly graphHistory: ReadonlyArray<GraphHistoryEntry>;
  /** Every chain of the version (the chains of its latest graph), ascending. */
  readonly chainIds: readonly number[];
  /** Genesis creation time in µs since the Unix epoch, when known. */
  readonly genesisTime: bigint | undefined;
  /** Target block delay in µs (chainweb's BlockDelay). */
  readonly blockDelay: bigint;
  /** Blocks per difficulty-adjustment epoch (chainweb's WindowWidth). */
  readonly windowWidth: number;
  readonly forks: ChainwebVersionForks;
  readonly disablePow: boolean;
  /** Devnets take the epoch start of height 2 from the block at height 1. */
  readonly fakeFirstEpochStart: boolean;
  readonly spvProofRootWindow: SpvProofRootWindow | undefined;
  /** graph(h): the graph whose start height is the largest one ≤ h. */
  graphAt(height: number): ChainGraph;
  chainIdsAt(height: number): readonly number[];
  /** Whether the chain exists in this version at all (at any height). */
  hasChain(chainId: number): boolean;
  /** Whether the chain has started by `height` (height ≥ its genesis height). */
  isChainActiveAt(chainId: number, height: number): boolean;
  genesisHeight(chainId: number): number;
  /** The graph a chain's genesis header takes its adjacents from: graph(genesisHeight). */
  genesisGraph(chainId: number): ChainGraph;
  /** Genesis target as a u256, when known. */
  genesisTarget(chainId: number): bigint | undefined;
  /** Genesis payload hash, when known. */
  genesisPayloadHash(chainId: number): Buffer | undefined;
  /** The SPV root window in force for an oracle upper bound (parent header) at this height. */
  spvProofRootWindowAt(upperBoundHeight: number): number | undefined;
  /**
   * The lowest height an SPV proof root may have on `chainId` when the redeeming block's parent is
   * at `upperBoundHeight`: upper − window once the window applies (saturating at genesis), else genesis.
   */
  spvRootMinHeight(chainId: number, upperBoundHeight: number): number;
}

export interface ChainwebVersionDefinition {
  readonly name: string;
  readonly code: number;
  readonly graphHistory: ReadonlyArray<GraphHistoryEntry>;
  /** Overrides the genesis heights derived from the graph history (e.g. from a node's /info). */
  readonly genesisHeights?: Readonly<Record<number, number>>;
  readonly genesisTime?: bigint;
  /** One u256 target for every chain, or one per chain id. */
  readonly genesisTargets?: bigint | Readonly<Record<number, bigint>>;
  /** Per chain id: a 32-byte hash or its base64url. */
  readonly genesisPayloadHashes?: Readonly<Record<number, Uint8Array | string>>;
  readonly blockDelay?: bigint;
  readonly windowWidth?: number;
  /** Missing forks default to 0: every guard off, as in chainweb's development version. */
  readonly forks?: Partial<ChainwebVersionForks>;
  readonly disablePow?: boolean;
  readonly fakeFirstEpochStart?: boolean;
  readonly spvProofRootWindow?: SpvProofRootWindow;
}

export const MAX_TARGET = (1n << 256n) - 1n;
const DEFAULT_BLOCK_DELAY = 30_000_000n;
const DEFAULT_WINDOW_WIDTH = 120;

/** chainweb-node's `checkFork before`: the guard holds while `height` is below the fork height. */
export function isBeforeFork(height: number, fork: ForkHeight): boolean {
  return fork === 'never' ? true : height < fork;
}

function checkHeight(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(`${what}: expected a non-negative safe integer, got ${String(value)}`);
  }
  return value;
}

function checkForkHeight(value: unknown, what: string): ForkHeight {
  return value === 'never' ? 'never' : checkHeight(value, what);
}

function checkU256(value: unknown, what: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_TARGET)
    throw invalidInput(`${what}: expected a u256 bigint`);
  return value;
}

class DefinedChainwebVersion implements ChainwebVersion {
  readonly name: string;
  readonly code: number;
  readonly graphHistory: ReadonlyArray<GraphHistoryEntry>;
  readonly chainIds: readonly number[];
  readonly genesisTime: bigint | undefined;
  readonly blockDelay: bigint;
  readonly windowWidth: number;
  readonly forks: ChainwebVersionForks;
  readonly disablePow: boolean;
  readonly fakeFirstEpochStart: boolean;
  readonly spvProofRootWindow: SpvProofRootWindow | undefined;
  private readonly genesisHeights: ReadonlyMap<number, number>;
  private readonly genesisTargets: ReadonlyMap<number, bigint>;
  private readonly genesisPayloads: ReadonlyMap<number, Buffer>;

  constructor(definition: ChainwebVersionDefinition) {
    if (definition === null || typeof definition !== 'object')
      throw invalidInput('chainweb version: expected a definition');
    const { name, code } = definition;
    if (typeof name !== 'string' || name.length === 0)
      throw invalidInput('chainweb version: name must be a non-empty string');
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 0xffffffff) {
      throw invalidInput(`chainweb version ${name}: code must be a u32`);
    }
    this.name = name;
    this.code = code;
    this.graphHistory = checkGraphHistory(name, definition.graphHistory);
    const latest = (this.graphHistory[this.graphHistory.length - 1] as GraphHistoryEntry).graph;
    this.chainIds = latest.chainIds;
    for (const entry of this.graphHistory) {
      const dropped = entry.graph.chainIds.find((id) => !latest.hasChain(id));
      if (dropped !== undefined) {
        throw invalidInput(
          `chainweb version ${name}: chain ${dropped} of the graph at ${entry.height} is missing from the latest graph`,
        );
      }
    }
    this.genesisHeights = this.resolveGenesisHeights(definition.genesisHeights);

    if (definition.genesisTime !== undefined && typeof definition.genesisTime !== 'bigint') {
      throw invalidInput(`chainweb version ${name}: genesisTime must be a bigint (µs)`);
    }
    this.genesisTime = definition.genesisTime;
    this.blockDelay = definition.blockDelay ?? DEFAULT_BLOCK_DELAY;
    if (typeof this.blockDelay !== 'bigint' || this.blockDelay <= 0n)
      throw invalidInput(`chainweb version ${name}: blockDelay must be a positive bigint (µs)`);
    this.windowWidth = definition.windowWidth ?? DEFAULT_WINDOW_WIDTH;
    if (checkHeight(this.windowWidth, `chainweb version ${name}: windowWidth`) === 0) {
      throw invalidInput(`chainweb version ${name}: windowWidth must be positive`);
    }
    const forks = definition.forks ?? {};
    this.forks = Object.freeze({
      slowEpoch: checkForkHeight(forks.slowEpoch ?? 0, `${name} fork slowEpoch`),
      oldTargetGuard: checkForkHeight(forks.oldTargetGuard ?? 0, `${name} fork oldTargetGuard`),
      skipFeatureFlagValidation: checkForkHeight(
        forks.skipFeatureFlagValidation ?? 0,
        `${name} fork skipFeatureFlagValidation`,
      ),
      oldDaGuard: checkForkHeight(forks.oldDaGuard ?? 0, `${name} fork oldDaGuard`),
    });
    this.disablePow = definition.disablePow ?? false;
    this.fakeFirstEpochStart = definition.fakeFirstEpochStart ?? false;
    if (typeof this.disablePow !== 'boolean' || typeof this.fakeFirstEpochStart !== 'boolean') {
      throw invalidInput(`chainweb version ${name}: disablePow and fakeFirstEpochStart must be booleans`);
    }
    if (definition.spvProofRootWindow !== undefined) {
      const window = definition.spvProofRootWindow;
      this.spvProofRootWindow = Object.freeze({
        fromHeight: checkHeight(window?.fromHeight, `${name} spvProofRootWindow.fromHeight`),
        blocks: checkHeight(window?.blocks, `${name} spvProofRootWindow.blocks`),
      });
    }
    this.genesisTargets = this.perChain(
      definition.genesisTargets,
      (v, what) => checkU256(v, what),
      'genesisTargets',
    );
    this.genesisPayloads = this.perChain(
      definition.genesisPayloadHashes,
      (v, what) => {
        if (typeof v === 'string') return hashFromBase64Url(v, what);
        if (v instanceof Uint8Array && v.length === 32) return Buffer.from(v);
        throw invalidInput(`${what}: expected a 32-byte hash`);
      },
      'genesisPayloadHashes',
    );
  }

  graphAt(height: number): ChainGraph {
    checkHeight(height, 'block height');
    let graph = (this.graphHistory[0] as GraphHistoryEntry).graph;
    for (const entry of this.graphHistory) {
      if (entry.height > height) break;
      graph = entry.graph;
    }
    return graph;
  }

  chainIdsAt(height: number): readonly number[] {
    return this.graphAt(height).chainIds;
  }

  hasChain(chainId: number): boolean {
    return this.genesisHeights.has(chainId);
  }

  isChainActiveAt(chainId: number, height: number): boolean {
    return checkHeight(height, 'block height') >= this.genesisHeight(chainId);
  }

  genesisHeight(chainId: number): number {
    const height = this.genesisHeights.get(chainId);
    if (height === undefined)
      throw new ChainwebError('unknown_chain', `chain ${String(chainId)} is not a chain of ${this.name}`);
    return height;
  }

  genesisGraph(chainId: number): ChainGraph {
    return this.graphAt(this.genesisHeight(chainId));
  }

  genesisTarget(chainId: number): bigint | undefined {
    this.genesisHeight(chainId);
    return this.genesisTargets.get(chainId);
  }

  genesisPayloadHash(chainId: number): Buffer | undefined {
    this.genesisHeight(chainId);
    const hash = this.genesisPayloads.get(chainId);
    return hash === undefined ? undefined : Buffer.from(hash);
  }

  spvProofRootWindowAt(upperBoundHeight: number): number | undefined {
    checkHeight(upperBoundHeight, 'upper bound height');
    const window = this.spvProofRootWindow;
    return window !== undefined && upperBoundHeight >= window.fromHeight ? window.blocks : undefined;
  }

  spvRootMinHeight(chainId: number, upperBoundHeight: number): number {
    const genesis = this.genesisHeight(chainId);
    const window = this.spvProofRootWindowAt(upperBoundHeight);
    return window !== undefined && window + genesis <= upperBoundHeight ? upperBoundHeight - window : genesis;
  }

  /**
   * chainweb's genesisHeightAndGraph: walking the history down from the latest graph, a chain's
   * genesis is the start of the lowest graph of the unbroken run of graphs that contain it.
   */
  private resolveGenesisHeights(
    overrides: Readonly<Record<number, number>> | undefined,
  ): ReadonlyMap<number, number> {
    const heights = new Map<number, number>();
    for (const chainId of this.chainIds) {
      let genesis = 0;
      for (let i = this.graphHistory.length - 1; i >= 0; i--) {
        const entry = this.graphHistory[i] as GraphHistoryEntry;
        if (!entry.graph.hasChain(chainId)) break;
        genesis = entry.height;
      }
      heights.set(chainId, genesis);
    }
    if (overrides !== undefined) {
      if (overrides === null || typeof overrides !== 'object')
        throw invalidInput(`chainweb version ${this.name}: genesisHeights must be an object`);
      for (const [key, value] of Object.entries(overrides)) {
        const chainId = Number(key);
        if (!heights.has(chainId))
          throw invalidInput(`chainweb version ${this.name}: genesis height for unknown chain ${key}`);
        const height = checkHeight(value, `chainweb version ${this.name}: genesis height of chain ${key}`);
        if (!this.graphAt(height).hasChain(chainId)) {
          throw invalidInput(
            `chainweb version ${this.name}: chain ${key} is not in the graph at its genesis height ${height}`,
          );
        }
        heights.set(chainId, height);
      }
    }
    return heights;
  }

  private perChain<In, Out>(
    values: In | Readonly<Record<number, In>> | undefined,
    check: (value: In, what: string) => Out,
    what: string,
  ): ReadonlyMap<number, Out> {
    const out = new Map<number, Out>();
    if (values === undefined) return out;
    if (typeof values === 'bigint' || values instanceof Uint8Array || typeof values === 'string') {
      for (const chainId of this.chainIds) out.set(chainId, check(values, `${this.name} ${what}`));
      return out;
    }
    if (values === null || typeof values !== 'object')
      throw invalidInput(`chainweb version ${this.name}: bad ${what}`);
    for (const [key, value] of Object.entries(values as Record<string, In>)) {
      const chainId = Number(key);
      if (!this.genesisHeights.has(chainId))
        throw invalidInput(`chainweb version ${this.name}: ${what} for unknown chain ${key}`);
      out.set(chainId, check(value, `${this.name} ${what}[${key}]`));
    }
    return out;
  }
}

function checkGraphHistory(name: string, history: unknown): ReadonlyArray<GraphHistoryEntry> {
  if (!Array.isArray(history) || history.length === 0)
    throw invalidInput(`chainweb version ${name}: graphHistory must be a non-empty list`);
  const entries = history.map((entry: unknown, i) => {
    if (entry === null || typeof entry !== 'object')
      throw invalidInput(`chainweb version ${name}: graphHistory[${i}] is not an entry`);
    const { height, graph } = entry as GraphHistoryEntry;
    checkHeight(height, `chainweb version ${name}: graphHistory[${i}].height`);
    if (graph === null || typeof graph !== 'object' || typeof graph.shortestPath !== 'function') {
      throw invalidInput(`chainweb version ${name}: graphHistory[${i}].graph is not a ChainGraph`);
    }
    return Object.freeze({ height, graph });
  });
  entries.sort((a, b) => a.height - b.height);
  if ((entries[0] as GraphHistoryEntry).height !== 0)
    throw invalidInput(`chainweb version ${name}: the first graph must start at height 0`);
  if (entries.some((e, i) => i > 0 && e.height === (entries[i - 1] as GraphHistoryEntry).height)) {
    throw invalidInput(`chainweb version ${name}: two graphs start at the same height`);
  }
  return Object.freeze(entries);
}

/** Builds a Chainweb version (e.g. a devnet's) after checking every field. */
export function defineChainwebVersion(definition: ChainwebVersionDefinition): ChainwebVersion {
  return new DefinedChainwebVersion(definition);
}
