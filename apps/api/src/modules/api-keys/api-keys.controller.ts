import { Controller, Get, Post } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import type { PageQuery } from '../../platform/http/common.schemas';
import { ValidBody, ValidParams, ValidQuery } from '../../platform/validation/valid-request.decorators';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyIdParams,
  ApiKeyListQuery,
  ApiKeyPage,
  ApiKeyView,
  CreateApiKeyBody,
  CreatedApiKey,
  RotateApiKeyBody,
} from './dto/api-key.schemas';

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeysService: ApiKeysService) {}

  @Post()
  @Endpoint({
    operationId: 'createApiKey',
    summary: 'Create an API key (the secret is in this response only)',
    tag: 'api-keys',
    access: { permission: 'api_keys:write' },
    body: CreateApiKeyBody,
    response: CreatedApiKey,
    status: 201,
    problems: [409],
  })
  create(@Actor() actor: ActorContext, @ValidBody() body: CreateApiKeyBody): Promise<CreatedApiKey> {
    return this.apiKeysService.create(actor.principal.tenantId, actor, body);
  }

  @Get()
  @Endpoint({
    operationId: 'listApiKeys',
    summary: 'List API keys, newest first',
    tag: 'api-keys',
    access: { permission: 'api_keys:read' },
    query: ApiKeyListQuery,
    response: ApiKeyPage,
  })
  list(@Actor() actor: ActorContext, @ValidQuery() query: PageQuery) {
    return this.apiKeysService.list(actor.principal.tenantId, query);
  }

  @Get(':id')
  @Endpoint({
    operationId: 'getApiKey',
    summary: 'Get one API key',
    tag: 'api-keys',
    access: { permission: 'api_keys:read' },
    params: ApiKeyIdParams,
    response: ApiKeyView,
  })
  get(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<ApiKeyView> {
    return this.apiKeysService.get(actor.principal.tenantId, params.id);
  }

  @Post(':id/revoke')
  @Endpoint({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key at once (idempotent)',
    tag: 'api-keys',
    access: { permission: 'api_keys:write' },
    params: ApiKeyIdParams,
    response: ApiKeyView,
  })
  revoke(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<ApiKeyView> {
    return this.apiKeysService.revoke(actor.principal.tenantId, actor, params.id);
  }

  @Post(':id/rotate')
  @Endpoint({
    operationId: 'rotateApiKey',
    summary: 'Replace an API key with a new secret',
    description:
      'The new key keeps name, scopes and expiry. The old key is revoked, or expires after the grace period.',
    tag: 'api-keys',
    access: { permission: 'api_keys:write' },
    params: ApiKeyIdParams,
    body: RotateApiKeyBody,
    response: CreatedApiKey,
    status: 201,
    problems: [409],
  })
  rotate(
    @Actor() actor: ActorContext,
    @ValidParams() params: { id: string },
    @ValidBody() body: RotateApiKeyBody,
  ): Promise<CreatedApiKey> {
    return this.apiKeysService.rotate(actor.principal.tenantId, actor, params.id, body);
  }
}
