import { type ChainwebVersion, isBeforeFork } from '../version/chainweb-version';
import type { BlockHeader } from './block-header';
import { u256FromLe, UINT256_MAX } from './uint256';

/*
 * chainweb-node's epoch-based difficulty adjustment (BlockHeader/Internal.hs powTarget/epochStart,
 * Difficulty.hs adjust/legacyAdjust). Targets are u256 bigints. Haskell converts rationals to Word256
 * with `ceiling`, which wraps modulo 2^256; we wrap the same way so every history replays exactly.
 */

/** During the first epoch after genesis the window is a tenth as wide (10 extra adjustments). */
export function effectiveWindow(version: ChainwebVersion, header: BlockHeader): number {
  const w = version.windowWidth;
  return header.height <= w ? Math.max(1, Math.floor(w / 10)) : w;
}

export function isLastInEpoch(version: ChainwebVersion, header: BlockHeader): boolean {
  return (header.height + 1) % effectiveWindow(version, header) === 0;
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return r !== 0n && r > 0n === denominator > 0n ? q + 1n : q;
}

/** Difficulty.hs `adjust`: ceil(actual / (window × delay) × oldTarget), capped at the maximum. */
export function adjustTarget(
  blockDelay: bigint,
  window: number,
  actualMicros: bigint,
  oldTarget: bigint,
): bigint {
  const raw = ceilDiv(actualMicros * oldTarget, BigInt(window) * blockDelay);
  const wrapped = BigInt.asUintN(256, raw);
  return wrapped < UINT256_MAX ? wrapped : UINT256_MAX;
}

/** Difficulty.hs `legacyAdjust` (before the OldDAGuard fork); undefined where Haskell divides by zero. */
export function legacyAdjustTarget(
  blockDelay: bigint,
  window: number,
  actualMicros: bigint,
  oldTarget: bigint,
): bigint | undefined {
  if (actualMicros === 0n || oldTarget === 0n) return undefined;
  const newDifficulty = BigInt.asUintN(
    256,
    ceilDiv(UINT256_MAX * blockDelay * BigInt(window), oldTarget * actualMicros),
  );
  return newDifficulty === 0n ? undefined : UINT256_MAX / newDifficulty;
}

/** Emergency DA: the epoch has run more than five times its target length. */
function isSlowEpoch(version: ChainwebVersion, parent: BlockHeader, creationTime: bigint): boolean {
  const expected = version.blockDelay * BigInt(version.windowWidth);
  return creationTime - parent.epochStart > expected * 5n;
}

/** Whether computing the target of a child of `parent` needs the adjacent parents (new DA at an epoch end). */
export function targetNeedsAdjacentParents(
  version: ChainwebVersion,
  parent: BlockHeader,
  creationTime: bigint,
): boolean {
  const adjusts =
    (isBeforeFork(parent.height, version.forks.slowEpoch) && isSlowEpoch(version, parent, creationTime)) ||
    isLastInEpoch(version, parent);
  return adjusts && !isBeforeFork(parent.height + 1, version.forks.oldDaGuard);
}

/**
 * The target of a new block (powTarget). `adjacentParents` are needed only when the new DA adjusts
 * at an epoch end (targetNeedsAdjacentParents); undefined when that data is missing or when chainweb
 * itself would fail (legacy DA with a zero-length epoch).
 */
export function expectedTarget(
  version: ChainwebVersion,
  parent: BlockHeader,
  adjacentParents: readonly BlockHeader[] | undefined,
  creationTime: bigint,
): bigint | undefined {
  const window = effectiveWindow(version, parent);
  const adjusts =
    (isBeforeFork(parent.height, version.forks.slowEpoch) && isSlowEpoch(version, parent, creationTime)) ||
    isLastInEpoch(version, parent);
  if (!adjusts) return u256FromLe(parent.target);

  if (isBeforeFork(parent.height + 1, version.forks.oldDaGuard)) {
    const end = isBeforeFork(parent.height, version.forks.oldTargetGuard)
      ? creationTime
      : parent.creationTime;
    return legacyAdjustTarget(version.blockDelay, window, end - parent.epochStart, u256FromLe(parent.target));
  }
  if (adjacentParents === undefined) return undefined;
  // The new DA averages the adjustment of the parent and of every adjacent parent, each over its own epoch.
  const targets = [parent, ...adjacentParents].map((h) =>
    adjustTarget(version.blockDelay, window, h.creationTime - h.epochStart, u256FromLe(h.target)),
  );
  return targets.reduce((a, b) => a + b, 0n) / BigInt(targets.length);
}

/** The epoch start of a new block (epochStart in BlockHeader/Internal.hs). */
export function expectedEpochStart(
  version: ChainwebVersion,
  parent: BlockHeader,
  creationTime: bigint,
): bigint {
  // Devnets: the genesis creation time is arbitrary, so the first real block opens the first epoch.
  if (version.fakeFirstEpochStart && parent.height === 1) return parent.creationTime;
  // A chain added by a graph change starts its first epoch at its first block after genesis.
  if (
    parent.height > 1 &&
    version.hasChain(parent.chainId) &&
    parent.height === version.genesisHeight(parent.chainId) + 1
  ) {
    return parent.creationTime;
  }
  if (isLastInEpoch(version, parent)) {
    return isBeforeFork(parent.height, version.forks.oldTargetGuard) ? creationTime : parent.creationTime;
  }
  return parent.epochStart;
}
