// Turns the API's OpenAPI 3.1 document into TypeScript: one type per component schema and one
// entry per operation (method, path, permission, parameters, body, success response). Pure: the
// same document always gives the same text, which is what the staleness check compares.
//
// It covers the JSON Schema the API's zod schemas produce (objects, arrays, enums, const, anyOf,
// $ref, records); anything else is an error rather than a silently loose type.

const HEADER =
  "// Generated from the API's OpenAPI document by libs/api-client/scripts/generate-openapi.mjs.\n" +
  '// Do not edit: run `npm run generate -w @spv-cloud/api-client` after changing an API route.\n';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SUPPORTED_KEYWORDS = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'description',
  'title',
  'default',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

export class OpenApiCodegenError extends Error {
  constructor(message) {
    super(message);
    this.name = 'OpenApiCodegenError';
  }
}

function refName(ref) {
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!match || !IDENTIFIER.test(match[1])) throw new OpenApiCodegenError(`unsupported $ref ${ref}`);
  return match[1];
}

function literal(value) {
  return JSON.stringify(value);
}

function propertyKey(name) {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function docComment(text, indent) {
  if (typeof text !== 'string' || text.trim() === '') return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The TypeScript type of one JSON schema, written at `indent` (for nested object literals). */
export function typeOf(schema, indent = '', where = 'schema') {
  if (schema === true || schema === undefined) return 'unknown';
  if (schema === false) return 'never';
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new OpenApiCodegenError(`${where}: not a schema`);
  }
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED_KEYWORDS.has(keyword) && !keyword.startsWith('x-')) {
      throw new OpenApiCodegenError(`${where}: unsupported keyword ${keyword}`);
    }
  }
  if (schema.$ref !== undefined) return refName(schema.$ref);
  if (schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    return union(variants.map((variant, i) => typeOf(variant, indent, `${where}.anyOf[${i}]`)));
  }
  if (Array.isArray(schema.type)) {
    return union(schema.type.map((type) => typeOf({ ...schema, type }, indent, where)));
  }
  switch (schema.type) {
    case undefined:
      return 'unknown';
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = typeOf(schema.items, indent, `${where}.items`);
      return /^[A-Za-z0-9_$]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
    }
    case 'object':
      return objectType(schema, indent, where);
    default:
      throw new OpenApiCodegenError(`${where}: unsupported type ${String(schema.type)}`);
  }
}

function union(types) {
  const unique = [...new Set(types)];
  return unique.length === 1 ? unique[0] : unique.join(' | ');
}

function objectType(schema, indent, where) {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const extra = schema.additionalProperties;
  const inner = `${indent}  `;
  const lines = properties.map(([name, property]) => {
    const optional = required.has(name) ? '' : '?';
    const type = typeOf(property, inner, `${where}.${name}`);
    return `${docComment(property.description, inner)}${inner}${propertyKey(name)}${optional}: ${type};`;
  });
  if (extra !== undefined && extra !== false) {
    // With named properties too, an index signature must admit their types: keep it `unknown`.
    const value = properties.length === 0 ? typeOf(extra, inner, `${where}[key]`) : 'unknown';
    lines.push(`${inner}[key: string]: ${value};`);
  }
  if (lines.length === 0) return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function parametersType(parameters, location, where) {
  const selected = parameters.filter((parameter) => parameter.in === location);
  if (selected.length === 0) return 'Record<string, never>';
  const lines = selected.map((parameter) => {
    const optional = parameter.required ? '' : '?';
    const type = typeOf(parameter.schema, '      ', `${where}.${parameter.name}`);
    return `${docComment(parameter.description, '      ')}      ${propertyKey(parameter.name)}${optional}: ${type};`;
  });
  return `{\n${lines.join('\n')}\n    }`;
}

function successOf(responses, where) {
  const statuses = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
  if (statuses.length !== 1)
    throw new OpenApiCodegenError(`${where}: expected one success status, got ${statuses.join(',')}`);
  const status = Number(statuses[0]);
  const schema = responses[statuses[0]].content?.['application/json']?.schema;
  return { status, type: schema === undefined ? 'void' : typeOf(schema, '    ', `${where}.response`) };
}

/** Every operation of the document, sorted by operationId, with what the client needs at run time. */
export function operationsOf(document) {
  const operations = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (typeof operation.operationId !== 'string' || !IDENTIFIER.test(operation.operationId)) {
        throw new OpenApiCodegenError(
          `${method.toUpperCase()} ${path}: operationId missing or not an identifier`,
        );
      }
      operations.push({ id: operation.operationId, method: method.toUpperCase(), path, operation });
    }
  }
  operations.sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 1; i < operations.length; i++) {
    if (operations[i].id === operations[i - 1].id) {
      throw new OpenApiCodegenError(`operationId ${operations[i].id} is used twice`);
    }
  }
  return operations;
}

/** The TypeScript module text for `document`. */
export function renderTypes(document) {
  if (typeof document !== 'object' || document === null || !String(document.openapi).startsWith('3.1')) {
    throw new OpenApiCodegenError('not an OpenAPI 3.1 document');
  }
  const out = [HEADER];
  out.push(`/** The \`info.version\` of the document these types were generated from. */`);
  out.push(`export const API_DOCUMENT_VERSION = ${literal(document.info?.version ?? '')};\n`);

  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!IDENTIFIER.test(name)) throw new OpenApiCodegenError(`schema name ${name} is not an identifier`);
    out.push(`${docComment(schema.description, '')}export type ${name} = ${typeOf(schema, '', name)};\n`);
  }

  const operations = operationsOf(document);
  const typeLines = [];
  const tableLines = [];
  for (const { id, method, path, operation } of operations) {
    const parameters = operation.parameters ?? [];
    const body = operation.requestBody?.content?.['application/json']?.schema;
    const success = successOf(operation.responses ?? {}, id);
    typeLines.push(
      `${docComment(operation.summary, '  ')}  ${id}: {\n` +
        `    pathParams: ${parametersType(parameters, 'path', id)};\n` +
        `    query: ${parametersType(parameters, 'query', id)};\n` +
        `    body: ${body === undefined ? 'undefined' : typeOf(body, '    ', `${id}.body`)};\n` +
        `    response: ${success.type};\n` +
        '  };',
    );
    const permission = operation['x-permission'];
    const scope = operation['x-api-key-scope'];
    tableLines.push(
      `  ${id}: {\n` +
        `    method: ${literal(method)},\n` +
        `    path: ${literal(path)},\n` +
        `    status: ${success.status},\n` +
        `    permission: ${permission === undefined ? 'null' : literal(permission)},\n` +
        `    scope: ${scope === undefined ? 'null' : literal(scope)},\n` +
        `    summary: ${literal(operation.summary ?? '')},\n` +
        '  },',
    );
  }
  out.push('/** Request and response types of every REST operation, by operationId. */');
  out.push(`export interface Operations {\n${typeLines.join('\n')}\n}\n`);
  out.push('export type OperationId = keyof Operations;\n');
  out.push(
    '/**\n' +
      ' * Where an operation is served and its success status; the permission a user needs and the\n' +
      ' * scope an API key needs (`any`: every key; null: public, or not for API keys).\n' +
      ' */',
  );
  out.push(
    'export interface OperationRoute {\n' +
      "  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';\n" +
      '  readonly path: string;\n' +
      '  readonly status: number;\n' +
      '  readonly permission: string | null;\n' +
      '  readonly scope: string | null;\n' +
      '  readonly summary: string;\n' +
      '}\n',
  );
  out.push(
    `export const OPERATIONS = {\n${tableLines.join('\n')}\n} as const satisfies Record<OperationId, OperationRoute>;`,
  );
  return `${out.join('\n')}\n`;
}
