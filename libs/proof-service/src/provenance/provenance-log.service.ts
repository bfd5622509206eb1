import {
  MerkleProofObject,
  MerkleTree,
  merkleConsistencyProof,
  merkleRoot,
  verifyMerkleConsistency,
} from '@spv-cloud/chainweb';
import { ProofServiceError } from '../proof-service.errors';
import type { ServiceSigner } from '../platform/service-signer';
import { checkpointMessage } from './provenance-checkpoint';
import { provenanceLeafHash } from './provenance-entry';
import type { StoredProvenanceEntry } from './provenance-log.repository';
import type { CheckpointRecord, ProvenanceRepository } from './provenance.repository';

export type AuditProblemKind =
  'gap' | 'leaf_mismatch' | 'root_mismatch' | 'inconsistent' | 'bad_signature' | 'truncated';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly sequence?: bigint;
  readonly treeSize?: bigint;
  readonly message: string;
}

export interface ProvenanceAudit {
  readonly consistent: boolean;
  readonly size: bigint;
  readonly checkpoints: number;
  readonly problems: readonly AuditProblem[];
}

export interface InclusionProof {
  readonly sequence: bigint;
  readonly treeSize: bigint;
  /** merkle-log's proof object (chainweb's format): base64url of count ‖ position ‖ steps. */
  readonly proof: string;
  readonly leafHash: Buffer;
  readonly rootHash: Buffer;
}

export interface ConsistencyProof {
  readonly fromSize: bigint;
  readonly toSize: bigint;
  readonly fromRoot: Buffer;
  readonly toRoot: Buffer;
  /** RFC 6962 consistency proof node hashes. */
  readonly hashes: readonly Buffer[];
}

const PAGE = 10_000;

/**
 * The provenance log as a Merkle log: every entry's leaf is the SHA-512/256 leaf hash of its canonical
 * bytes; checkpoints sign (size, root) and are anchored on chain. This service proves an entry's
 * inclusion under a checkpoint, proves two checkpoints consistent (RFC 6962), and audits the whole
 * log: each entry re-hashed from its fields, each checkpoint's root rebuilt, each pair of checkpoints
 * and the latest one against the current log checked for consistency. An edited entry breaks
 * its leaf; an edited entry whose leaf was rewritten too breaks the roots and the consistency proofs.
 */
export class ProvenanceLogService {
  constructor(
    private readonly deps: {
      readonly repository: Pick<ProvenanceRepository, 'size' | 'leaves' | 'entries' | 'checkpoints'>;
      /** When given, checkpoint signatures are verified by the audit. */
      readonly signer?: Pick<ServiceSigner, 'verify' | 'keyId'>;
      readonly logId: string;
    },
  ) {}

  get logId(): string {
    return this.deps.logId;
  }

  /** The inclusion proof of entry `sequence` in the tree of the first `checkpoint.treeSize` entries. */
  async inclusionProof(
    sequence: bigint,
    checkpoint: Pick<CheckpointRecord, 'treeSize' | 'rootHash'>,
  ): Promise<InclusionProof> {
    if (sequence < 0n || sequence >= checkpoint.treeSize) {
      throw new ProofServiceError(
        'not_found',
        `entry ${sequence} is not under the checkpoint of size ${checkpoint.treeSize}`,
      );
    }
    const leaves = await this.deps.repository.leaves(checkpoint.treeSize);
    const tree = MerkleTree.fromLeafHashes(this.whole(leaves, checkpoint.treeSize));
    if (!tree.root.equals(checkpoint.rootHash)) {
      throw new ProofServiceError(
        'provenance_inconsistent',
        `the log no longer matches its checkpoint of size ${checkpoint.treeSize}`,
      );
    }
    const index = Number(sequence);
    const object = new MerkleProofObject(sequence, tree.proofSteps(index));
    return {
      sequence,
      treeSize: checkpoint.treeSize,
      proof: object.encode().toString('base64url'),
      leafHash: tree.leaf(index),
      rootHash: tree.root,
    };
  }

  /** The RFC 6962 consistency proof between two checkpoints (`from` older). */
  async consistencyProof(
    from: Pick<CheckpointRecord, 'treeSize' | 'rootHash'>,
    to: Pick<CheckpointRecord, 'treeSize' | 'rootHash'>,
  ): Promise<ConsistencyProof> {
    if (from.treeSize > to.treeSize)
      throw new ProofServiceError('invalid_argument', 'the first checkpoint must be the older one');
    const leaves = this.whole(await this.deps.repository.leaves(to.treeSize), to.treeSize);
    const proof = merkleConsistencyProof(leaves, Number(from.treeSize), Number(to.treeSize));
    const hashes: Buffer[] = [];
    for (let offset = 0; offset < proof.length; offset += 32)
      hashes.push(proof.subarray(offset, offset + 32));
    return {
      fromSize: from.treeSize,
      toSize: to.treeSize,
      fromRoot: from.rootHash,
      toRoot: to.rootHash,
      hashes,
    };
  }

  /** Audits the whole log against its checkpoints (see the class comment). */
  async audit(): Promise<ProvenanceAudit> {
    const problems: AuditProblem[] = [];
    const size = await this.deps.repository.size();
    const checkpoints = await this.deps.repository.checkpoints();
    const recomputed = Buffer.allocUnsafe(Number(size) * 32);
    let expected = 0n;
    for (;;) {
      const page: StoredProvenanceEntry[] = await this.deps.repository.entries(expected, PAGE);
      for (const entry of page) {
        if (entry.sequence !== expected) {
          problems.push({
            kind: 'gap',
            sequence: expected,
            message: `entry ${expected} is missing (next is ${entry.sequence})`,
          });
          return { consistent: false, size, checkpoints: checkpoints.length, problems };
        }
        const leaf = provenanceLeafHash(entry);
        if (!leaf.equals(entry.leafHash)) {
          problems.push({
            kind: 'leaf_mismatch',
            sequence: entry.sequence,
            message: `entry ${entry.sequence} does not hash to its stored leaf`,
          });
        }
        leaf.copy(recomputed, Number(entry.sequence) * 32);
        expected++;
      }
      if (page.length < PAGE) break;
    }
    if (expected !== size) {
      problems.push({
        kind: 'truncated',
        sequence: expected,
        message: `read ${expected} entries of ${size}`,
      });
      return { consistent: false, size, checkpoints: checkpoints.length, problems };
    }
    const stored = await this.deps.repository.leaves(size);

    let previous: CheckpointRecord | undefined;
    for (const checkpoint of checkpoints) {
      if (checkpoint.treeSize > size) {
        problems.push({
          kind: 'truncated',
          treeSize: checkpoint.treeSize,
          message: `the log is shorter than its checkpoint of size ${checkpoint.treeSize}`,
        });
        continue;
      }
      if (this.deps.signer && checkpoint.signingKeyId === this.deps.signer.keyId) {
        const message = checkpointMessage(this.deps.logId, checkpoint.treeSize, checkpoint.rootHash);
        if (!this.deps.signer.verify(message, checkpoint.signature)) {
          problems.push({
            kind: 'bad_signature',
            treeSize: checkpoint.treeSize,
            message: `checkpoint ${checkpoint.treeSize} has a bad signature`,
          });
        }
      }
      const root = merkleRoot(recomputed.subarray(0, Number(checkpoint.treeSize) * 32));
      if (!root.equals(checkpoint.rootHash)) {
        problems.push({
          kind: 'root_mismatch',
          treeSize: checkpoint.treeSize,
          message: `the entries under checkpoint ${checkpoint.treeSize} no longer hash to its root`,
        });
      }
      if (
        previous &&
        !this.consistent(
          stored,
          previous.treeSize,
          previous.rootHash,
          checkpoint.treeSize,
          checkpoint.rootHash,
        )
      ) {
        problems.push({
          kind: 'inconsistent',
          treeSize: checkpoint.treeSize,
          message: `checkpoints ${previous.treeSize} and ${checkpoint.treeSize} are not consistent`,
        });
      }
      previous = checkpoint;
    }
    // The log as stored now must extend the latest checkpoint.
    if (previous && previous.treeSize <= size) {
      const currentRoot = merkleRoot(stored);
      if (!this.consistent(stored, previous.treeSize, previous.rootHash, size, currentRoot)) {
        problems.push({
          kind: 'inconsistent',
          treeSize: size,
          message: `the current log (size ${size}) does not extend checkpoint ${previous.treeSize}`,
        });
      }
    }
    return { consistent: problems.length === 0, size, checkpoints: checkpoints.length, problems };
  }

  private consistent(
    stored: Buffer,
    oldSize: bigint,
    oldRoot: Buffer,
    newSize: bigint,
    newRoot: Buffer,
  ): boolean {
    const proof = merkleConsistencyProof(stored, Number(oldSize), Number(newSize));
    return verifyMerkleConsistency({
      oldSize: Number(oldSize),
      newSize: Number(newSize),
      oldRoot,
      newRoot,
      proof,
    });
  }

  private whole(leaves: Buffer, size: bigint): Buffer {
    if (BigInt(leaves.length / 32) !== size) {
      throw new ProofServiceError(
        'provenance_inconsistent',
        `the log has ${leaves.length / 32} entries below ${size}`,
      );
    }
    return leaves;
  }
}
