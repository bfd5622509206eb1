import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { CreateProofBody, ProofParams, type ProofView } from './dto/proof.schemas';
import { ProofModel, ProofRequestInputModel } from './proof.models';
import { ProofsService } from './proofs.service';

@Resolver(() => ProofModel)
export class ProofsResolver {
  constructor(private readonly proofs: ProofsService) {}

  @Mutation(() => ProofModel, {
    description: 'Ask for a proof: ready at once when cached, otherwise waiting (poll `proof`).',
  })
  @RequireAccess({ permission: 'proofs:write', scope: 'proofs:write' })
  async requestProof(
    @Actor() actor: ActorContext,
    @Args('input', { type: () => ProofRequestInputModel }) input: ProofRequestInputModel,
  ): Promise<ProofModel> {
    const body = parseOrThrow(
      CreateProofBody,
      Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)),
      'args.input',
    );
    return toModel((await this.proofs.request(actor.principal, body)).view);
  }

  @Query(() => ProofModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  async proof(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string): Promise<ProofModel> {
    const params = parseOrThrow(ProofParams, { id }, 'args');
    return toModel(await this.proofs.get(actor.principal.tenantId, params.id));
  }

  @Query(() => String, { description: 'The evidence bundle with provenance, as JSON text' })
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  async proofBundle(
    @Actor() actor: ActorContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    const params = parseOrThrow(ProofParams, { id }, 'args');
    return JSON.stringify(await this.proofs.bundle(actor.principal.tenantId, params.id));
  }
}

export function toModel(view: ProofView): ProofModel {
  return {
    ...view,
    proof: view.proof
      ? {
          encoded: view.proof.encoded,
          json: JSON.stringify(view.proof.json),
          bundleHash: view.proof.bundleHash,
        }
      : null,
  };
}
