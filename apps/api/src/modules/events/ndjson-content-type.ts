import type { FastifyInstance, FastifyRequest } from 'fastify';

export const NDJSON_CONTENT_TYPES = ['application/x-ndjson', 'application/jsonl'] as const;
/** The only route that takes NDJSON (anything else still answers 415 for it). */
export const NDJSON_ROUTE = '/v1/events';

export function isNdjsonRequest(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  return (NDJSON_CONTENT_TYPES as readonly string[]).includes(type ?? '');
}

/**
 * Lets NDJSON uploads reach the events route as the raw request stream: the handler reads it with
 * its own limits (ndjson-events.reader.ts) after authentication, instead of Fastify buffering it
 * under the JSON body limit. Other routes keep answering 415 for it.
 */
export function registerNdjsonPassthrough(fastify: FastifyInstance): void {
  for (const type of NDJSON_CONTENT_TYPES) {
    if (fastify.hasContentTypeParser(type)) continue;
    fastify.addContentTypeParser(type, (request, payload, done) => {
      if (request.routeOptions.url !== NDJSON_ROUTE) {
        const error = Object.assign(new Error(`Unsupported Media Type: ${type}`), {
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
          statusCode: 415,
        });
        done(error, undefined);
        return;
      }
      done(null, payload);
    });
  }
}
