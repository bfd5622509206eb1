import { evaluateGlue, loadSchemaEngine } from './schema-engine.loader';

describe('evaluateGlue', () => {
  const minimal = [
    'let wasm;',
    'export function __wbg_set_wasm(val) { wasm = val; }',
    'export function version() { return "v"; }',
    'export class SchemaEngine { static new() { return wasm; } }',
  ].join('\n');

  it('turns top-level export declarations into an exports object in this realm', () => {
    const glue = evaluateGlue(minimal);
    glue.__wbg_set_wasm({ marker: 1 });
    expect(glue.version()).toBe('v');
    expect(glue.SchemaEngine.new({ datamodels: undefined }, () => undefined, {})).toEqual({ marker: 1 });
  });

  it.each([
    ['an import', `import x from "y";\n${minimal}`],
    ['an export form it does not know', `${minimal}\nexport const z = 1;`],
    ['a missing SchemaEngine', minimal.replace('export class SchemaEngine', 'class SchemaEngine')],
  ])('refuses glue with %s', (_label, source) => {
    expect(() => evaluateGlue(source)).toThrow(
      expect.objectContaining({ code: 'DB_SCHEMA_ENGINE_UNAVAILABLE' }),
    );
  });
});

describe('loadSchemaEngine', () => {
  it('instantiates the pinned WASM engine once', async () => {
    const engine = await loadSchemaEngine();
    expect(engine.version()).toMatch(/^[0-9a-f]{40}$/);
    await expect(loadSchemaEngine()).resolves.toBe(engine);
  });
});
