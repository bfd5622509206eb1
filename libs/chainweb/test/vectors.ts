import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real chainweb-node data in ../shared/vectors (beside the repository; see its README for
 * where every file comes from). SPV_VECTORS_DIR overrides the location.
 */
export const VECTORS_DIR = process.env['SPV_VECTORS_DIR'] ?? resolve(__dirname, '../../../../shared/vectors');

export function vectorText(name: string): string {
  return readFileSync(join(VECTORS_DIR, name), 'utf8');
}

export function vectorJson<T = any>(name: string): T {
  return JSON.parse(vectorText(name)) as T;
}

export const hex = (text: string): Buffer => Buffer.from(text, 'hex');
export const b64 = (text: string): Buffer => Buffer.from(text, 'base64url');
