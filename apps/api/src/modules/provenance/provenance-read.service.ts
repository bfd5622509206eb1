import { Inject, Injectable } from '@nestjs/common';
import {
  ProofCache,
  ProofRepository,
  ProvenanceLogService,
  ProvenanceRepository,
  ProvenanceService,
  S3ProofStore,
  type CheckpointView,
  type ConsistencyView,
  type ProofProvenanceView,
} from '@spv-cloud/proof-service';
import { mappingProofErrors } from '../storage/proof-service.errors';
import { PROOF_SERVICE_SETTINGS, type ProofServiceSettings } from '../storage/proof-service.settings';

/** Provenance reads for the transports: a proof's entries and inclusion proofs, checkpoints, consistency. */
@Injectable()
export class ProvenanceReadService {
  private readonly service: ProvenanceService;

  constructor(
    repository: ProvenanceRepository,
    proofs: ProofRepository,
    store: S3ProofStore,
    cache: ProofCache,
    @Inject(PROOF_SERVICE_SETTINGS) settings: ProofServiceSettings,
  ) {
    const log = new ProvenanceLogService({ repository, logId: settings.provenanceLogId });
    this.service = new ProvenanceService({ repository, log, proofs, store, cache });
  }

  /** Throws ProofServiceError `not_found` (callers map it). */
  forProof(tenantId: string, proofId: string): Promise<ProofProvenanceView> {
    return this.service.forProof(tenantId, proofId);
  }

  forProofMapped(tenantId: string, proofId: string): Promise<ProofProvenanceView> {
    return mappingProofErrors(() => this.service.forProof(tenantId, proofId), 'provenance');
  }

  checkpoints(): Promise<CheckpointView[]> {
    return mappingProofErrors(() => this.service.listCheckpoints(), 'provenance');
  }

  consistency(from: bigint, to: bigint): Promise<ConsistencyView> {
    return mappingProofErrors(() => this.service.consistency(from, to), 'provenance');
  }
}
