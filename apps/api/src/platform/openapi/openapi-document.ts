import { z } from 'zod';
import type { EndpointSpec } from '../http/endpoint.decorator';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A discovered REST route: where it is served and the spec that describes it. */
export interface EndpointRoute {
  readonly method: HttpMethod;
  /** Fastify/Nest style path, `/v1/api-keys/:id`. */
  readonly path: string;
  readonly spec: EndpointSpec;
}

export interface ProblemCodeDoc {
  readonly code: string;
  readonly status: number;
  readonly title: string;
}

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { title: string; version: string; description: string };
  readonly servers: readonly { url: string }[];
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
  readonly tags: readonly { name: string }[];
  readonly 'x-problem-codes': readonly ProblemCodeDoc[];
}

const PROBLEM_SCHEMA = z
  .object({
    type: z.string().describe('URI reference identifying the problem type.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .string()
      .describe('Machine-readable error code; the same string GraphQL puts in extensions.code.'),
    requestId: z.string().describe('Echoed in the X-Request-Id header and every log line of the request.'),
    invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const COMMON_PROBLEM_STATUSES = [400, 413, 415, 429, 500] as const;
const STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed JSON or invalid input (`malformed_json`, `validation_failed`).',
  401: 'Missing, invalid, expired or revoked credentials (`unauthenticated`).',
  403: 'The caller lacks the permission or API key scope.',
  404: "No such resource in the caller's tenant (`not_found`).",
  409: 'Conflicts with the current state.',
  413: 'Request body too large (`payload_too_large`).',
  415: 'Request body is not JSON (`unsupported_media_type`).',
  422: 'Rejected by a business rule.',
  429: 'Rate limit exceeded (`rate_limited`); see `Retry-After`.',
  500: 'Unexpected server error (`internal_error`).',
  503: 'A dependency is unavailable.',
};

/**
 * Builds the OpenAPI 3.1 document from the same zod schemas that validate requests. Schemas named
 * with `.meta({ id })` become `components.schemas` entries; everything else is inlined.
 */
export function buildOpenApiDocument(
  routes: readonly EndpointRoute[],
  problemCodes: readonly ProblemCodeDoc[],
  info: { version: string },
): OpenApiDocument {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema;
    return hoistDefinitions(json, components);
  };
  toSchema(PROBLEM_SCHEMA, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const { method, path, spec } of sorted) {
    tags.add(spec.tag);
    const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const status = spec.status ?? 200;
    const responses: Record<string, unknown> = {
      [String(status)]:
        spec.response && status !== 204
          ? {
              description: 'Success',
              content: { 'application/json': { schema: toSchema(spec.response, 'output') } },
            }
          : { description: 'Success, no content' },
    };
    const problemStatuses = new Set<number>([
      ...COMMON_PROBLEM_STATUSES,
      ...(spec.access === 'public' ? [] : [401, 403]),
      ...(spec.params ? [404] : []),
      ...(spec.problems ?? []),
    ]);
    for (const problemStatus of [...problemStatuses].sort()) {
      responses[String(problemStatus)] = {
        description: STATUS_DESCRIPTIONS[problemStatus] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      parameters: [
        ...parametersOf(spec.params, 'path', toSchema),
        ...parametersOf(spec.query, 'query', toSchema),
      ],
      responses,
      security: spec.access === 'public' ? [] : [{ bearer: [] }],
      ...(spec.access !== 'public'
        ? {
            'x-permission': spec.access.permission,
            ...(spec.access.scope ? { 'x-api-key-scope': spec.access.scope } : {}),
          }
        : {}),
    };
    if (spec.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
      };
    }
    (paths[openApiPath] ??= {})[method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'SPV Cloud API',
      version: info.version,
      description:
        'Multi-tenant SPV-as-a-Service for Kadena Chainweb. Authenticate with `Authorization: Bearer <token>` where the token is an API key (`spv_live_…`/`spv_test_…`) or a user access token. Errors are RFC 9457 problem documents.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      responses: {},
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (`spv_live_…`, `spv_test_…`) or a user access token (JWT) from /v1/auth/login.',
        },
      },
    },
    tags: [...tags].sort().map((name) => ({ name })),
    'x-problem-codes': [...problemCodes].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

function parametersOf(
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
  toSchema: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/** Moves `$defs` into components and rewrites refs, because in OpenAPI `#/` means the document root. */
function hoistDefinitions(json: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _schema, $defs, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
  void _schema;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        out[key] =
          key === '$ref' && typeof inner === 'string'
            ? inner.replace('#/$defs/', '#/components/schemas/')
            : rewrite(inner);
      }
      return out;
    }
    return value;
  };
  for (const [name, definition] of Object.entries($defs ?? {}))
    components[name] = rewrite(definition) as JsonSchema;
  const body = rewrite(rest) as JsonSchema;
  return body;
}
