import type { FastifyInstance } from 'fastify';
import { createRequestContext, runInRequestContext, type Logger, type MetricsRegistry } from '@spv-cloud/observability';

/**
 * Request context, request id echo, access log and HTTP metrics. Each hook re-enters the request's
 * context because Fastify resumes after body parsing from stream callbacks that lost it.
 */
export function registerHttpLifecycleHooks(fastify: FastifyInstance, logger: Logger, metrics: MetricsRegistry): void {
  fastify.decorateRequest('requestContext', null as never);
  fastify.decorateRequest('receivedAt', 0n);
  fastify.decorateRequest('principal', undefined);

  fastify.addHook('onRequest', (request, reply, done) => {
    request.receivedAt = process.hrtime.bigint();
    request.requestContext = createRequestContext(request.id);
    void reply.header('x-request-id', request.id);
    runInRequestContext(request.requestContext, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    runInRequestContext(request.requestContext, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    runInRequestContext(request.requestContext, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const durationSeconds = Number(process.hrtime.bigint() - request.receivedAt) / 1e9;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttpRequest({ method: request.method, route, status: reply.statusCode, durationSeconds });
    runInRequestContext(request.requestContext, () => {
      logger.info(
        {
          method: request.method,
          route,
          url: request.url.length > 512 ? `${request.url.slice(0, 512)}…` : request.url,
          status: reply.statusCode,
          durationMs: Math.round(durationSeconds * 1e6) / 1e3,
          ip: request.ip,
          actor: request.requestContext.actor,
        },
        'request completed',
      );
    });
    done();
  });
}
