import { Inject, Injectable } from '@nestjs/common';
import {
  ProofCache,
  ProofRepository,
  ProofRequestService,
  ProofServiceError,
  S3ProofStore,
  type NetworkCatalog,
  type ProofRequestOutcome,
} from '@spv-cloud/proof-service';
import { ProofJobProducer } from '@spv-cloud/queue';
import type { Principal } from '../../platform/auth/principal';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { ProvenanceReadService } from '../provenance/provenance-read.service';
import { mappingProofErrors } from '../storage/proof-service.errors';
import { PROOF_SERVICE_SETTINGS, type ProofServiceSettings } from '../storage/proof-service.settings';
import { NETWORK_CATALOG } from '../storage/proof-storage.providers';
import type { CreateProofBody, EvidenceBundleView, ProofView } from './dto/proof.schemas';

/** The transports' door to transaction SPV proofs (REST and GraphQL call the same methods). */
@Injectable()
export class ProofsService {
  readonly requests: ProofRequestService;

  constructor(
    repository: ProofRepository,
    jobs: ProofJobProducer,
    store: S3ProofStore,
    cache: ProofCache,
    clock: ClockRepository,
    @Inject(NETWORK_CATALOG) catalog: NetworkCatalog,
    @Inject(PROOF_SERVICE_SETTINGS) private readonly settings: ProofServiceSettings,
    @Inject(APP_LOGGER) logger: AppLogger,
    private readonly provenance: ProvenanceReadService,
  ) {
    this.requests = new ProofRequestService({
      repository,
      jobs,
      store,
      cache,
      catalog,
      clock,
      expiringLeadMs: settings.expiringLeadMs,
      onEnqueueFailed: (chainProofId, error) =>
        logger.warn({ err: error, chainProofId }, 'proof generation not enqueued; the proof sweep will'),
    });
  }

  request(principal: Principal, body: CreateProofBody): Promise<ProofRequestOutcome> {
    return mappingProofErrors(() =>
      this.requests.request(
        principal.tenantId,
        {
          network: body.network ?? this.settings.defaultNetwork,
          chainId: body.chainId,
          requestKey: body.requestKey,
          targetChainId: body.targetChainId,
          kind: body.kind,
          mode: body.mode,
        },
        principal.kind === 'api_key' ? principal.apiKeyId : null,
      ),
    );
  }

  get(tenantId: string, id: string): Promise<ProofView> {
    return mappingProofErrors(() => this.requests.view(tenantId, id));
  }

  /** The evidence bundle with this tenant's provenance (entries, inclusion proofs, anchored checkpoint). */
  bundle(tenantId: string, id: string): Promise<EvidenceBundleView> {
    return mappingProofErrors(async () => {
      const { bundle, contentHash } = await this.requests.bundle(tenantId, id);
      const provenance = await this.provenance.forProof(tenantId, id).catch((error: unknown) => {
        if (error instanceof ProofServiceError && error.code === 'not_found') return null;
        throw error;
      });
      return {
        bundle: bundle as unknown as Record<string, unknown>,
        bundleHash: contentHash.toString('hex'),
        provenance: provenance as unknown as Record<string, unknown> | null,
      };
    });
  }
}
