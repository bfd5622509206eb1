import type { Readable, Writable } from 'node:stream';

/** The process streams a command talks to; tests of the command logic pass their own. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: Readable;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
}

/** Writes text and resolves once it is flushed, so the process never exits with output still buffered. */
export function writeText(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

export function writeLine(stream: Writable, text: string): Promise<void> {
  return writeText(stream, text.endsWith('\n') ? text : `${text}\n`);
}
