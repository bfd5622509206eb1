import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ENDPOINT_SPEC, type EndpointSpec } from '../http/endpoint.decorator';
import { parseOrThrow } from './zod-issues';

type RequestPart = 'body' | 'query' | 'params';

function validPart(part: RequestPart) {
  return createParamDecorator((_data: unknown, context: ExecutionContext) => {
    const spec = Reflect.getMetadata(ENDPOINT_SPEC, context.getHandler()) as EndpointSpec | undefined;
    const schema = spec?.[part];
    if (!schema) {
      throw new Error(
        `@Valid${part} used on ${context.getHandler().name} whose @Endpoint declares no ${part} schema`,
      );
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const location = part === 'params' ? 'path' : part;
    return parseOrThrow(schema, request[part] ?? (part === 'body' ? undefined : {}), location);
  });
}

/** The request body parsed by the `body` schema of the route's `@Endpoint`. */
export const ValidBody = validPart('body');
/** The query string parsed by the `query` schema of the route's `@Endpoint`. */
export const ValidQuery = validPart('query');
/** The path parameters parsed by the `params` schema of the route's `@Endpoint`. */
export const ValidParams = validPart('params');
