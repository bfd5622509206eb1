// Source entry of every workspace package (`@spv-cloud/<name>` → the file its package.json
// "types" names), so jest and the bench loader resolve workspace imports to TypeScript sources
// the same way the type checker does, for libs, apps and contracts alike.
'use strict';
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function packageDirs() {
  const dirs = [join(root, 'contracts')];
  for (const group of ['libs', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) dirs.push(join(base, name));
  }
  return dirs;
}

/** @returns {Map<string, string>} package name → absolute path of its TypeScript entry */
function workspaceSourceEntries() {
  const entries = new Map();
  for (const dir of packageDirs()) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof pkg.name === 'string' && typeof pkg.types === 'string' && pkg.types.endsWith('.ts')) {
      entries.set(pkg.name, join(dir, pkg.types));
    }
  }
  return entries;
}

module.exports = { workspaceSourceEntries };
