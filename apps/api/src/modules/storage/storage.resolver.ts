import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { UpdateRetentionBody } from './dto/retention.schemas';
import { RetentionPolicyService } from './retention-policy.service';
import { RetentionPolicyInputModel, RetentionPolicyModel } from './storage.models';

@Resolver(() => RetentionPolicyModel)
export class StorageResolver {
  constructor(private readonly retention: RetentionPolicyService) {}

  @Query(() => RetentionPolicyModel)
  @RequireAccess({ permission: 'tenant:read', scope: 'any' })
  retentionPolicy(@Actor() actor: ActorContext): Promise<RetentionPolicyModel> {
    return this.retention.get(actor.principal.tenantId);
  }

  @Mutation(() => RetentionPolicyModel)
  @RequireAccess({ permission: 'tenant:update' })
  updateRetentionPolicy(
    @Actor() actor: ActorContext,
    @Args('input', { type: () => RetentionPolicyInputModel }) input: RetentionPolicyInputModel,
  ): Promise<RetentionPolicyModel> {
    const body = parseOrThrow(
      UpdateRetentionBody,
      Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)),
      'args.input',
    );
    return this.retention.update(actor.principal.tenantId, actor, body);
  }
}
