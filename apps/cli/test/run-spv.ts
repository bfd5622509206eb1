import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** The binary `npm ci` links: the built CLI, run the way a user runs it. */
export const SPV_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'spv');

export interface SpvRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/** Runs the built `spv` asynchronously (a fake node in this process must keep answering meanwhile). */
export function runSpv(
  args: readonly string[],
  options: { stdin?: string | Buffer; cwd?: string; timeoutMs?: number } = {},
): Promise<SpvRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      SPV_BIN,
      [...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        encoding: 'buffer',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        // A numeric code is the exit status; anything else (spawn failure, timeout kill) is a test failure.
        if (error && typeof error.code !== 'number')
          return reject(new Error(`spv did not run: ${error.message}`));
        resolve({
          code: typeof error?.code === 'number' ? error.code : 0,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
          stdoutBytes: stdout,
        });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
