import { ChainwebError, invalidInput } from '../errors';
import { type ChainwebVersion, isBeforeFork } from '../version/chainweb-version';
import { findKnownChainwebVersion } from '../version/known-versions';
import { type BlockHeader, checkBlockHeaderShape } from './block-header';
import { computeBlockHash, genesisParentBlockHash } from './block-header-merkle';
import { expectedEpochStart, expectedTarget } from './difficulty-adjustment';
import { isGenesisBlockHeader, powHashMeetsTarget, targetToDifficulty } from './proof-of-work';
import { u256FromLe, u256ToLe } from './uint256';

/**
 * Failure names of chainweb-node's ValidationFailureType (src/Chainweb/BlockHeader/Validation.hs),
 * plus UnknownChainId for a chain the version does not have (chainweb rejects those while decoding).
 */
export type HeaderFailure =
  | 'MissingParent'
  | 'MissingAdjacentParent'
  | 'CreatedBeforeParent'
  | 'VersionMismatch'
  | 'ChainMismatch'
  | 'AdjacentChainMismatch'
  | 'AdjacentParentChainMismatch'
  | 'IncorrectHash'
  | 'IncorrectPow'
  | 'IncorrectHeight'
  | 'IncorrectWeight'
  | 'IncorrectTarget'
  | 'IncorrectEpoch'
  | 'IncorrectGenesisParent'
  | 'IncorrectGenesisTarget'
  | 'BlockInTheFuture'
  | 'InvalidFeatureFlags'
  | 'InvalidAdjacentVersion'
  | 'UnknownChainId';

export interface HeaderValidationContext {
  /** The version the header must belong to; defaults to the built-in version of its code. */
  readonly version?: ChainwebVersion;
  /** The parent header. A genesis header is always checked against itself, as chainweb does. */
  readonly parent?: BlockHeader;
  /** The headers the adjacent hashes point to, in any order; matched by hash. */
  readonly adjacentParents?: readonly BlockHeader[];
  /** Current time in µs, for BlockInTheFuture. */
  readonly now?: bigint;
  /**
   * Whether `parent` must be the header's parent (its hash equals header.parent); if not, the result
   * is MissingParent and no inductive check runs, as in chainweb-node today. Default true. chainweb
   * 1.x checked inductive properties against whatever parent it was handed (its test vectors do so).
   */
  readonly requireLinkedParent?: boolean;
}

export interface HeaderValidation {
  /** No check that ran failed. */
  readonly valid: boolean;
  /** Failures in chainweb's check order. */
  readonly failures: HeaderFailure[];
  /** Checks that could not run for lack of context (parent, adjacent parents, time, version data). */
  readonly unchecked: HeaderFailure[];
}

/**
 * Validates a header the way chainweb-node does (validateIntrinsic, validateInductiveChainStep,
 * validateInductiveWebStep) with the rules of chainweb ≤ 2.32: intrinsic checks always; chain-step
 * checks (height, version, weight, chain) with a parent; web-step checks (epoch, target, creation
 * time, adjacent parents) with a parent and, where they need them, the adjacent parents.
 *
 * Feature flags follow the ≤ 2.32 rule: outside the historic skip range they must be 0. chainweb 2.33
 * (Nov 2025) reads them as a fork number and vote count; both stay 0 until a fork is proposed
 * (every version's fork number is 0), so the two rules agree on every header produced so far.
 */
export function validateBlockHeader(
  header: BlockHeader,
  context: ChainwebVersion | HeaderValidationContext = {},
): HeaderValidation {
  checkBlockHeaderShape(header);
  const ctx: HeaderValidationContext = isVersion(context) ? { version: context } : context;
  if (ctx === null || typeof ctx !== 'object') throw invalidInput('header validation: bad context');
  if (ctx.parent !== undefined) checkBlockHeaderShape(ctx.parent);
  if (ctx.adjacentParents !== undefined) {
    if (!Array.isArray(ctx.adjacentParents))
      throw invalidInput('header validation: adjacentParents must be a list');
    ctx.adjacentParents.forEach((p) => checkBlockHeaderShape(p));
  }
  if (ctx.now !== undefined && typeof ctx.now !== 'bigint')
    throw invalidInput('header validation: now must be a bigint (µs)');

  const failures: HeaderFailure[] = [];
  const unchecked: HeaderFailure[] = [];
  const fail = (failure: HeaderFailure, failed: boolean): void => {
    if (failed) failures.push(failure);
  };

  // The rules of the header's own version (as chainweb: a header is judged by the version it names);
  // a mismatch with the version the caller expects is a VersionMismatch.
  const expected = ctx.version;
  const version =
    expected !== undefined && expected.code === header.versionCode
      ? expected
      : findKnownChainwebVersion(header.versionCode);
  if (version === undefined) {
    throw new ChainwebError(
      'unknown_version',
      `header version code ${header.versionCode} is not a known version; pass the version`,
    );
  }

  // Intrinsic properties.
  fail('IncorrectHash', !computeBlockHash(header).equals(header.hash));
  if (!version.hasChain(header.chainId)) {
    fail('IncorrectPow', !version.disablePow && !powHashMeetsTarget(header));
    failures.push('UnknownChainId');
    if (expected !== undefined && expected.code !== header.versionCode) failures.push('VersionMismatch');
    return { valid: false, failures, unchecked };
  }
  const genesis = isGenesisBlockHeader(header, version);
  fail('IncorrectPow', !genesis && !version.disablePow && !powHashMeetsTarget(header));
  const hasGenesisParent = header.parent.equals(genesisParentBlockHash(version.code, header.chainId));
  fail('IncorrectGenesisParent', genesis !== hasGenesisParent);
  if (genesis) {
    const target = version.genesisTarget(header.chainId);
    if (target === undefined) unchecked.push('IncorrectGenesisTarget');
    else fail('IncorrectGenesisTarget', !header.target.equals(u256ToLe(target)));
  }
  if (ctx.now === undefined) unchecked.push('BlockInTheFuture');
  else fail('BlockInTheFuture', header.creationTime > ctx.now);
  fail(
    'InvalidFeatureFlags',
    !isBeforeFork(header.height, version.forks.skipFeatureFlagValidation) && header.featureFlags !== 0n,
  );
  fail('AdjacentChainMismatch', !hasGraphAdjacents(version, header, genesis));

  // Inductive properties need the parent; a genesis header is its own parent (as in chainweb,
  // whatever parent the caller passes).
  const parent = genesis ? header : ctx.parent;
  const adjacents = genesis ? undefined : matchAdjacentParents(header, ctx.adjacentParents);
  if (parent === undefined) {
    unchecked.push(...INDUCTIVE_CHECKS);
  } else if ((ctx.requireLinkedParent ?? true) && !genesis && !header.parent.equals(parent.hash)) {
    return missingContext('MissingParent');
  } else if (adjacents === 'missing') {
    return missingContext('MissingAdjacentParent');
  } else {
    validateChainStep(header, parent, genesis, fail);
    validateWebStep(version, header, parent, adjacents, genesis, fail, unchecked);
  }
  if (
    expected !== undefined &&
    expected.code !== header.versionCode &&
    !failures.includes('VersionMismatch')
  ) {
    failures.push('VersionMismatch');
  }
  return { valid: failures.length === 0, failures, unchecked };
}

/**
 * chainweb-node's validateBlockHeaderM first looks the parents up and, when one is missing, reports
 * that alone: so do we, listing every other check as unchecked.
 */
function missingContext(failure: 'MissingParent' | 'MissingAdjacentParent'): HeaderValidation {
  return { valid: false, failures: [failure], unchecked: [...ALL_CHECKS] };
}

function isVersion(value: unknown): value is ChainwebVersion {
  return (
    value !== null && typeof value === 'object' && typeof (value as ChainwebVersion).graphAt === 'function'
  );
}

/** prop_block_adjacent_chainIds: genesis headers use graph(h), all others graph(h − 1). */
function hasGraphAdjacents(version: ChainwebVersion, header: BlockHeader, genesis: boolean): boolean {
  const graph = version.graphAt(genesis || header.height === 0 ? header.height : header.height - 1);
  if (!graph.hasChain(header.chainId)) return false;
  const expected = graph.adjacents(header.chainId);
  return (
    expected.length === header.adjacents.length &&
    expected.every((c, i) => header.adjacents[i]?.chainId === c)
  );
}

type Fail = (failure: HeaderFailure, failed: boolean) => void;

const INTRINSIC_CHECKS: readonly HeaderFailure[] = [
  'IncorrectHash',
  'IncorrectPow',
  'IncorrectGenesisParent',
  'IncorrectGenesisTarget',
  'BlockInTheFuture',
  'InvalidFeatureFlags',
  'AdjacentChainMismatch',
];

const INDUCTIVE_CHECKS: readonly HeaderFailure[] = [
  'IncorrectHeight',
  'VersionMismatch',
  'IncorrectWeight',
  'ChainMismatch',
  'IncorrectEpoch',
  'IncorrectTarget',
  'CreatedBeforeParent',
  'AdjacentParentChainMismatch',
  'InvalidAdjacentVersion',
];

const ALL_CHECKS: readonly HeaderFailure[] = [...INTRINSIC_CHECKS, ...INDUCTIVE_CHECKS];

function validateChainStep(header: BlockHeader, parent: BlockHeader, genesis: boolean, fail: Fail): void {
  fail('IncorrectHeight', header.height !== (genesis ? parent.height : parent.height + 1));
  fail('VersionMismatch', parent.versionCode !== header.versionCode);
  fail('IncorrectWeight', !header.weight.equals(genesis ? parent.weight : expectedWeight(header, parent)));
  fail('ChainMismatch', parent.chainId !== header.chainId);
}

/** parent weight + difficulty of the header's own target, in Word256 arithmetic. */
function expectedWeight(header: BlockHeader, parent: BlockHeader): Buffer {
  const target = u256FromLe(header.target);
  if (target === 0n) return Buffer.alloc(0); // chainweb divides by zero here: no weight can match
  return u256ToLe(BigInt.asUintN(256, targetToDifficulty(target) + u256FromLe(parent.weight)));
}

/** The adjacent parents in the order of the header's adjacent hashes; 'missing' if one is absent. */
function matchAdjacentParents(
  header: BlockHeader,
  adjacentParents: readonly BlockHeader[] | undefined,
): BlockHeader[] | 'missing' | undefined {
  if (adjacentParents === undefined) return undefined;
  const matched: BlockHeader[] = [];
  for (const { hash } of header.adjacents) {
    const found = adjacentParents.find((p) => p.hash.equals(hash));
    if (found === undefined) return 'missing';
    matched.push(found);
  }
  return matched;
}

function validateWebStep(
  version: ChainwebVersion,
  header: BlockHeader,
  parent: BlockHeader,
  adjacents: readonly BlockHeader[] | undefined,
  genesis: boolean,
  fail: Fail,
  unchecked: HeaderFailure[],
): void {
  const oldDa = isBeforeFork(header.height, version.forks.oldDaGuard);

  const epochStart = expectedEpochStart(version, parent, header.creationTime);
  fail(
    'IncorrectEpoch',
    header.epochStart > header.creationTime ||
      (oldDa && parent.epochStart > header.epochStart) ||
      header.epochStart !== epochStart,
  );

  if (genesis) {
    fail('IncorrectTarget', !header.target.equals(parent.target));
  } else {
    const target = expectedTarget(version, parent, adjacents, header.creationTime);
    if (target === undefined && adjacents === undefined) unchecked.push('IncorrectTarget');
    else fail('IncorrectTarget', target === undefined || u256FromLe(header.target) !== target);
  }

  if (genesis) {
    fail('CreatedBeforeParent', header.creationTime !== parent.creationTime);
  } else if (oldDa) {
    fail('CreatedBeforeParent', header.creationTime <= parent.creationTime);
  } else {
    const beforeAdjacent = adjacents?.some((a) => header.creationTime <= a.creationTime) ?? false;
    fail('CreatedBeforeParent', header.creationTime <= parent.creationTime || beforeAdjacent);
    if (adjacents === undefined) unchecked.push('CreatedBeforeParent');
  }

  if (genesis) {
    // A genesis header's adjacents are the genesis parent hashes of its neighbours.
    fail(
      'AdjacentParentChainMismatch',
      header.adjacents.some((a) => !a.hash.equals(genesisParentBlockHash(version.code, a.chainId))),
    );
  } else if (adjacents === undefined) {
    unchecked.push('AdjacentParentChainMismatch', 'InvalidAdjacentVersion');
  } else {
    fail(
      'AdjacentParentChainMismatch',
      adjacents.some((a, i) => a.chainId !== header.adjacents[i]?.chainId),
    );
    fail(
      'InvalidAdjacentVersion',
      adjacents.some((a) => a.versionCode !== header.versionCode),
    );
  }
}
