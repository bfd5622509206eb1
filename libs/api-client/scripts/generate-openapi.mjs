#!/usr/bin/env node
// `npm run generate -w @spv-cloud/api-client`: builds the API's OpenAPI document from the API's
// sources and writes src/generated/openapi.json and src/generated/openapi-types.ts.
// `--check` writes nothing and exits 1 when the committed files differ from what the API produces.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTypes } from './openapi-codegen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const generatedDir = join(here, '..', 'src', 'generated');

/** The document as the API serves it, parsed. */
export function documentFromApi() {
  const result = spawnSync(
    process.execPath,
    ['-r', join(root, 'tools/bench/register.cjs'), join(here, 'print-api-openapi.cjs')],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `building the API's OpenAPI document failed (exit ${result.status ?? result.signal}):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout);
}

/** The generated files for a document: path (relative to the package) → content. */
export function generatedFiles(document) {
  return {
    'src/generated/openapi.json': `${JSON.stringify(document, null, 2)}\n`,
    'src/generated/openapi-types.ts': renderTypes(document),
  };
}

async function main(argv) {
  const check = argv.includes('--check');
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown[0]} (usage: generate-openapi.mjs [--check])`);
  const files = generatedFiles(documentFromApi());
  const stale = [];
  for (const [path, content] of Object.entries(files)) {
    const target = join(here, '..', path);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === content) continue;
    stale.push(relative(root, target));
    if (!check) await writeFile(target, content);
  }
  if (check && stale.length > 0) {
    process.stderr.write(
      `api-client: ${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: the API's OpenAPI document changed.\n` +
        'Run `npm run generate -w @spv-cloud/api-client` and commit the result.\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    check
      ? 'api-client: generated files match the API\n'
      : `api-client: ${stale.length === 0 ? 'generated files already up to date' : `wrote ${stale.join(', ')}`} (${relative(root, generatedDir)})\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`api-client: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
