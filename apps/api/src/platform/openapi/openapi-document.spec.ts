import { z } from 'zod';
import { buildOpenApiDocument } from './openapi-document';

const Thing = z.object({ id: z.uuid(), label: z.string().max(10) }).meta({ id: 'SpecThing' });
const CreateThing = z
  .strictObject({ label: z.string().min(1), tags: z.array(z.string()).default([]) })
  .meta({ id: 'SpecCreateThing' });

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(
    [
      {
        method: 'post',
        path: '/v1/things',
        spec: {
          operationId: 'createThing',
          summary: 'Create',
          tag: 'things',
          access: { permission: 'proofs:write', scope: 'proofs:write' },
          body: CreateThing,
          response: Thing,
          status: 201,
        },
      },
      {
        method: 'get',
        path: '/v1/things/:id',
        spec: {
          operationId: 'getThing',
          summary: 'Get',
          tag: 'things',
          access: 'public',
          params: z.strictObject({ id: z.uuid() }),
          query: z.strictObject({ verbose: z.coerce.boolean().optional() }),
          response: Thing,
        },
      },
    ],
    [{ code: 'x_code', status: 409, title: 'X' }],
    { version: '9.9.9' },
  );

  it('writes OpenAPI 3.1 paths with Fastify params turned into templates', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/v1/things', '/v1/things/{id}']);
    expect(document.info.version).toBe('9.9.9');
  });

  it('hoists named schemas into components and points refs there', () => {
    const create = document.paths['/v1/things']!.post as any;
    expect(create.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SpecCreateThing',
    });
    expect(create.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SpecThing',
    });
    // Request schemas describe input: a defaulted field is optional to send.
    expect(document.components.schemas.SpecCreateThing!.required).toEqual(['label']);
    expect(document.components.schemas.SpecThing!.required).toEqual(['id', 'label']);
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });

  it('documents parameters, security, access and problems', () => {
    const get = document.paths['/v1/things/{id}']!.get as any;
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'verbose', in: 'query', required: false }),
    ]);
    expect(get.security).toEqual([]);
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '429', '500']));
    const create = document.paths['/v1/things']!.post as any;
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(create['x-permission']).toBe('proofs:write');
    expect(create['x-api-key-scope']).toBe('proofs:write');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['401', '403', '413']));
    expect(create.responses['400'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(document['x-problem-codes']).toEqual([{ code: 'x_code', status: 409, title: 'X' }]);
  });
});
