import { Inject, Injectable } from '@nestjs/common';
import { WatchRepository, WatchService } from '@spv-cloud/proof-service';
import type { Principal } from '../../platform/auth/principal';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { ProofsService } from '../proofs/proofs.service';
import { mappingProofErrors } from '../storage/proof-service.errors';
import { PROOF_SERVICE_SETTINGS, type ProofServiceSettings } from '../storage/proof-service.settings';
import type { CreateWatchBody, WatchView } from './dto/watch.schemas';

/** Watches for the transports: a request key followed until its proof is precomputed. */
@Injectable()
export class WatchesService {
  private readonly watches: WatchService;

  constructor(
    repository: WatchRepository,
    proofs: ProofsService,
    clock: ClockRepository,
    @Inject(PROOF_SERVICE_SETTINGS) private readonly settings: ProofServiceSettings,
  ) {
    this.watches = new WatchService({
      repository,
      proofs: proofs.requests,
      clock,
      ttlMs: settings.watchTtlMs,
    });
  }

  create(principal: Principal, body: CreateWatchBody): Promise<WatchView> {
    return mappingProofErrors(() =>
      this.watches.create(
        principal.tenantId,
        {
          network: body.network ?? this.settings.defaultNetwork,
          chainId: body.chainId,
          requestKey: body.requestKey,
          ...(body.targetChainId !== undefined ? { targetChainId: body.targetChainId } : {}),
          kind: body.kind,
        },
        principal.kind === 'api_key' ? principal.apiKeyId : null,
      ),
    );
  }

  get(tenantId: string, id: string): Promise<WatchView> {
    return mappingProofErrors(() => this.watches.get(tenantId, id), 'watch');
  }

  list(tenantId: string, limit: number): Promise<WatchView[]> {
    return mappingProofErrors(() => this.watches.list(tenantId, limit), 'watch');
  }

  cancel(tenantId: string, id: string): Promise<WatchView> {
    return mappingProofErrors(() => this.watches.cancel(tenantId, id), 'watch');
  }
}
