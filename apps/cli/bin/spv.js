#!/usr/bin/env node
'use strict';
// Launcher for the compiled CLI; `npm run build` (run by `npm ci` through the root `prepare`) writes ../dist.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('spv: the CLI is not built; run `npm run build` at the repository root\n');
  process.exit(2);
}
require(main);
