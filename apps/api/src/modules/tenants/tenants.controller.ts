import { Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody, ValidParams } from '../../platform/validation/valid-request.decorators';
import {
  ChangeRoleBody,
  CreatedInvitation,
  InvitationList,
  InvitationParams,
  InvitationView,
  InviteMemberBody,
  MemberList,
  MemberParams,
  MemberView,
  TenantView,
  UpdateTenantBody,
} from './dto/tenant.schemas';
import { MembersService } from './members.service';
import { TenantsService } from './tenants.service';

@Controller('v1/tenant')
export class TenantsController {
  constructor(
    private readonly tenantsService: TenantsService,
    private readonly membersService: MembersService,
  ) {}

  @Get()
  @Endpoint({
    operationId: 'getTenant',
    summary: "The caller's tenant",
    tag: 'tenant',
    access: { permission: 'tenant:read', scope: 'any' },
    response: TenantView,
  })
  get(@Actor() actor: ActorContext): Promise<TenantView> {
    return this.tenantsService.get(actor.principal.tenantId);
  }

  @Patch()
  @Endpoint({
    operationId: 'updateTenant',
    summary: 'Rename the tenant or change its settings',
    tag: 'tenant',
    access: { permission: 'tenant:update' },
    body: UpdateTenantBody,
    response: TenantView,
  })
  update(@Actor() actor: ActorContext, @ValidBody() body: UpdateTenantBody): Promise<TenantView> {
    return this.tenantsService.update(actor.principal.tenantId, actor, body);
  }

  @Get('members')
  @Endpoint({
    operationId: 'listMembers',
    summary: 'List members and their roles',
    tag: 'tenant',
    access: { permission: 'members:read' },
    response: MemberList,
  })
  listMembers(@Actor() actor: ActorContext) {
    return this.membersService.list(actor.principal.tenantId);
  }

  @Post('members')
  @Endpoint({
    operationId: 'inviteMember',
    summary: 'Invite someone by e-mail with a role',
    description:
      'Answers the invitation token once; the invitee redeems it at POST /v1/auth/accept-invitation.',
    tag: 'tenant',
    access: { permission: 'members:invite' },
    body: InviteMemberBody,
    response: CreatedInvitation,
    status: 201,
    problems: [409],
  })
  invite(@Actor() actor: ActorContext, @ValidBody() body: InviteMemberBody): Promise<CreatedInvitation> {
    return this.membersService.invite(actor.principal.tenantId, actor, body);
  }

  @Get('members/:userId')
  @Endpoint({
    operationId: 'getMember',
    summary: 'Get one member',
    tag: 'tenant',
    access: { permission: 'members:read' },
    params: MemberParams,
    response: MemberView,
  })
  getMember(@Actor() actor: ActorContext, @ValidParams() params: { userId: string }): Promise<MemberView> {
    return this.membersService.get(actor.principal.tenantId, params.userId);
  }

  @Patch('members/:userId')
  @Endpoint({
    operationId: 'changeMemberRole',
    summary: "Change a member's role",
    description: 'Only owners grant or take the owner role; the last owner cannot be demoted.',
    tag: 'tenant',
    access: { permission: 'members:update' },
    params: MemberParams,
    body: ChangeRoleBody,
    response: MemberView,
    problems: [409],
  })
  changeRole(
    @Actor() actor: ActorContext,
    @ValidParams() params: { userId: string },
    @ValidBody() body: ChangeRoleBody,
  ): Promise<MemberView> {
    return this.membersService.changeRole(actor.principal.tenantId, actor, params.userId, body);
  }

  @Delete('members/:userId')
  @Endpoint({
    operationId: 'removeMember',
    summary: 'Remove a member',
    description: 'Only owners remove owners; the last owner cannot be removed.',
    tag: 'tenant',
    access: { permission: 'members:remove' },
    params: MemberParams,
    status: 204,
    problems: [409],
  })
  async removeMember(@Actor() actor: ActorContext, @ValidParams() params: { userId: string }): Promise<void> {
    await this.membersService.remove(actor.principal.tenantId, actor, params.userId);
  }

  @Get('invitations')
  @Endpoint({
    operationId: 'listInvitations',
    summary: 'List invitations, newest first',
    tag: 'tenant',
    access: { permission: 'members:read' },
    response: InvitationList,
  })
  listInvitations(@Actor() actor: ActorContext) {
    return this.membersService.listInvitations(actor.principal.tenantId);
  }

  @Delete('invitations/:id')
  @Endpoint({
    operationId: 'revokeInvitation',
    summary: 'Revoke a pending invitation',
    tag: 'tenant',
    access: { permission: 'members:invite' },
    params: InvitationParams,
    response: InvitationView,
  })
  revokeInvitation(
    @Actor() actor: ActorContext,
    @ValidParams() params: { id: string },
  ): Promise<InvitationView> {
    return this.membersService.revokeInvitation(actor.principal.tenantId, actor, params.id);
  }
}
