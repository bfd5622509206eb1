import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { OperationalRoute } from '../auth/access.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { DOCS_PAGE } from './docs-page';
import { EndpointCatalog } from './endpoint-catalog.service';
import { buildOpenApiDocument, type OpenApiDocument, type ProblemCodeDoc } from './openapi-document';

/** DI token: every documented problem code (platform and feature modules). */
export const PROBLEM_CODE_CATALOG = Symbol('ProblemCodeCatalog');
/** DI token: the API version written into the document. */
export const API_VERSION = Symbol('ApiVersion');

@Controller()
export class OpenApiController {
  private document: OpenApiDocument | undefined;

  constructor(
    private readonly catalog: EndpointCatalog,
    @Inject(PROBLEM_CODE_CATALOG) private readonly problemCodes: readonly ProblemCodeDoc[],
    @Inject(API_VERSION) private readonly version: string,
  ) {}

  @Get('v1/openapi.json')
  @Endpoint({
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tag: 'meta',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    rateLimited: false,
  })
  openApi(): OpenApiDocument {
    this.document ??= buildOpenApiDocument(this.catalog.routes(), this.problemCodes, {
      version: this.version,
    });
    return this.document;
  }

  /** Human-readable reference rendered from /v1/openapi.json; self-contained, works offline. */
  @Get('docs')
  @OperationalRoute()
  async docs(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', DOCS_PAGE.contentSecurityPolicy)
      .send(DOCS_PAGE.html);
  }
}
