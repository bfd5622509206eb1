#!/usr/bin/env node
// `npm start` — see tools/start/README.md. `--services-only` starts the infrastructure without the apps.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './start/start-main.mjs';

await main({ root: join(dirname(fileURLToPath(import.meta.url)), '..'), argv: process.argv.slice(2) });
