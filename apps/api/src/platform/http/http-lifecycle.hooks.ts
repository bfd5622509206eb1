import type { FastifyInstance } from 'fastify';
import {
  createRequestContext,
  createUnredactedChild,
  runInRequestContext,
  type Logger,
  type MetricsRegistry,
} from '@spv-cloud/observability';

/** Requests slower than this are logged at `warn` whatever their status. */
export const SLOW_REQUEST_MS = 1_000;

/**
 * Request context, request id echo, access log and HTTP metrics. `preValidation` re-enters the
 * request's context because Fastify resumes after body parsing from stream callbacks that lost it;
 * everything after it (preHandler, the handler) runs inside that call.
 *
 * Access lines: failed (4xx/5xx) requests at `info`, slow ones at `warn`, successful ones at
 * `debug` — a JSON line costs ~10 µs, a sixth of a cached API-key request; per-route counts and
 * latencies of every request are in the metrics regardless.
 */
export function registerHttpLifecycleHooks(
  fastify: FastifyInstance,
  logger: Logger,
  metrics: MetricsRegistry,
): void {
  const accessLog = createUnredactedChild(logger);
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
  fastify.addHook('onResponse', (request, reply, done) => {
    const durationSeconds = Number(process.hrtime.bigint() - request.receivedAt) / 1e9;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttpRequest({ method: request.method, route, status: reply.statusCode, durationSeconds });
    const durationMs = Math.round(durationSeconds * 1e6) / 1e3;
    const level = durationMs >= SLOW_REQUEST_MS ? 'warn' : reply.statusCode >= 400 ? 'info' : 'debug';
    if (!accessLog.isLevelEnabled(level)) {
      done();
      return;
    }
    runInRequestContext(request.requestContext, () => {
      accessLog[level](
        {
          method: request.method,
          route,
          url: request.url.length > 512 ? `${request.url.slice(0, 512)}…` : request.url,
          status: reply.statusCode,
          durationMs,
          ip: request.ip,
          actor: request.requestContext.actor,
        },
        'request completed',
      );
    });
    done();
  });
}
