import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyReply } from 'fastify';
import { OperationalRoute } from '../auth/access.decorator';
import { APP_METRICS } from './metrics.tokens';

@Controller()
export class MetricsController {
  constructor(@Inject(APP_METRICS) private readonly metrics: MetricsRegistry) {}

  /** Prometheus scrape endpoint; expose it on the internal network only (see docs/runbooks). */
  @Get('metrics')
  @OperationalRoute()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.contentType).send(await this.metrics.render());
  }
}
