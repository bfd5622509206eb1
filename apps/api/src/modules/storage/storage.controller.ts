import { Controller, Get, Put } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody } from '../../platform/validation/valid-request.decorators';
import { RetentionPolicyView, UpdateRetentionBody } from './dto/retention.schemas';
import { RetentionPolicyService } from './retention-policy.service';

@Controller('v1/tenant/retention')
export class StorageController {
  constructor(private readonly retention: RetentionPolicyService) {}

  @Get()
  @Endpoint({
    operationId: 'getRetentionPolicy',
    summary: "The tenant's retention policy for issued proofs",
    tag: 'storage',
    access: { permission: 'tenant:read', scope: 'any' },
    response: RetentionPolicyView,
  })
  get(@Actor() actor: ActorContext): Promise<RetentionPolicyView> {
    return this.retention.get(actor.principal.tenantId);
  }

  @Put()
  @Endpoint({
    operationId: 'updateRetentionPolicy',
    summary: 'Change the retention policy or the legal hold (owners and admins; audited)',
    description:
      'Proofs are deleted hot TTL + archive years after issue, with a signed deletion receipt; nothing is deleted while a legal hold is set.',
    tag: 'storage',
    access: { permission: 'tenant:update' },
    body: UpdateRetentionBody,
    response: RetentionPolicyView,
  })
  update(@Actor() actor: ActorContext, @ValidBody() body: UpdateRetentionBody): Promise<RetentionPolicyView> {
    return this.retention.update(actor.principal.tenantId, actor, body);
  }
}
