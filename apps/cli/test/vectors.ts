import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The chainweb-node vectors in ../shared/vectors beside the repository, located the way
 * libs/chainweb/test/vectors.ts does (SPV_VECTORS_DIR overrides it). Lint forbids importing another
 * package's files, and there is no shared testing library for vectors yet.
 */
export const VECTORS_DIR = process.env['SPV_VECTORS_DIR'] ?? resolve(__dirname, '../../../../shared/vectors');

export function vectorText(name: string): string {
  return readFileSync(join(VECTORS_DIR, name), 'utf8');
}

export function vectorJson<T>(name: string): T {
  return JSON.parse(vectorText(name)) as T;
}
