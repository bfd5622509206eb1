import * as nodeCrypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SchemaEngine as SchemaEngineInstance } from '@prisma/schema-engine-wasm';
import { DbError } from '../db.errors';

// Prisma's schema engine (migrations, diffs) compiled to WebAssembly. Its package entry does
// `import * as wasm from "./schema_engine_bg.wasm"` (ES-module WebAssembly integration), which Node 20
// only supports behind a flag, so we instantiate the .wasm by hand with the wasm-bindgen glue module.
// The glue is an ES module; Node ≥ 20.19 can require() it but jest 30 on Node 20 cannot, and loading
// it through Node's own loader from inside jest would put it in another realm (the glue checks
// `instanceof Promise` on what the driver adapter returns). So we evaluate the glue's source in the
// current realm: a wasm-bindgen glue file is nothing but top-level `export function`/`export class`
// declarations, which we verify before evaluating and refuse otherwise.
const GLUE_SPECIFIER = '@prisma/schema-engine-wasm/schema_engine_bg';
const WASM_FILE = 'schema_engine_bg.wasm';
const WASM_IMPORT_MODULE = './schema_engine_bg.js';

export interface SchemaEngineModule {
  readonly SchemaEngine: {
    new: (
      options: { datamodels: [string, string][] | undefined },
      log: (line: string) => void,
      adapterFactory: object,
    ) => Promise<SchemaEngineInstance>;
  };
  readonly version: () => string;
}

type WasmExports = Record<string, unknown>;

interface GlueExports extends SchemaEngineModule {
  readonly __wbg_set_wasm: (exports: WasmExports) => void;
}

// The ES2023 lib has no WebAssembly declarations (they come with the DOM lib); the part used here:
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: {
    instantiate(
      bytes: Uint8Array,
      imports: Record<string, Record<string, unknown>>,
    ): Promise<{ instance: { exports: WasmExports } }>;
  };
};

let loading: Promise<SchemaEngineModule> | undefined;

/** Loads and instantiates the engine once per process. */
export function loadSchemaEngine(): Promise<SchemaEngineModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error instanceof DbError
      ? error
      : new DbError(
          'DB_SCHEMA_ENGINE_UNAVAILABLE',
          `cannot load the Prisma schema engine: ${String(error)}`,
          {
            cause: error,
          },
        );
  });
  return loading;
}

async function instantiate(): Promise<SchemaEngineModule> {
  const gluePath = require.resolve(GLUE_SPECIFIER);
  const [glueSource, wasmBytes] = await Promise.all([
    readFile(gluePath, 'utf8'),
    readFile(join(dirname(gluePath), WASM_FILE)),
  ]);
  const glue = evaluateGlue(glueSource);
  const { instance } = await WebAssembly.instantiate(wasmBytes, { [WASM_IMPORT_MODULE]: { ...glue } });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return glue;
}

const EXPORT_DECLARATION = /^export (function|class) ([A-Za-z_$][\w$]*)/gm;

export function evaluateGlue(source: string): GlueExports {
  if (/^\s*import\b/m.test(source)) {
    throw new DbError(
      'DB_SCHEMA_ENGINE_UNAVAILABLE',
      'schema engine glue imports other modules; unsupported layout',
    );
  }
  const names: string[] = [];
  const body = source.replace(EXPORT_DECLARATION, (_match, kind: string, name: string) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^export\b/m.test(body)) {
    throw new DbError(
      'DB_SCHEMA_ENGINE_UNAVAILABLE',
      'schema engine glue has an export form this loader does not know',
    );
  }
  for (const required of ['SchemaEngine', '__wbg_set_wasm', 'version']) {
    if (!names.includes(required)) {
      throw new DbError('DB_SCHEMA_ENGINE_UNAVAILABLE', `schema engine glue does not export ${required}`);
    }
  }
  // The glue reads `module.require` only to reach node:crypto for randomness.
  const glueModule = {
    require: (id: string): unknown => {
      if (id === 'crypto' || id === 'node:crypto') return nodeCrypto;
      throw new DbError('DB_SCHEMA_ENGINE_UNAVAILABLE', `schema engine glue asked for module ${id}`);
    },
  };
  // The engine arms timeouts (e.g. around its advisory lock) that it never clears; they must not keep
  // the process alive for ten seconds after the work is done.
  const unrefSetTimeout = (callback: () => void, ms: number) => setTimeout(callback, ms).unref();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the vetted glue is the point (see top).
  const evaluate = new Function(
    'module',
    'setTimeout',
    `"use strict";\n${body}\nreturn { ${names.join(', ')} };`,
  ) as (module: typeof glueModule, setTimeoutImpl: typeof unrefSetTimeout) => GlueExports;
  return evaluate(glueModule, unrefSetTimeout);
}
