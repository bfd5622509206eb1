import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, type Logger, MetricsRegistry } from '@spv-cloud/observability';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from '../app.module';
import type { ApiSettings } from '../platform/config/api-settings';
import { sendProblem } from '../platform/errors/problem-exception.filter';
import { toApiError } from '../platform/errors/to-api-error';
import { registerHttpLifecycleHooks } from '../platform/http/http-lifecycle.hooks';
import { requestIdFor } from '../platform/http/request-id';
import { NestPinoLogger } from '../platform/logging/nest-pino-logger';
import { registerPortalRoutes } from '../platform/portal/portal-routes';
import { API_PACKAGE_VERSION } from './api-version';

export interface CreateApiAppOptions {
  /** Where JSON log lines go (stdout by default); tests capture them. */
  readonly logDestination?: DestinationStream;
  /** Collect process metrics (CPU, heap…); off when several apps share a test process. */
  readonly collectProcessMetrics?: boolean;
}

export interface ApiApp {
  readonly app: NestFastifyApplication;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
}

/**
 * Builds and initialises the API on Fastify — used by `main.ts` and by end-to-end tests, so both
 * run exactly the same stack. Call `app.listen` (or use `app.inject`) afterwards.
 */
export async function createApiApp(
  settings: ApiSettings,
  options: CreateApiAppOptions = {},
): Promise<ApiApp> {
  const logger = createLogger({
    service: 'api',
    level: settings.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const metrics = new MetricsRegistry('api', {
    collectProcessMetrics: options.collectProcessMetrics ?? true,
  });
  const adapter = new FastifyAdapter({
    bodyLimit: settings.bodyLimitBytes,
    trustProxy: settings.trustProxy,
    genReqId: requestIdFor,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Router-level failures (bad percent-encoding, oversized path parameter) happen before any
    // hook or Nest filter: answer them with the same problem document.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(reply, toApiError(error, settings.bodyLimitBytes), request.id);
    },
  });
  const fastify = adapter.getInstance();
  registerHttpLifecycleHooks(fastify, logger, metrics);
  // Bodies are JSON or nothing: anything else is 415 rather than a string a handler must reject.
  fastify.removeContentTypeParser('text/plain');
  if (settings.portalDir !== undefined && !registerPortalRoutes(fastify, settings.portalDir)) {
    logger.warn({ portalDir: settings.portalDir }, 'portal not built (npm run build): /portal is not served');
  }

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ settings, logger, metrics, version: API_PACKAGE_VERSION }),
    adapter,
    { logger: new NestPinoLogger(logger), bodyParser: false, abortOnError: false },
  );
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...settings.corsOrigins],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
        'retry-after',
      ],
      maxAge: 600,
    });
  }
  await app.init();
  return { app, logger, metrics };
}
