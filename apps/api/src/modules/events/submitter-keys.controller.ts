import { Controller, Get, Post } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody, ValidParams } from '../../platform/validation/valid-request.decorators';
import {
  RegisterSubmitterKeyBody,
  SubmitterKeyIdParams,
  SubmitterKeyList,
  SubmitterKeyView,
} from './dto/submitter-key.schemas';
import { SubmitterKeysService } from './submitter-keys.service';

/** Keys of a tenant's submitters (signed event submissions); managed by people, not API keys. */
@Controller('v1/submitter-keys')
export class SubmitterKeysController {
  constructor(private readonly submitterKeysService: SubmitterKeysService) {}

  @Post()
  @Endpoint({
    operationId: 'registerSubmitterKey',
    summary: 'Register an ed25519 public key submitters sign events with',
    tag: 'events',
    access: { permission: 'api_keys:write' },
    body: RegisterSubmitterKeyBody,
    response: SubmitterKeyView,
    status: 201,
    problems: [409],
  })
  register(
    @Actor() actor: ActorContext,
    @ValidBody() body: RegisterSubmitterKeyBody,
  ): Promise<SubmitterKeyView> {
    return this.submitterKeysService.register(actor.principal.tenantId, body);
  }

  @Get()
  @Endpoint({
    operationId: 'listSubmitterKeys',
    summary: 'List submitter keys, newest first',
    tag: 'events',
    access: { permission: 'api_keys:read' },
    response: SubmitterKeyList,
  })
  list(@Actor() actor: ActorContext): Promise<SubmitterKeyList> {
    return this.submitterKeysService.list(actor.principal.tenantId);
  }

  @Post(':id/revoke')
  @Endpoint({
    operationId: 'revokeSubmitterKey',
    summary: 'Revoke a submitter key (signatures by it are refused from now on)',
    tag: 'events',
    access: { permission: 'api_keys:write' },
    params: SubmitterKeyIdParams,
    response: SubmitterKeyView,
  })
  revoke(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<SubmitterKeyView> {
    return this.submitterKeysService.revoke(actor.principal.tenantId, params.id);
  }
}
