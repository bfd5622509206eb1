import { ProofServiceError } from '../proof-service.errors';
import type { ProofCache } from '../storage/proof-cache';
import type { ProofStore } from '../storage/proof-store';
import { decodeEvidenceBundle } from '../proofs/evidence-bundle';
import type { ProofRepository } from '../proofs/proof.repository';
import { provenanceEntryBytes, type ProvenanceActionName } from './provenance-entry';
import type { StoredProvenanceEntry } from './provenance-log.repository';
import type { ProvenanceLogService } from './provenance-log.service';
import type { CheckpointRecord, ProvenanceRepository } from './provenance.repository';

export interface ProvenanceEntryView {
  readonly sequence: string;
  readonly action: ProvenanceActionName;
  readonly subjectKind: string;
  readonly subjectId: string;
  /** sha256 (hex) of the evidence bundle issued, refreshed or deleted. */
  readonly proofHash: string;
  readonly nodeUrl: string;
  readonly chainwebVersion: string;
  readonly serviceVersion: string;
  readonly buildHash: string;
  readonly observedAt: string;
  readonly recordedAt: string;
  /** The canonical bytes the leaf hashes (base64url), and the leaf (base64url). */
  readonly entryBytes: string;
  readonly leafHash: string;
}

export interface CheckpointView {
  readonly logId: string;
  readonly treeSize: string;
  readonly rootHash: string;
  readonly signature: string;
  readonly signingKeyId: string;
  readonly createdAt: string;
  readonly anchor: {
    readonly network: string;
    readonly chainId: number;
    readonly requestKey: string;
    readonly blockHash: string | null;
    readonly blockHeight: number | null;
    readonly anchoredAt: string | null;
  } | null;
}

export interface ProofProvenanceView {
  readonly proofId: string;
  readonly entries: readonly ProvenanceEntryView[];
  /** The checkpoint the inclusion proofs lead to (null while none covers the entries). */
  readonly checkpoint: CheckpointView | null;
  /** merkle-log proof objects (base64url), one per entry under the checkpoint, by sequence. */
  readonly inclusion: readonly { readonly sequence: string; readonly proof: string }[];
  /** The SPV proof of the transaction that anchored the checkpoint on chain, once generated. */
  readonly anchoredProof: {
    readonly status: string;
    readonly encoded?: string;
    readonly json?: Readonly<Record<string, unknown>>;
    readonly bundleHash?: string;
  } | null;
}

export interface ConsistencyView {
  readonly logId: string;
  readonly from: CheckpointView;
  readonly to: CheckpointView;
  /** RFC 6962 consistency proof node hashes, base64url, in order. */
  readonly proof: readonly string[];
}

/** The API's provenance reads: a proof's entries with their inclusion proofs, and checkpoint consistency. */
export class ProvenanceService {
  constructor(
    private readonly deps: {
      readonly repository: Pick<
        ProvenanceRepository,
        'entriesForSubject' | 'checkpoints' | 'checkpointOfSize'
      >;
      readonly log: Pick<ProvenanceLogService, 'inclusionProof' | 'consistencyProof' | 'logId'>;
      readonly proofs: Pick<ProofRepository, 'latestVersion'>;
      readonly store: Pick<ProofStore, 'getBlob'>;
      readonly cache: Pick<ProofCache, 'get'>;
    },
  ) {}

  async forProof(tenantId: string, proofId: string): Promise<ProofProvenanceView> {
    const entries = await this.deps.repository.entriesForSubject(tenantId, proofId);
    if (entries.length === 0) throw new ProofServiceError('not_found', `no provenance for proof ${proofId}`);
    const last = entries[entries.length - 1] as StoredProvenanceEntry;
    const checkpoints = await this.deps.repository.checkpoints();
    // The newest confirmed anchored checkpoint covering the entries, else the newest covering them.
    const covering = checkpoints.filter((c) => c.treeSize > last.sequence);
    const checkpoint = [...covering].reverse().find((c) => c.anchor?.blockHash) ?? covering.at(-1) ?? null;
    const inclusion = [];
    if (checkpoint) {
      for (const entry of entries) {
        const proof = await this.deps.log.inclusionProof(entry.sequence, checkpoint);
        inclusion.push({ sequence: entry.sequence.toString(), proof: proof.proof });
      }
    }
    return {
      proofId,
      entries: entries.map(toEntryView),
      checkpoint: checkpoint ? this.checkpointView(checkpoint) : null,
      inclusion,
      anchoredProof: checkpoint?.anchor ? await this.anchoredProof(checkpoint.anchor) : null,
    };
  }

  async consistency(fromSize: bigint, toSize: bigint): Promise<ConsistencyView> {
    const [from, to] = await Promise.all([
      this.deps.repository.checkpointOfSize(fromSize),
      this.deps.repository.checkpointOfSize(toSize),
    ]);
    if (!from || !to) throw new ProofServiceError('not_found', 'both sizes must be checkpoint sizes');
    if (fromSize > toSize)
      throw new ProofServiceError('invalid_argument', '`from` must not be larger than `to`');
    const proof = await this.deps.log.consistencyProof(from, to);
    return {
      logId: this.deps.log.logId,
      from: this.checkpointView(from),
      to: this.checkpointView(to),
      proof: proof.hashes.map((hash) => hash.toString('base64url')),
    };
  }

  async listCheckpoints(): Promise<CheckpointView[]> {
    return (await this.deps.repository.checkpoints()).map((c) => this.checkpointView(c));
  }

  private async anchoredProof(
    anchor: NonNullable<CheckpointRecord['anchor']>,
  ): Promise<ProofProvenanceView['anchoredProof']> {
    const version = await this.deps.proofs.latestVersion({
      network: anchor.network,
      chainId: anchor.chainId,
      requestKey: anchor.requestKey,
      targetChainId: anchor.chainId,
      kind: 'TXOUT',
    });
    if (!version) return { status: anchor.blockHash ? 'pending' : 'submitted' };
    if (version.status !== 'ready' || !version.contentHash) return { status: version.status };
    const bytes =
      (await this.deps.cache.get(version.contentHash)) ??
      (await this.deps.store.getBlob(version.contentHash));
    if (!bytes) return { status: 'expired' };
    const { bundle } = decodeEvidenceBundle(bytes);
    return {
      status: 'ready',
      encoded: bundle.proof.encoded,
      json: bundle.proof.json,
      bundleHash: version.contentHash.toString('hex'),
    };
  }

  private checkpointView(checkpoint: CheckpointRecord): CheckpointView {
    return {
      logId: this.deps.log.logId,
      treeSize: checkpoint.treeSize.toString(),
      rootHash: checkpoint.rootHash.toString('base64url'),
      signature: checkpoint.signature.toString('base64url'),
      signingKeyId: checkpoint.signingKeyId,
      createdAt: checkpoint.createdAt.toISOString(),
      anchor: checkpoint.anchor
        ? {
            network: checkpoint.anchor.network,
            chainId: checkpoint.anchor.chainId,
            requestKey: checkpoint.anchor.requestKey,
            blockHash: checkpoint.anchor.blockHash,
            blockHeight: checkpoint.anchor.blockHeight,
            anchoredAt: checkpoint.anchor.anchoredAt?.toISOString() ?? null,
          }
        : null,
    };
  }
}

export function toEntryView(entry: StoredProvenanceEntry): ProvenanceEntryView {
  return {
    sequence: entry.sequence.toString(),
    action: entry.action,
    subjectKind: entry.subjectKind,
    subjectId: entry.subjectId,
    proofHash: entry.proofHash.toString('hex'),
    nodeUrl: entry.nodeUrl,
    chainwebVersion: entry.chainwebVersion,
    serviceVersion: entry.serviceVersion,
    buildHash: entry.buildHash,
    observedAt: entry.observedAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    entryBytes: provenanceEntryBytes(entry).toString('base64url'),
    leafHash: entry.leafHash.toString('base64url'),
  };
}
