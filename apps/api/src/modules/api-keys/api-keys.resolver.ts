import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { ApiKeyModel, ApiKeyPageModel, CreateApiKeyInput, CreatedApiKeyModel } from './api-key.models';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyIdParams, ApiKeyListQuery, CreateApiKeyBody, RotateApiKeyBody } from './dto/api-key.schemas';

@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly apiKeysService: ApiKeysService) {}

  @Query(() => ApiKeyPageModel)
  @RequireAccess({ permission: 'api_keys:read' })
  apiKeys(
    @Actor() actor: ActorContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    const query = parseOrThrow(
      ApiKeyListQuery,
      { limit: first ?? undefined, cursor: after ?? undefined },
      'args',
    );
    return this.apiKeysService.list(actor.principal.tenantId, query);
  }

  @Query(() => ApiKeyModel)
  @RequireAccess({ permission: 'api_keys:read' })
  apiKey(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string) {
    const params = parseOrThrow(ApiKeyIdParams, { id }, 'args');
    return this.apiKeysService.get(actor.principal.tenantId, params.id);
  }

  @Mutation(() => CreatedApiKeyModel)
  @RequireAccess({ permission: 'api_keys:write' })
  createApiKey(@Actor() actor: ActorContext, @Args('input') input: CreateApiKeyInput) {
    const body = parseOrThrow(
      CreateApiKeyBody,
      { name: input.name, scopes: input.scopes, ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) },
      'args.input',
    );
    return this.apiKeysService.create(actor.principal.tenantId, actor, body);
  }

  @Mutation(() => ApiKeyModel)
  @RequireAccess({ permission: 'api_keys:write' })
  revokeApiKey(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string) {
    const params = parseOrThrow(ApiKeyIdParams, { id }, 'args');
    return this.apiKeysService.revoke(actor.principal.tenantId, actor, params.id);
  }

  @Mutation(() => CreatedApiKeyModel)
  @RequireAccess({ permission: 'api_keys:write' })
  rotateApiKey(
    @Actor() actor: ActorContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('gracePeriodSeconds', { type: () => Int, nullable: true }) gracePeriodSeconds?: number | null,
  ) {
    const params = parseOrThrow(ApiKeyIdParams, { id }, 'args');
    const body = parseOrThrow(
      RotateApiKeyBody,
      gracePeriodSeconds == null ? {} : { gracePeriodSeconds },
      'args',
    );
    return this.apiKeysService.rotate(actor.principal.tenantId, actor, params.id, body);
  }
}
