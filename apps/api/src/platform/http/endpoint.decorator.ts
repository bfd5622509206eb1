import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import type { z } from 'zod';
import { ACCESS_METADATA, type Access, RATE_LIMIT_EXEMPT_METADATA } from '../auth/access.decorator';

/**
 * The single description of a REST route: it validates the request (through `@ValidBody()`,
 * `@ValidQuery()`, `@ValidParams()`), authorizes it, and generates its OpenAPI operation.
 */
export interface EndpointSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly access: Access;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  /** The success body; omit for 204. */
  readonly response?: z.ZodType;
  readonly status?: 200 | 201 | 202 | 204;
  /** Problem statuses worth documenting beyond the common ones (400/401/429/500). */
  readonly problems?: readonly number[];
  /** Exempt from per-key/per-tenant rate limits (health-like routes); defaults to limited. */
  readonly rateLimited?: boolean;
}

export const ENDPOINT_SPEC = 'spv-cloud:endpoint-spec';

export function Endpoint(spec: EndpointSpec): MethodDecorator {
  return applyDecorators(
    SetMetadata(ENDPOINT_SPEC, spec),
    SetMetadata(ACCESS_METADATA, spec.access),
    ...(spec.rateLimited === false ? [SetMetadata(RATE_LIMIT_EXEMPT_METADATA, true)] : []),
    HttpCode(spec.status ?? 200),
  );
}
