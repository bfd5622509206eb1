import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRequestKey, fromBase64Url } from '@spv-cloud/chainweb';
import { type RunningDevnet, startDevnet } from '../../src';
import type { DevnetOptions } from '../../src/config/devnet-options';

/** A devnet on a free port in a fresh temporary data directory, with fast blocks. */
export interface TestDevnet {
  readonly devnet: RunningDevnet;
  readonly dataDir: string;
  /** `${url}/chainweb/0.0/development` */
  readonly api: string;
  /** Closes the devnet and deletes its data directory. */
  stop(): Promise<void>;
}

export async function startTestDevnet(options: DevnetOptions = {}): Promise<TestDevnet> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'spv-devnet-'));
  const devnet = await startDevnet({ port: 0, blockTimeMs: 60, ...options, dataDir });
  return {
    devnet,
    dataDir,
    api: `${devnet.url}/chainweb/0.0/development`,
    stop: async () => {
      await devnet.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestKeyPair {
  /** 64 hex digits, as Pact signers name keys. */
  readonly publicKey: string;
  /** 64 hex digits (the ED25519 seed), as @kadena/client's IKeyPair takes it. */
  readonly secretKey: string;
  signHash(hash: string): string;
}

export function newKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwkPublic = publicKey.export({ format: 'jwk' });
  const jwkPrivate = privateKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(jwkPublic.x!, 'base64url').toString('hex'),
    secretKey: Buffer.from(jwkPrivate.d!, 'base64url').toString('hex'),
    signHash: (hash) => sign(null, fromBase64Url(hash, 'hash'), privateKey).toString('hex'),
  };
}

export interface CommandSpec {
  readonly code: string;
  readonly data?: Record<string, unknown>;
  readonly chainId: number;
  readonly signers?: ReadonlyArray<{
    readonly key: TestKeyPair;
    readonly caps?: ReadonlyArray<{ name: string; args: unknown[] }>;
  }>;
  readonly networkId?: string | null;
  readonly nonce?: string;
  /** Seconds since the epoch; default now. */
  readonly creationTime?: number;
  readonly ttl?: number;
}

export interface SignedCommand {
  readonly hash: string;
  readonly sigs: Array<{ sig: string }>;
  readonly cmd: string;
}

let nonceCounter = 0;

/** A Pact exec command signed with node:crypto ED25519 over its BLAKE2b-256 hash. */
export function signedCommand(spec: CommandSpec): SignedCommand {
  const signers = spec.signers ?? [];
  const cmd = JSON.stringify({
    payload: { exec: { code: spec.code, data: spec.data ?? {} } },
    nonce: spec.nonce ?? `devnet-test-${process.pid}-${Date.now()}-${nonceCounter++}`,
    meta: {
      chainId: String(spec.chainId),
      sender: 'devnet-test',
      gasLimit: 2500,
      gasPrice: 1e-8,
      ttl: spec.ttl ?? 600,
      creationTime: spec.creationTime ?? Math.floor(Date.now() / 1000),
    },
    signers: signers.map(({ key, caps }) => ({
      pubKey: key.publicKey,
      scheme: 'ED25519',
      ...(caps ? { clist: caps } : {}),
    })),
    networkId: spec.networkId === undefined ? 'development' : spec.networkId,
  });
  const hash = computeRequestKey(cmd);
  return { hash, sigs: signers.map(({ key }) => ({ sig: key.signHash(hash) })), cmd };
}

export interface FetchResult {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  json<T = unknown>(): T;
}

export async function http(url: string, init: RequestInit = {}): Promise<FetchResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    json: <T>() => JSON.parse(text) as T,
  };
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<FetchResult> {
  return http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Sends commands to a chain's /send and returns the answer. */
export function send(api: string, chainId: number, cmds: readonly SignedCommand[]): Promise<FetchResult> {
  return postJson(`${api}/chain/${chainId}/pact/api/v1/send`, { cmds });
}

/** Polls until every request key has a result (or the deadline passes). */
export async function pollUntil(
  api: string,
  chainId: number,
  requestKeys: readonly string[],
  timeoutMs = 10_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await postJson(`${api}/chain/${chainId}/pact/api/v1/poll`, { requestKeys });
    const results = answer.json<Record<string, any>>();
    if (requestKeys.every((k) => results[k] !== undefined)) return results;
    if (Date.now() > deadline)
      throw new Error(`no results for ${requestKeys.join(', ')} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
