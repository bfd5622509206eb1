import { Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { ViewerModel } from './viewer.model';
import { toWhoAmI } from './who-am-i';

@Resolver(() => ViewerModel)
export class ViewerResolver {
  @Query(() => ViewerModel)
  @RequireAccess({ permission: 'tenant:read', scope: 'any' })
  viewer(@Actor() actor: ActorContext): ViewerModel {
    return toWhoAmI(actor.principal);
  }
}
