import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { BatchModel, BatchPageModel, ProofVerificationModel } from './batch.models';
import { BatchesService } from './batches.service';
import { BatchIdParams, BatchListQuery, VerifyProofBody } from './dto/batch.schemas';
import { ProofVerificationService } from './proof-verification.service';

/** GraphQL face of batches and proof verification (same services as REST). */
@Resolver(() => BatchModel)
export class BatchesResolver {
  constructor(
    private readonly batchesService: BatchesService,
    private readonly verification: ProofVerificationService,
  ) {}

  @Query(() => BatchModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'batches:read' })
  batch(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string) {
    const params = parseOrThrow(BatchIdParams, { id }, 'args');
    return this.batchesService.get(actor.principal.tenantId, params.id);
  }

  @Query(() => BatchPageModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'batches:read' })
  batches(
    @Actor() actor: ActorContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('namespace', { type: () => String, nullable: true }) namespace?: string | null,
    @Args('status', { type: () => String, nullable: true }) status?: string | null,
    @Args('from', { type: () => String, nullable: true }) from?: string | null,
    @Args('to', { type: () => String, nullable: true }) to?: string | null,
  ) {
    const query = parseOrThrow(
      BatchListQuery,
      {
        limit: first ?? undefined,
        cursor: after ?? undefined,
        namespace: namespace ?? undefined,
        status: status ?? undefined,
        from: from ?? undefined,
        to: to ?? undefined,
      },
      'args',
    );
    return this.batchesService.list(actor.principal.tenantId, query);
  }

  @Query(() => ProofVerificationModel, {
    description: 'Verify any proof offline (proof: the proof as text).',
  })
  @RequireAccess({ permission: 'proofs:read', scope: 'verify' })
  verifyProof(
    @Args('proof') proof: string,
    @Args('expectedTenantId', { type: () => String, nullable: true }) expectedTenantId?: string | null,
    @Args('expectedChain', { type: () => Int, nullable: true }) expectedChain?: number | null,
    @Args('expectedRoot', { type: () => String, nullable: true }) expectedRoot?: string | null,
  ) {
    const body = parseOrThrow(
      VerifyProofBody,
      {
        proof,
        ...(expectedTenantId != null ? { expectedTenantId } : {}),
        ...(expectedChain != null ? { expectedChain } : {}),
        ...(expectedRoot != null ? { expectedRoot } : {}),
      },
      'args',
    );
    return this.verification.verify(body);
  }
}
