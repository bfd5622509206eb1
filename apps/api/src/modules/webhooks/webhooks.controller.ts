import { Controller, Delete, Get, Post } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import type { PageQuery } from '../../platform/http/common.schemas';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody, ValidParams, ValidQuery } from '../../platform/validation/valid-request.decorators';
import {
  CreatedWebhook,
  CreateWebhookBody,
  DeliveryIdParams,
  DeliveryListQuery,
  DeliveryPage,
  DeliveryView,
  WebhookIdParams,
  WebhookList,
} from './dto/webhook.schemas';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints (batch.confirmed, event.proof_ready), managed by the tenant's admins. */
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooksService: WebhooksService) {}

  @Post()
  @Endpoint({
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint (its signing secret is in this response only)',
    tag: 'webhooks',
    access: { permission: 'tenant:update' },
    body: CreateWebhookBody,
    response: CreatedWebhook,
    status: 201,
    problems: [409],
  })
  create(@Actor() actor: ActorContext, @ValidBody() body: CreateWebhookBody): Promise<CreatedWebhook> {
    return this.webhooksService.create(actor.principal.tenantId, body);
  }

  @Get()
  @Endpoint({
    operationId: 'listWebhooks',
    summary: 'List webhook endpoints',
    tag: 'webhooks',
    access: { permission: 'tenant:read' },
    response: WebhookList,
  })
  list(@Actor() actor: ActorContext): Promise<WebhookList> {
    return this.webhooksService.list(actor.principal.tenantId);
  }

  @Delete(':id')
  @Endpoint({
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint and its deliveries',
    tag: 'webhooks',
    access: { permission: 'tenant:update' },
    params: WebhookIdParams,
    status: 204,
  })
  async remove(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<void> {
    await this.webhooksService.remove(actor.principal.tenantId, params.id);
  }

  @Get(':id/deliveries')
  @Endpoint({
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's deliveries, newest first",
    tag: 'webhooks',
    access: { permission: 'tenant:read' },
    params: WebhookIdParams,
    query: DeliveryListQuery,
    response: DeliveryPage,
  })
  deliveries(
    @Actor() actor: ActorContext,
    @ValidParams() params: { id: string },
    @ValidQuery() query: PageQuery,
  ): Promise<DeliveryPage> {
    return this.webhooksService.deliveries(actor.principal.tenantId, params.id, query);
  }

  @Post('deliveries/:id/replay')
  @Endpoint({
    operationId: 'replayWebhookDelivery',
    summary: 'Deliver a webhook again (fresh attempts, same delivery id)',
    tag: 'webhooks',
    access: { permission: 'tenant:update' },
    params: DeliveryIdParams,
    response: DeliveryView,
    status: 202,
  })
  replay(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<DeliveryView> {
    return this.webhooksService.replay(actor.principal.tenantId, params.id);
  }
}
