import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { ProvenanceParams } from './dto/provenance.schemas';
import { ProofProvenanceModel, ProvenanceCheckpointModel } from './provenance.models';
import { ProvenanceReadService } from './provenance-read.service';

@Resolver(() => ProofProvenanceModel)
export class ProvenanceResolver {
  constructor(private readonly provenance: ProvenanceReadService) {}

  @Query(() => ProofProvenanceModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  async proofProvenance(
    @Actor() actor: ActorContext,
    @Args('proofId', { type: () => ID }) proofId: string,
  ): Promise<ProofProvenanceModel> {
    const params = parseOrThrow(ProvenanceParams, { proofId }, 'args');
    const view = await this.provenance.forProofMapped(actor.principal.tenantId, params.proofId);
    return {
      proofId: view.proofId,
      entries: [...view.entries],
      checkpoint: view.checkpoint,
      inclusion: [...view.inclusion],
      anchoredProofJson: view.anchoredProof ? JSON.stringify(view.anchoredProof) : null,
    };
  }

  @Query(() => [ProvenanceCheckpointModel])
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  provenanceCheckpoints(): Promise<ProvenanceCheckpointModel[]> {
    return this.provenance.checkpoints();
  }
}
