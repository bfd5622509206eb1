import { Controller, Get } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidParams, ValidQuery } from '../../platform/validation/valid-request.decorators';
import { BatchesService } from './batches.service';
import { BatchIdParams, BatchListQuery, BatchPage, BatchView } from './dto/batch.schemas';

@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batchesService: BatchesService) {}

  @Get()
  @Endpoint({
    operationId: 'listBatches',
    summary: 'Batches, newest first (filter by namespace, status, creation time)',
    tag: 'batches',
    access: { permission: 'proofs:read', scope: 'batches:read' },
    query: BatchListQuery,
    response: BatchPage,
  })
  list(@Actor() actor: ActorContext, @ValidQuery() query: BatchListQuery): Promise<BatchPage> {
    return this.batchesService.list(actor.principal.tenantId, query);
  }

  @Get(':id')
  @Endpoint({
    operationId: 'getBatch',
    summary: 'One batch: root, size, chain, anchoring transaction and block',
    tag: 'batches',
    access: { permission: 'proofs:read', scope: 'batches:read' },
    params: BatchIdParams,
    response: BatchView,
  })
  get(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<BatchView> {
    return this.batchesService.get(actor.principal.tenantId, params.id);
  }
}
