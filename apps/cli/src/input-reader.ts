import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChainwebError, parseJsonWithBigInts } from '@spv-cloud/chainweb';
import type { CliIo } from './cli-io';
import { CliError } from './cli.errors';

/** `-` names stdin, as in most Unix tools. */
export const STDIN_PATH = '-';

/** Reads a whole file (or stdin for `-`); an unreadable one is a CliError naming the path and why. */
export async function readInput(path: string, io: CliIo, what: string): Promise<Buffer> {
  if (path === STDIN_PATH) return readStream(io.stdin, what);
  try {
    return await readFile(resolve(io.cwd, path));
  } catch (error) {
    throw new CliError('input', `cannot read ${what} ${JSON.stringify(path)}: ${describeFsError(error)}`);
  }
}

export function readStream(stream: NodeJS.ReadableStream, what: string): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer | string) =>
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
    );
    stream.on('end', () => resolvePromise(Buffer.concat(chunks)));
    stream.on('error', (error: Error) =>
      reject(new CliError('input', `cannot read ${what} from stdin: ${error.message}`)),
    );
  });
}

/** The text of a file that must be UTF-8 (JSON, base64url, hex lists). */
export function utf8Text(bytes: Buffer, path: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CliError('input', `${what} ${JSON.stringify(path)} is not UTF-8 text`);
  }
}

export function parseJsonInput(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      'input',
      `${what} ${JSON.stringify(path)} is not valid JSON (${(error as Error).message})`,
    );
  }
}

/** JSON keeping integers beyond 2^53 exact (a header's u64 featureFlags is a bare JSON number). */
export function parseExactJsonInput(text: string, path: string, what: string): unknown {
  try {
    return parseJsonWithBigInts(text);
  } catch (error) {
    if (error instanceof ChainwebError)
      throw new CliError('input', `${what} ${JSON.stringify(path)} is not valid JSON (${error.message})`);
    throw error;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EEXIST':
      return 'already exists';
    case 'ENOSPC':
      return 'no space left on device';
    case undefined:
      return (error as Error).message;
    default:
      return code;
  }
}
