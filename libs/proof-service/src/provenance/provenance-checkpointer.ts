import type { PlanCodeName, ProofJobProducer } from '@spv-cloud/queue';
import type { Clock } from '../platform/clock';
import type { ServiceSigner } from '../platform/service-signer';
import { ProofServiceError } from '../proof-service.errors';
import type { ProofRepository } from '../proofs/proof.repository';
import type { CheckpointAnchor } from './checkpoint-anchor';
import { checkpointMessage } from './provenance-checkpoint';
import type { ProvenanceAudit, ProvenanceLogService } from './provenance-log.service';
import type { ProvenanceRepository } from './provenance.repository';
import { merkleRoot } from '@spv-cloud/chainweb';

export interface CheckpointCadence {
  /** Checkpoint once at least this many entries were appended since the last checkpoint… */
  readonly minNewEntries: number;
  /** …or once the last checkpoint is this old and anything was appended. */
  readonly maxAgeMs: number;
}

export interface CheckpointRun {
  readonly audit: ProvenanceAudit;
  /** Size of the checkpoint written by this run, if one was. */
  readonly written: bigint | null;
  readonly submitted: number;
  readonly confirmed: number;
}

/**
 * The worker's checkpoint job: audits the log (an inconsistent log is never checkpointed: it raises
 * `provenance_inconsistent` and the operators are alerted), writes a signed (size, root) checkpoint on
 * its cadence, submits unanchored checkpoints to `provenance-log.record-checkpoint`, confirms submitted
 * ones, and has the SPV proof of each anchoring transaction generated (the checkpoint's anchored proof).
 */
export class ProvenanceCheckpointer {
  constructor(
    private readonly deps: {
      readonly log: Pick<ProvenanceLogService, 'audit' | 'logId'>;
      readonly repository: Pick<
        ProvenanceRepository,
        | 'size'
        | 'leaves'
        | 'latestCheckpoint'
        | 'checkpoints'
        | 'insertCheckpoint'
        | 'recordAnchorSubmitted'
        | 'recordAnchorConfirmed'
      >;
      readonly signer: ServiceSigner;
      readonly clock: Clock;
      readonly cadence: CheckpointCadence;
      /** Absent: checkpoints are signed but not anchored (anchoring not configured). */
      readonly anchor?: CheckpointAnchor;
      readonly proofs?: Pick<ProofRepository, 'ensureSystemProof'>;
      readonly jobs?: Pick<ProofJobProducer, 'generateProof'>;
      readonly onInconsistent: (audit: ProvenanceAudit) => void;
    },
  ) {}

  async run(): Promise<CheckpointRun> {
    const audit = await this.deps.log.audit();
    if (!audit.consistent) {
      this.deps.onInconsistent(audit);
      throw new ProofServiceError('provenance_inconsistent', audit.problems.map((p) => p.message).join('; '));
    }
    const written = await this.maybeCheckpoint(audit.size);
    const { submitted, confirmed } = this.deps.anchor
      ? await this.anchorPending(this.deps.anchor)
      : { submitted: 0, confirmed: 0 };
    return { audit, written, submitted, confirmed };
  }

  private async maybeCheckpoint(size: bigint): Promise<bigint | null> {
    if (size === 0n) return null;
    const latest = await this.deps.repository.latestCheckpoint();
    const now = this.deps.clock.now();
    if (latest) {
      if (size <= latest.treeSize) return null;
      const fresh = size - latest.treeSize;
      const age = now.getTime() - latest.createdAt.getTime();
      if (fresh < BigInt(this.deps.cadence.minNewEntries) && age < this.deps.cadence.maxAgeMs) return null;
    }
    const rootHash = merkleRoot(await this.deps.repository.leaves(size));
    const signature = this.deps.signer.sign(checkpointMessage(this.deps.log.logId, size, rootHash));
    await this.deps.repository.insertCheckpoint({
      treeSize: size,
      rootHash,
      signature,
      signingKeyId: this.deps.signer.keyId,
      now,
    });
    return size;
  }

  private async anchorPending(anchor: CheckpointAnchor): Promise<{ submitted: number; confirmed: number }> {
    let submitted = 0;
    let confirmed = 0;
    const checkpoints = await this.deps.repository.checkpoints();
    // Only the newest unanchored checkpoint is submitted: sizes on chain must grow, and the newest covers the rest.
    const latest = checkpoints.at(-1);
    if (latest && latest.anchor === null) {
      const submission = await anchor.submit({
        logId: this.deps.log.logId,
        size: latest.treeSize,
        root: latest.rootHash,
      });
      await this.deps.repository.recordAnchorSubmitted(latest.id, submission);
      submitted++;
    }
    for (const checkpoint of await this.deps.repository.checkpoints()) {
      if (!checkpoint.anchor || checkpoint.anchor.blockHash) continue;
      const confirmation = await anchor.confirm(checkpoint.anchor.requestKey);
      if (!confirmation) continue;
      await this.deps.repository.recordAnchorConfirmed(checkpoint.id, {
        ...confirmation,
        anchoredAt: this.deps.clock.now(),
      });
      confirmed++;
      if (this.deps.proofs && this.deps.jobs) {
        const proof = await this.deps.proofs.ensureSystemProof(
          {
            network: checkpoint.anchor.network,
            chainId: checkpoint.anchor.chainId,
            requestKey: checkpoint.anchor.requestKey,
            targetChainId: checkpoint.anchor.chainId,
            kind: 'TXOUT',
          },
          this.deps.clock.now(),
        );
        const plan: PlanCodeName = 'enterprise';
        await this.deps.jobs.generateProof({ chainProofId: proof.id }, plan);
      }
    }
    return { submitted, confirmed };
  }
}
