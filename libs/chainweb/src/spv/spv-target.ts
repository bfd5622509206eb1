import { invalidInput } from '../errors';
import type { ChainwebVersion } from '../version';

/**
 * How many blocks a freshly created proof root keeps before it leaves the SPV root window; chainweb's
 * `proofSlack` (src/Chainweb/SPV/CreateProof.hs).
 */
export const SPV_PROOF_SLACK = 100;

export interface SpvTargetHeightOptions {
  /**
   * Current head height of the target chain. When given and the version has an SPV root window in
   * force there, an old transaction's target is raised into the window the way current nodes do
   * (`findTrgHeader`), so the proof does not expire on arrival.
   */
  readonly targetHeadHeight?: number;
}

/**
 * The height of the target header of a minimal proof (chainweb `findTrgHeader`): the source height
 * plus the source→target distance in the graph at the source height; when the graph changes within
 * those blocks, plus the distance in the new graph as well (chainweb assumes graph changes are more
 * than a diameter apart). Same chain: the source height itself.
 */
export function spvTargetHeight(
  version: ChainwebVersion,
  sourceChain: number,
  targetChain: number,
  sourceHeight: number,
  options: SpvTargetHeightOptions = {},
): number {
  checkVersion(version);
  checkHeight(sourceHeight, 'source height');
  const sourceGraph = version.graphAt(sourceHeight);
  const distance = sourceGraph.shortestPath(targetChain, sourceChain).length;
  const graphThere = version.graphAt(sourceHeight + distance);
  let height = sourceHeight + distance;
  if (graphThere !== sourceGraph && !graphThere.sameEdges(sourceGraph)) {
    height += graphThere.shortestPath(targetChain, sourceChain).length;
  }
  const head = options.targetHeadHeight;
  if (head !== undefined) {
    checkHeight(head, 'target head height');
    const window = version.spvProofRootWindowAt(head);
    if (window !== undefined) {
      const lowestKnown = Math.max(head, window) - window;
      height = Math.max(height, Math.min(head, lowestKnown + SPV_PROOF_SLACK));
    }
  }
  return height;
}

export function checkVersion(version: ChainwebVersion): void {
  if (version === null || typeof version !== 'object' || typeof version.graphAt !== 'function') {
    throw invalidInput('version: expected a ChainwebVersion');
  }
}

export function checkHeight(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(`${what}: expected a non-negative safe integer, got ${String(value)}`);
  }
}
