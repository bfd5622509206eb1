import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import {
  ChangeRoleBody,
  InvitationParams,
  InviteMemberBody,
  MemberParams,
  type TenantView,
  UpdateTenantBody,
} from './dto/tenant.schemas';
import { MembersService } from './members.service';
import { CreatedInvitationModel, InvitationModel, MemberModel, TenantModel } from './tenant.models';
import { TenantsService } from './tenants.service';

@Resolver(() => TenantModel)
export class TenantsResolver {
  constructor(
    private readonly tenantsService: TenantsService,
    private readonly membersService: MembersService,
  ) {}

  @Query(() => TenantModel)
  @RequireAccess({ permission: 'tenant:read', scope: 'any' })
  async tenant(@Actor() actor: ActorContext): Promise<TenantModel> {
    return toTenantModel(await this.tenantsService.get(actor.principal.tenantId));
  }

  @Mutation(() => TenantModel)
  @RequireAccess({ permission: 'tenant:update' })
  async updateTenant(@Actor() actor: ActorContext, @Args('name') name: string): Promise<TenantModel> {
    const body = parseOrThrow(UpdateTenantBody, { name }, 'args');
    return toTenantModel(await this.tenantsService.update(actor.principal.tenantId, actor, body));
  }

  @Query(() => [MemberModel])
  @RequireAccess({ permission: 'members:read' })
  async members(@Actor() actor: ActorContext) {
    return (await this.membersService.list(actor.principal.tenantId)).items;
  }

  @Query(() => MemberModel)
  @RequireAccess({ permission: 'members:read' })
  member(@Actor() actor: ActorContext, @Args('userId', { type: () => ID }) userId: string) {
    const params = parseOrThrow(MemberParams, { userId }, 'args');
    return this.membersService.get(actor.principal.tenantId, params.userId);
  }

  @Query(() => [InvitationModel])
  @RequireAccess({ permission: 'members:read' })
  async invitations(@Actor() actor: ActorContext) {
    return (await this.membersService.listInvitations(actor.principal.tenantId)).items;
  }

  @Mutation(() => CreatedInvitationModel)
  @RequireAccess({ permission: 'members:invite' })
  inviteMember(@Actor() actor: ActorContext, @Args('email') email: string, @Args('role') role: string) {
    const body = parseOrThrow(InviteMemberBody, { email, role }, 'args');
    return this.membersService.invite(actor.principal.tenantId, actor, body);
  }

  @Mutation(() => InvitationModel)
  @RequireAccess({ permission: 'members:invite' })
  revokeInvitation(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string) {
    const params = parseOrThrow(InvitationParams, { id }, 'args');
    return this.membersService.revokeInvitation(actor.principal.tenantId, actor, params.id);
  }

  @Mutation(() => MemberModel)
  @RequireAccess({ permission: 'members:update' })
  changeMemberRole(
    @Actor() actor: ActorContext,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role') role: string,
  ) {
    const params = parseOrThrow(MemberParams, { userId }, 'args');
    const body = parseOrThrow(ChangeRoleBody, { role }, 'args');
    return this.membersService.changeRole(actor.principal.tenantId, actor, params.userId, body);
  }

  @Mutation(() => Boolean)
  @RequireAccess({ permission: 'members:remove' })
  async removeMember(@Actor() actor: ActorContext, @Args('userId', { type: () => ID }) userId: string) {
    const params = parseOrThrow(MemberParams, { userId }, 'args');
    await this.membersService.remove(actor.principal.tenantId, actor, params.userId);
    return true;
  }
}

function toTenantModel(view: TenantView): TenantModel {
  return {
    id: view.id,
    name: view.name,
    slug: view.slug,
    plan: view.plan,
    status: view.status,
    settingsJson: JSON.stringify(view.settings),
    createdAt: view.createdAt,
  };
}
