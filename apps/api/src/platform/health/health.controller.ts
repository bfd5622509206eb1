import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OperationalRoute } from '../auth/access.decorator';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem-document';
import { HealthService } from './health.service';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Never touches a dependency, so a database outage cannot restart pods. */
  @Get('healthz')
  @OperationalRoute()
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres, Redis, S3 and the chain node all answer; 503 problem naming the failing ones otherwise. */
  @Get('readyz')
  @OperationalRoute()
  async readiness(@Res() reply: FastifyReply): Promise<void> {
    const readiness = await this.health.readiness();
    if (readiness.ready) {
      await reply.status(200).send({ status: 'ok', checks: readiness.checks });
      return;
    }
    const down = Object.entries(readiness.checks)
      .filter(([, check]) => check.status === 'down')
      .map(([name]) => name);
    await reply
      .status(503)
      .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
      .send(
        JSON.stringify({
          type: problemType('service_unavailable'),
          title: 'Service unavailable',
          status: 503,
          detail: `Not ready: ${down.join(', ')} unavailable.`,
          code: 'service_unavailable',
          requestId: reply.request.id,
          checks: readiness.checks,
        }),
      );
  }
}
