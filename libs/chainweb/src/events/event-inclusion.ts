import { invalidInput } from '../errors';
import { HASH_LENGTH, sha512_256 } from '../hash';
import { SIBLING_LEFT, SIBLING_RIGHT, STEP_LENGTH } from '../merkle/merkle-log';
import { MAX_BATCH_EVENTS } from './event-leaf';

/**
 * Inclusion of one leaf in a batch tree (merkle-log's RFC 6962 shape). Besides reaching the root,
 * the steps must have exactly the shape of leaf `index` in a tree of `leafCount` leaves: at each
 * level an odd position has its sibling on the left, an even one on the right, and the last node of
 * an odd-sized level is promoted without a step. This binds the claimed leaf count to the tree and
 * refuses proofs whose sides were reshuffled.
 */

/** Reused by every node hash: verification allocates only the hashes node:crypto returns. */
const NODE_SCRATCH = Buffer.alloc(1 + 2 * HASH_LENGTH);
NODE_SCRATCH[0] = 0x01;

export function checkLeafCount(leafCount: number): void {
  if (!Number.isSafeInteger(leafCount) || leafCount < 1 || leafCount > MAX_BATCH_EVENTS) {
    throw invalidInput(`leaf count must be an integer in 1..${MAX_BATCH_EVENTS}, got ${leafCount}`);
  }
}

/** Number of steps in the proof of leaf `index` of a tree of `leafCount` leaves. */
export function inclusionStepCount(index: number, leafCount: number): number {
  let steps = 0;
  for (
    let position = index, count = leafCount;
    count > 1;
    position = Math.floor(position / 2), count = Math.ceil(count / 2)
  ) {
    if (position % 2 === 1 || position + 1 < count) steps++;
  }
  return steps;
}

/**
 * Runs `steps` (33-byte side ‖ sibling records) from `leaf` and returns the root reached, or
 * undefined when the steps do not have the shape of leaf `index` among `leafCount` leaves.
 * `index` and `leafCount` must already be checked integers.
 */
export function runInclusionSteps(
  leaf: Buffer,
  index: number,
  leafCount: number,
  steps: Uint8Array,
): Buffer | undefined {
  if (index >= leafCount || steps.length % STEP_LENGTH !== 0) return undefined;
  let current = leaf;
  let offset = 0;
  for (
    let position = index, count = leafCount;
    count > 1;
    position = Math.floor(position / 2), count = Math.ceil(count / 2)
  ) {
    const siblingLeft = position % 2 === 1;
    if (!siblingLeft && position + 1 >= count) continue; // promoted unchanged
    if (offset >= steps.length) return undefined;
    const side = steps[offset];
    if (side !== (siblingLeft ? SIBLING_LEFT : SIBLING_RIGHT)) return undefined;
    const sibling = steps.subarray(offset + 1, offset + STEP_LENGTH);
    if (siblingLeft) {
      NODE_SCRATCH.set(sibling, 1);
      NODE_SCRATCH.set(current, 1 + HASH_LENGTH);
    } else {
      NODE_SCRATCH.set(current, 1);
      NODE_SCRATCH.set(sibling, 1 + HASH_LENGTH);
    }
    current = sha512_256(NODE_SCRATCH);
    offset += STEP_LENGTH;
  }
  return offset === steps.length ? current : undefined;
}

/** H(0x01 ‖ left ‖ right) through the shared scratch buffer. */
export function hashNode(left: Uint8Array, right: Uint8Array): Buffer {
  NODE_SCRATCH.set(left, 1);
  NODE_SCRATCH.set(right, 1 + HASH_LENGTH);
  return sha512_256(NODE_SCRATCH);
}
