import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { CreateWatchBody, WatchParams } from './dto/watch.schemas';
import { WatchInputModel, WatchModel } from './watch.models';
import { WatchesService } from './watches.service';

@Resolver(() => WatchModel)
export class WatchesResolver {
  constructor(private readonly service: WatchesService) {}

  @Mutation(() => WatchModel)
  @RequireAccess({ permission: 'proofs:write', scope: 'proofs:write' })
  createWatch(
    @Actor() actor: ActorContext,
    @Args('input', { type: () => WatchInputModel }) input: WatchInputModel,
  ): Promise<WatchModel> {
    const body = parseOrThrow(
      CreateWatchBody,
      Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)),
      'args.input',
    );
    return this.service.create(actor.principal, body);
  }

  @Query(() => WatchModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  watch(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string): Promise<WatchModel> {
    return this.service.get(actor.principal.tenantId, parseOrThrow(WatchParams, { id }, 'args').id);
  }

  @Query(() => [WatchModel])
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  watches(@Actor() actor: ActorContext): Promise<WatchModel[]> {
    return this.service.list(actor.principal.tenantId, 100);
  }

  @Mutation(() => WatchModel)
  @RequireAccess({ permission: 'proofs:write', scope: 'proofs:write' })
  cancelWatch(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string): Promise<WatchModel> {
    return this.service.cancel(actor.principal.tenantId, parseOrThrow(WatchParams, { id }, 'args').id);
  }
}
