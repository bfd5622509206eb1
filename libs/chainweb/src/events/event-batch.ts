import { invalidInput } from '../errors';
import { MerkleTree } from '../merkle/merkle-log';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { checkLeafCount } from './event-inclusion';
import { EventLeafEncoder, type EventRef, type EventScope } from './event-leaf';
import type { EventInclusionProof } from './event-proof';

export interface EventBatchInput extends EventScope {
  /** The events' digests in batch order: one Buffer each, or one flat Buffer of n × digest length. */
  readonly digests: Uint8Array | readonly Uint8Array[];
}

/**
 * A batch of event digests of one scope (tenant, namespace, digest algorithm) and its Merkle-log
 * tree over the domain-separated leaves of ./event-leaf. Digests and leaf hashes are kept in flat
 * Buffers, so building and proving stay cheap for large batches.
 */
export class EventBatch {
  readonly scope: EventScope;
  readonly leafCount: number;
  readonly root: Buffer;

  private constructor(
    private readonly encoder: EventLeafEncoder,
    private readonly digests: Buffer,
    private readonly tree: MerkleTree,
  ) {
    this.scope = encoder.scope;
    this.leafCount = tree.size;
    this.root = tree.root;
  }

  static build(input: EventBatchInput): EventBatch {
    if (typeof input !== 'object' || input === null) throw invalidInput('event batch: expected an object');
    const encoder = new EventLeafEncoder(input);
    const length = encoder.digestLength;
    const digests = flatDigests(input.digests, length, input.digestAlgorithm);
    const count = digests.length / length;
    checkLeafCount(count);
    return new EventBatch(
      encoder,
      digests,
      MerkleTree.fromLeafHashes(encoder.leafHashesFlat(digests, count)),
    );
  }

  /** Height of the tree: the longest proof has this many steps. */
  get depth(): number {
    return this.tree.depth;
  }

  digest(index: number): Buffer {
    this.checkIndex(index);
    const length = this.encoder.digestLength;
    return Buffer.from(this.digests.subarray(index * length, (index + 1) * length));
  }

  event(index: number): EventRef {
    return { ...this.scope, index, digest: this.digest(index) };
  }

  leafHash(index: number): Buffer {
    return this.tree.leaf(index);
  }

  /** The leaf's entry bytes (see ./event-leaf), the subject its proof proves. */
  entry(index: number): Buffer {
    return this.encoder.entry(index, this.digest(index));
  }

  /** The inclusion proof of event `index`: a merkle-log proof object whose subject position is the index. */
  inclusionProof(index: number): MerkleProofObject {
    const steps = this.tree.proofSteps(index); // checks the index before BigInt sees it
    return new MerkleProofObject(BigInt(index), steps);
  }

  /** Every event's inclusion proof, in batch order. */
  inclusionProofs(): MerkleProofObject[] {
    const proofs = new Array<MerkleProofObject>(this.leafCount);
    for (let i = 0; i < this.leafCount; i++)
      proofs[i] = new MerkleProofObject(BigInt(i), this.tree.proofSteps(i));
    return proofs;
  }

  /** Event `index` with its inclusion proof against this batch's root. */
  eventProof(index: number): EventInclusionProof {
    return {
      event: this.event(index),
      batch: { root: Buffer.from(this.root), leafCount: this.leafCount },
      inclusion: this.inclusionProof(index),
    };
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.leafCount) {
      throw invalidInput(`event index ${index} is outside a batch of ${this.leafCount} events`);
    }
  }
}

export function buildEventBatch(input: EventBatchInput): EventBatch {
  return EventBatch.build(input);
}

function flatDigests(digests: EventBatchInput['digests'], length: number, algorithm: string): Buffer {
  if (digests instanceof Uint8Array) {
    if (digests.length === 0 || digests.length % length !== 0) {
      throw invalidInput(
        `event digests: ${digests.length} bytes is not a positive multiple of ${length} (${algorithm})`,
      );
    }
    return Buffer.from(digests);
  }
  if (!Array.isArray(digests)) throw invalidInput('event digests: expected a Buffer or an array of Buffers');
  const flat = Buffer.allocUnsafe(digests.length * length);
  digests.forEach((digest: unknown, i) => {
    if (!(digest instanceof Uint8Array) || digest.length !== length) {
      throw invalidInput(`event digest ${i}: expected ${length} bytes (${algorithm})`);
    }
    flat.set(digest, i * length);
  });
  return flat;
}
