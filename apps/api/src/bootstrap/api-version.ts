import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `version` of apps/api/package.json (read from src/ or dist/ alike). */
export const API_PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
