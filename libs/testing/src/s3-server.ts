import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface S3Server {
  /** e.g. `http://127.0.0.1:43121` */
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Spread into `new S3Client(…)`: endpoint, region, credentials and `forcePathStyle: true`. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly forcePathStyle: true;
  };
  readonly directory: string;
  /** Stops the server and deletes its directory (unless one was given). Idempotent. */
  stop(): Promise<void>;
}

export interface S3ServerOptions {
  /** Bucket created at start (≥ 3 characters, s3rver's rule). */
  readonly bucket?: string;
  /** Where objects live; default a fresh temporary directory removed on stop. */
  readonly directory?: string;
  /** Fixed port; default a free one. */
  readonly port?: number;
}

// s3rver answers paginated ListObjectsV2 through a cipher OpenSSL 3 only offers with the legacy
// provider (`ERR_OSSL_EVP_UNSUPPORTED` otherwise), so it runs in its own Node process started with
// --openssl-legacy-provider instead of inside the test process.
const SERVER_SCRIPT = `
const S3rver = require('s3rver');
const [directory, bucket, port] = process.argv.slice(1);
const server = new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\\n'),
  (error) => { process.stderr.write(String(error && error.stack || error) + '\\n'); process.exit(1); },
);
process.on('SIGTERM', () => server.close().then(() => process.exit(0), () => process.exit(1)));
`;

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
const REGION = 'us-east-1';

/** Starts s3rver on 127.0.0.1 and resolves once it listens. */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const bucket = options.bucket ?? 'spv-test';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`invalid bucket name ${bucket}`);
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'spv-s3-')));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', SERVER_SCRIPT, directory, bucket, String(options.port ?? 0)],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: __dirname },
  );
  let port: number;
  try {
    port = await readPort(child);
  } catch (error) {
    child.kill('SIGKILL');
    if (!options.directory) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    bucket,
    region: REGION,
    credentials: CREDENTIALS,
    clientConfig: { endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true },
    directory,
    stop: () =>
      (stopped ??= (async () => {
        await stopChild(child);
        if (!options.directory) await rm(directory, { recursive: true, force: true });
      })()),
  };
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`s3rver printed ${line}`));
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`s3rver exited with ${code} before listening: ${stderr.trim()}`)),
    );
    child.once('error', reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
