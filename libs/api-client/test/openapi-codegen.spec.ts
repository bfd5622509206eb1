import { OpenApiCodegenError, renderTypes, typeOf } from '../scripts/openapi-codegen.mjs';

describe('typeOf', () => {
  it('writes the JSON Schema the API produces as TypeScript', () => {
    expect(typeOf({ type: 'string', format: 'uuid', pattern: '^x$' })).toBe('string');
    expect(typeOf({ type: 'integer', minimum: 1 })).toBe('number');
    expect(typeOf({ type: 'string', enum: ['a', 'b'] })).toBe('"a" | "b"');
    expect(typeOf({ const: 1 })).toBe('1');
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(typeOf({ type: ['string', 'null'] })).toBe('string | null');
    expect(typeOf({ type: 'array', items: { $ref: '#/components/schemas/Thing' } })).toBe('Thing[]');
    expect(typeOf({ type: 'array', items: { enum: ['x', 'y'] } })).toBe('Array<"x" | "y">');
    expect(typeOf({})).toBe('unknown');
    expect(
      typeOf({
        type: 'object',
        propertyNames: { type: 'string' },
        additionalProperties: { type: 'boolean' },
      }),
    ).toBe('{\n  [key: string]: boolean;\n}');
  });

  it('marks optional properties, keeps descriptions and quotes keys that are not identifiers', () => {
    const type = typeOf({
      type: 'object',
      properties: { id: { type: 'string', description: 'The id.' }, 'x-y': { type: 'number' } },
      required: ['id'],
      additionalProperties: false,
    });
    expect(type).toBe('{\n  /** The id. */\n  id: string;\n  "x-y"?: number;\n}');
  });

  it('rejects what it cannot express rather than widening it', () => {
    expect(() => typeOf({ type: 'string', if: {} }, '', 'Thing')).toThrow(
      new OpenApiCodegenError('Thing: unsupported keyword if'),
    );
    expect(() => typeOf({ allOf: [] })).toThrow(OpenApiCodegenError);
    expect(() => typeOf({ $ref: 'https://elsewhere/schema' })).toThrow('unsupported $ref');
    expect(() => typeOf({ type: 'file' })).toThrow('unsupported type file');
  });
});

describe('renderTypes', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1.2.3' },
    paths: {
      '/v1/things/{id}': {
        get: {
          operationId: 'getThing',
          summary: 'Get one thing',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'verbose', in: 'query', required: false, schema: { type: 'boolean' } },
          ],
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '404': { content: { 'application/problem+json': { schema: {} } } },
          },
          'x-permission': 'things:read',
          'x-api-key-scope': 'things:read',
        },
        delete: {
          operationId: 'deleteThing',
          summary: 'Delete',
          responses: { '204': { description: 'gone' } },
        },
      },
    },
    components: {
      schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    },
  };

  it('writes component types, the operations interface and the run-time route table', () => {
    const text = renderTypes(document);
    expect(text).toContain('export const API_DOCUMENT_VERSION = "1.2.3";');
    expect(text).toContain('export type Thing = {\n  id: string;\n};');
    expect(text).toContain(
      '  /** Get one thing */\n  getThing: {\n    pathParams: {\n      id: string;\n    };\n    query: {\n      verbose?: boolean;\n    };\n    body: undefined;\n    response: Thing;\n  };',
    );
    expect(text).toContain('    response: void;');
    expect(text).toContain(
      '  deleteThing: {\n    method: "DELETE",\n    path: "/v1/things/{id}",\n    status: 204,\n    permission: null,\n    scope: null,\n    summary: "Delete",\n  },',
    );
    expect(text).toContain(
      '    permission: "things:read",\n    scope: "things:read",\n    summary: "Get one thing",',
    );
    expect(renderTypes(document)).toBe(text);
  });

  it('refuses documents it would type wrongly', () => {
    expect(() => renderTypes({ openapi: '3.0.3' })).toThrow('not an OpenAPI 3.1 document');
    const twice = structuredClone(document) as any;
    twice.paths['/v1/other'] = { get: { operationId: 'getThing', responses: { '200': {} } } };
    expect(() => renderTypes(twice)).toThrow('operationId getThing is used twice');
    const noSuccess = structuredClone(document) as any;
    noSuccess.paths['/v1/things/{id}'].get.responses = { '400': {} };
    expect(() => renderTypes(noSuccess)).toThrow('getThing: expected one success status');
  });
});
