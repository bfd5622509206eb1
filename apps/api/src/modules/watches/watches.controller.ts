import { Controller, Delete, Get, Post } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody, ValidParams, ValidQuery } from '../../platform/validation/valid-request.decorators';
import { CreateWatchBody, WatchList, WatchListQuery, WatchParams, WatchView } from './dto/watch.schemas';
import { WatchesService } from './watches.service';

@Controller('v1/watches')
export class WatchesController {
  constructor(private readonly watches: WatchesService) {}

  @Post()
  @Endpoint({
    operationId: 'createWatch',
    summary:
      'Watch a request key: its proof is precomputed as soon as the transaction lands and is reachable',
    tag: 'watches',
    access: { permission: 'proofs:write', scope: 'proofs:write' },
    body: CreateWatchBody,
    response: WatchView,
    status: 201,
    problems: [422, 503],
  })
  create(@Actor() actor: ActorContext, @ValidBody() body: CreateWatchBody): Promise<WatchView> {
    return this.watches.create(actor.principal, body);
  }

  @Get()
  @Endpoint({
    operationId: 'listWatches',
    summary: "The tenant's watches, newest first",
    tag: 'watches',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    query: WatchListQuery,
    response: WatchList,
  })
  async list(
    @Actor() actor: ActorContext,
    @ValidQuery() query: { limit: number },
  ): Promise<{ items: WatchView[] }> {
    return { items: await this.watches.list(actor.principal.tenantId, query.limit) };
  }

  @Get(':id')
  @Endpoint({
    operationId: 'getWatch',
    summary: 'A watch and the status of its proof',
    tag: 'watches',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: WatchParams,
    response: WatchView,
    problems: [404],
  })
  get(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<WatchView> {
    return this.watches.get(actor.principal.tenantId, params.id);
  }

  @Delete(':id')
  @Endpoint({
    operationId: 'cancelWatch',
    summary: 'Cancel an active watch (its proof request stays)',
    tag: 'watches',
    access: { permission: 'proofs:write', scope: 'proofs:write' },
    params: WatchParams,
    response: WatchView,
    problems: [404],
  })
  cancel(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<WatchView> {
    return this.watches.cancel(actor.principal.tenantId, params.id);
  }
}
