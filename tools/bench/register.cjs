// `node --require tools/bench/register.cjs file.ts`: loads TypeScript through swc's in-process
// transform with the repository's .swcrc (the same output as `npm run build`), and resolves
// imports the way jest does: `@spv-cloud/<name>` → the source entry its package.json names, `./x.js` → `./x.ts`.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const { workspaceSourceEntries } = require('../workspace-packages.cjs');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

process.setSourceMapsEnabled(true);

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};

const workspaceEntries = workspaceSourceEntries();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspaceImport(request, parent, ...rest) {
  const workspaceEntry = workspaceEntries.get(request);
  if (workspaceEntry) request = workspaceEntry;
  try {
    return resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) {
      return resolveFilename.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    }
    throw error;
  }
};
