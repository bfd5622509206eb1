import { invalidInput } from '../errors';
import { assertHash, SIBLING_LEFT, SIBLING_RIGHT, STEP_LENGTH } from '../merkle/merkle-log';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { checkLeafCount, hashNode } from './event-inclusion';
import { EventLeafEncoder, sameScope, type EventScope } from './event-leaf';
import {
  checkEventInclusionProof,
  type EventBatchRef,
  type EventInclusionProof,
  type EventProofVerification,
} from './event-proof';

/**
 * Verifies many event proofs of one batch against one trusted root, the way an auditor checks a
 * whole batch. Every node a successful proof authenticates (the nodes on its path and their
 * siblings) is remembered; a later proof hashes only up to the first node already known, and its
 * remaining steps are compared (not hashed) against the known siblings. Verifying every event of a
 * batch of n costs about 2n hashes instead of n·log n, and each answer is exactly the one
 * `verifyEventProof` would give against the same root.
 */
export class EventBatchVerifier {
  readonly scope: EventScope;
  readonly root: Buffer;
  readonly leafCount: number;
  private readonly encoder: EventLeafEncoder;
  /** known[level] maps a position to the authenticated hash of that node. */
  private readonly known: Array<Map<number, Buffer>> = [];
  private knownCount = 0;

  constructor(scope: EventScope, batch: EventBatchRef) {
    this.encoder = new EventLeafEncoder(scope);
    this.scope = this.encoder.scope;
    if (typeof batch !== 'object' || batch === null) throw invalidInput('batch: expected an object');
    assertHash(batch.root, 'batch root');
    checkLeafCount(batch.leafCount);
    this.root = Buffer.from(batch.root);
    this.leafCount = batch.leafCount;
  }

  /** How many tree nodes earlier verifications authenticated (for diagnostics and tests). */
  get authenticatedNodeCount(): number {
    return this.knownCount;
  }

  /**
   * Is the event with `digest` at `index` in this batch? `inclusion` is the proof object, or its
   * encoded steps alone. Malformed arguments (digest length, index type) throw invalid_input.
   */
  verify(index: number, digest: Uint8Array, inclusion: MerkleProofObject | Uint8Array): boolean {
    if (!Number.isSafeInteger(index) || index < 0)
      throw invalidInput('event index must be a non-negative integer');
    this.encoder.checkDigest(digest);
    let steps: Uint8Array;
    if (inclusion instanceof MerkleProofObject) {
      if (inclusion.subjectPosition !== BigInt(index)) return false;
      steps = inclusion.steps;
    } else if (inclusion instanceof Uint8Array) {
      steps = inclusion;
    } else {
      throw invalidInput('inclusion: expected a MerkleProofObject or its steps');
    }
    if (index >= this.leafCount || steps.length % STEP_LENGTH !== 0) return false;
    return this.walk(index, this.encoder.leafHash(index, digest), steps);
  }

  /** `verify` for a whole proof object, answering like `verifyEventProof` with this batch's root. */
  verifyProof(proof: EventInclusionProof): EventProofVerification {
    checkEventInclusionProof(proof);
    const { event, batch, inclusion } = proof;
    if (!sameScope(event, this.scope)) {
      const reason = event.tenantId !== this.scope.tenantId ? 'tenant_mismatch' : 'inclusion_mismatch';
      return {
        valid: false,
        reason,
        message: 'the event belongs to another scope (tenant, namespace or digest algorithm)',
      };
    }
    if (!batch.root.equals(this.root) || batch.leafCount !== this.leafCount) {
      return { valid: false, reason: 'root_mismatch', message: 'the proof is for another batch' };
    }
    if (event.index >= this.leafCount || inclusion.subjectPosition !== BigInt(event.index)) {
      return {
        valid: false,
        reason: 'position_mismatch',
        message: `event index ${event.index} does not match the proof position or batch size`,
      };
    }
    const leafHash = this.encoder.leafHash(event.index, event.digest);
    if (!this.walk(event.index, leafHash, inclusion.steps)) {
      return {
        valid: false,
        reason: 'inclusion_mismatch',
        message: 'the proof does not lead to the batch root',
      };
    }
    return { valid: true, event, batch, leafHash };
  }

  /**
   * Climbs from the leaf. Below the first known node it hashes; from there on, each step's sibling
   * must equal the known one (a known node's whole path to the root is known, by construction).
   */
  private walk(index: number, leaf: Buffer, steps: Uint8Array): boolean {
    let current: Buffer | undefined = leaf;
    let offset = 0;
    let level = 0;
    let position = index;
    let count = this.leafCount;
    // Nodes met on the way, committed only once the proof succeeds: [level, position, hash] triples.
    const fresh: Array<number | Buffer> = [];
    for (; count > 1; level++, position = Math.floor(position / 2), count = Math.ceil(count / 2)) {
      if (current !== undefined) {
        const known = this.known[level]?.get(position);
        if (known !== undefined) {
          if (!known.equals(current)) return false;
          current = undefined; // from here on: compare siblings only
        } else {
          fresh.push(level, position, current);
        }
      }
      const siblingLeft = position % 2 === 1;
      if (!siblingLeft && position + 1 >= count) continue;
      if (offset >= steps.length || steps[offset] !== (siblingLeft ? SIBLING_LEFT : SIBLING_RIGHT))
        return false;
      const siblingPosition = siblingLeft ? position - 1 : position + 1;
      if (current === undefined) {
        const known = this.known[level]?.get(siblingPosition);
        if (known === undefined || known.compare(steps, offset + 1, offset + STEP_LENGTH) !== 0) return false;
      } else {
        const sibling = steps.subarray(offset + 1, offset + STEP_LENGTH);
        fresh.push(level, siblingPosition, Buffer.from(sibling));
        current = siblingLeft ? hashNode(sibling, current) : hashNode(current, sibling);
      }
      offset += STEP_LENGTH;
    }
    if (offset !== steps.length) return false;
    if (current !== undefined && !current.equals(this.root)) return false;
    if (current !== undefined) fresh.push(level, position, current);
    this.commit(fresh);
    return true;
  }

  private commit(fresh: Array<number | Buffer>): void {
    for (let i = 0; i < fresh.length; i += 3) {
      const level = fresh[i] as number;
      const map = (this.known[level] ??= new Map());
      if (!map.has(fresh[i + 1] as number)) {
        map.set(fresh[i + 1] as number, fresh[i + 2] as Buffer);
        this.knownCount++;
      }
    }
  }
}
