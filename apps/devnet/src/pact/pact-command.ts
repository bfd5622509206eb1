import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import { computeRequestKey, fromBase64Url } from '@spv-cloud/chainweb';

/*
 * Pact commands as chainweb-node reads them from /send, /local and block payloads: the JSON shape
 * (Pact's `Command Text` and `Payload PublicMeta Text`), the request key (BLAKE2b-256 of the cmd
 * text), and the ED25519 signatures over it (pact-5 Pact/Core/Command/Types.hs verifyUserSig).
 */

/** A JSON-shape failure, rendered like aeson's `Error in $.path: message` (what servant answers). */
export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Error in $${path}: ${reason}`);
  }
}

export interface PactSignerJson {
  readonly pubKey: string;
  readonly scheme?: 'ED25519' | 'WebAuthn';
  readonly addr?: string;
  readonly clist?: ReadonlyArray<{ readonly name: string; readonly args: readonly unknown[] }>;
}

export interface PactPublicMeta {
  readonly chainId: string;
  readonly sender: string;
  readonly gasLimit: number;
  readonly gasPrice: number;
  readonly ttl: number;
  readonly creationTime: number;
}

export type PactRpc =
  | { readonly kind: 'exec'; readonly code: string; readonly data: unknown }
  | {
      readonly kind: 'cont';
      readonly pactId: string;
      readonly step: number;
      readonly rollback: boolean;
      readonly data: unknown;
      readonly proof: string | null;
    };

/** The parsed `cmd` text of a command. */
export interface PactPayload {
  readonly rpc: PactRpc;
  readonly nonce: string;
  readonly meta: PactPublicMeta;
  readonly signers: readonly PactSignerJson[];
  readonly networkId: string | null;
}

/** A command as submitted: `{"hash", "sigs", "cmd"}` with `cmd` kept as the exact text that was signed. */
export interface PactCommand {
  readonly hash: string;
  readonly sigs: ReadonlyArray<{ readonly sig: string }>;
  readonly cmd: string;
}

/** A command whose cmd text parsed; `transaction` is the JSON stored in block payloads. */
export interface ParsedPactCommand extends PactCommand {
  readonly payload: PactPayload;
  readonly transaction: Buffer;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: Json): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

function field(object: Record<string, Json>, key: string, path: string): Json {
  if (!Object.hasOwn(object, key)) throw new JsonShapeError(path, `key "${key}" not found`);
  return object[key];
}

function expectObject(value: Json, path: string, what: string): Record<string, Json> {
  if (!isObject(value))
    throw new JsonShapeError(
      path,
      `parsing ${what} failed, expected Object, but encountered ${typeName(value)}`,
    );
  return value;
}

function expectString(value: Json, path: string): string {
  if (typeof value !== 'string')
    throw new JsonShapeError(path, `expected Text, but encountered ${typeName(value)}`);
  return value;
}

function expectNumber(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new JsonShapeError(path, `expected Number, but encountered ${typeName(value)}`);
  }
  return value;
}

function expectArray(value: Json, path: string): Json[] {
  if (!Array.isArray(value))
    throw new JsonShapeError(path, `expected Array, but encountered ${typeName(value)}`);
  return value;
}

/** Parses request-body JSON text; syntax errors read like aeson's. */
export function parseJsonBody(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new JsonShapeError('', `Failed reading: not a valid json value (${(error as Error).message})`);
  }
}

/** A request key: base64url of 32 bytes (Pact's Hash JSON). */
export function parseRequestKeyJson(value: Json, path: string): string {
  const text = expectString(value, path);
  let bytes: Buffer;
  try {
    bytes = fromBase64Url(text, 'request key');
  } catch {
    throw new JsonShapeError(
      path,
      `Base64URL decode failed: invalid base64url encoding of ${JSON.stringify(text)}`,
    );
  }
  if (bytes.length !== 32)
    throw new JsonShapeError(path, `Invalid hash length: expected 32 bytes, got ${bytes.length}`);
  return text;
}

/** Pact's `Command Text`: `{"hash", "sigs": [{"sig"}], "cmd"}`. */
export function parseCommandJson(value: Json, path = ''): PactCommand {
  const object = expectObject(value, path, 'Command');
  const cmd = expectString(field(object, 'cmd', path), `${path}.cmd`);
  const sigs = expectArray(field(object, 'sigs', path), `${path}.sigs`).map((sig, i) => {
    const sigPath = `${path}.sigs[${i}]`;
    const sigObject = expectObject(sig, sigPath, 'UserSig');
    return { sig: expectString(field(sigObject, 'sig', sigPath), `${sigPath}.sig`) };
  });
  const hash = parseRequestKeyJson(field(object, 'hash', path), `${path}.hash`);
  return { hash, sigs, cmd };
}

/** The body of /send: `{"cmds": [Command, …]}` with at least one command. */
export function parseSubmitBatchJson(value: Json): PactCommand[] {
  const object = expectObject(value, '', 'SubmitBatch');
  const cmds = expectArray(field(object, 'cmds', ''), '.cmds');
  if (cmds.length === 0) throw new JsonShapeError('.cmds', 'parsing NonEmpty failed, unexpected empty list');
  return cmds.map((cmd, i) => parseCommandJson(cmd, `.cmds[${i}]`));
}

/** The body of /poll: `{"requestKeys": [rk, …]}` with at least one key. */
export function parsePollRequestJson(value: Json): string[] {
  const object = expectObject(value, '', 'PollRequest');
  const keys = expectArray(field(object, 'requestKeys', ''), '.requestKeys');
  if (keys.length === 0)
    throw new JsonShapeError('.requestKeys', 'parsing NonEmpty failed, unexpected empty list');
  return keys.map((key, i) => parseRequestKeyJson(key, `.requestKeys[${i}]`));
}

/** The body of /listen: `{"listen": rk}`. */
export function parseListenRequestJson(value: Json): string {
  const object = expectObject(value, '', 'ListenRequest');
  return parseRequestKeyJson(field(object, 'listen', ''), '.listen');
}

/** Pact's `Payload PublicMeta Text` (the cmd text). */
export function parsePactPayload(cmd: string): PactPayload {
  const object = expectObject(parseJsonBody(cmd), '', 'Payload');
  const rpcObject = expectObject(field(object, 'payload', ''), '.payload', 'PactRPC');
  let rpc: PactRpc;
  if (Object.hasOwn(rpcObject, 'exec')) {
    const exec = expectObject(rpcObject['exec'], '.payload.exec', 'ExecMsg');
    rpc = {
      kind: 'exec',
      code: expectString(field(exec, 'code', '.payload.exec'), '.payload.exec.code'),
      data: exec['data'] ?? null,
    };
  } else if (Object.hasOwn(rpcObject, 'cont')) {
    const cont = expectObject(rpcObject['cont'], '.payload.cont', 'ContMsg');
    const proof = cont['proof'] ?? null;
    rpc = {
      kind: 'cont',
      pactId: expectString(field(cont, 'pactId', '.payload.cont'), '.payload.cont.pactId'),
      step: expectNumber(field(cont, 'step', '.payload.cont'), '.payload.cont.step'),
      rollback: field(cont, 'rollback', '.payload.cont') === true,
      data: cont['data'] ?? null,
      proof: proof === null ? null : expectString(proof, '.payload.cont.proof'),
    };
  } else {
    throw new JsonShapeError(
      '.payload',
      'parsing PactRPC failed, expected an object with key "exec" or "cont"',
    );
  }
  const nonce = expectString(field(object, 'nonce', ''), '.nonce');
  const metaObject = expectObject(field(object, 'meta', ''), '.meta', 'PublicMeta');
  const meta: PactPublicMeta = {
    chainId: expectString(field(metaObject, 'chainId', '.meta'), '.meta.chainId'),
    sender: expectString(field(metaObject, 'sender', '.meta'), '.meta.sender'),
    gasLimit: expectNumber(field(metaObject, 'gasLimit', '.meta'), '.meta.gasLimit'),
    gasPrice: expectNumber(field(metaObject, 'gasPrice', '.meta'), '.meta.gasPrice'),
    ttl: expectNumber(field(metaObject, 'ttl', '.meta'), '.meta.ttl'),
    creationTime: expectNumber(field(metaObject, 'creationTime', '.meta'), '.meta.creationTime'),
  };
  const signers = expectArray(field(object, 'signers', ''), '.signers').map((raw, i): PactSignerJson => {
    const path = `.signers[${i}]`;
    const signer = expectObject(raw, path, 'Signer');
    const pubKey = expectString(field(signer, 'pubKey', path), `${path}.pubKey`);
    const scheme = signer['scheme'] ?? undefined;
    if (scheme !== undefined && scheme !== 'ED25519' && scheme !== 'WebAuthn') {
      throw new JsonShapeError(`${path}.scheme`, `Invalid PPKScheme: ${JSON.stringify(scheme)}`);
    }
    const addr = signer['addr'] ?? undefined;
    const clistRaw = signer['clist'] ?? undefined;
    const clist =
      clistRaw === undefined
        ? undefined
        : expectArray(clistRaw, `${path}.clist`).map((cap, j) => {
            const capPath = `${path}.clist[${j}]`;
            const capObject = expectObject(cap, capPath, 'SigCapability');
            return {
              name: expectString(field(capObject, 'name', capPath), `${capPath}.name`),
              args: expectArray(field(capObject, 'args', capPath), `${capPath}.args`),
            };
          });
    return {
      pubKey,
      ...(scheme !== undefined ? { scheme } : {}),
      ...(addr !== undefined ? { addr: expectString(addr, `${path}.addr`) } : {}),
      ...(clist !== undefined ? { clist } : {}),
    };
  });
  const networkIdRaw = object['networkId'] ?? null;
  const networkId = networkIdRaw === null ? null : expectString(networkIdRaw, '.networkId');
  return { rpc, nonce, meta, signers, networkId };
}

/** The bytes chainweb stores for a transaction in a block payload. */
export function transactionBytes(command: PactCommand): Buffer {
  return Buffer.from(
    JSON.stringify({ hash: command.hash, sigs: command.sigs.map((s) => ({ sig: s.sig })), cmd: command.cmd }),
  );
}

export function withPayload(command: PactCommand): ParsedPactCommand {
  return { ...command, payload: parsePactPayload(command.cmd), transaction: transactionBytes(command) };
}

/** pact-5 `verifyHash`: the hash must be BLAKE2b-256 of the cmd text. */
export function hasValidHash(command: PactCommand): boolean {
  return computeRequestKey(command.cmd) === command.hash;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PUBLIC_KEY_CACHE_SIZE = 4096;
const publicKeys = new Map<string, KeyObject>();

/** Importing a key costs more than verifying with it: the signers' keys repeat, so keep them. */
function ed25519PublicKey(hex: string): KeyObject {
  const key = hex.toLowerCase();
  let found = publicKeys.get(key);
  if (found === undefined) {
    found = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(key, 'hex')]),
      format: 'der',
      type: 'spki',
    });
    if (publicKeys.size >= PUBLIC_KEY_CACHE_SIZE) publicKeys.delete(publicKeys.keys().next().value as string);
    publicKeys.set(key, found);
  }
  return found;
}

/**
 * chainweb's displayAssertValidateSigsError text for the first problem of the signatures, or
 * undefined when every signer's signature verifies over the 32 hash bytes.
 */
export function signatureProblem(
  command: PactCommand,
  signers: readonly PactSignerJson[],
): string | undefined {
  if (signers.length !== command.sigs.length) {
    return `The number of signers and signatures do not match. Number of signers: ${signers.length}. Number of signatures: ${command.sigs.length}.`;
  }
  const message = fromBase64Url(command.hash, 'hash');
  for (let position = 0; position < signers.length; position++) {
    const problem = ed25519Problem(message, command.sigs[position]!.sig, signers[position]!);
    if (problem !== undefined) return `The signature at position ${position} is invalid: ${problem}.`;
  }
  return undefined;
}

function ed25519Problem(message: Buffer, sig: string, signer: PactSignerJson): string | undefined {
  if ((signer.scheme ?? 'ED25519') !== 'ED25519') {
    return 'WebAuthn signatures are not verified by the devnet';
  }
  if (signer.addr !== undefined && signer.addr !== signer.pubKey) return 'address does not match pubkey';
  if (!/^[0-9a-fA-F]{64}$/.test(signer.pubKey)) {
    return `failed to parse ed25519 pubkey: Invalid ED25519 Public Key: ${JSON.stringify(signer.pubKey)}`;
  }
  if (!/^[0-9a-fA-F]{128}$/.test(sig))
    return 'failed to parse ed25519 signature: invalid signature length or encoding';
  try {
    return verifySignature(null, message, ed25519PublicKey(signer.pubKey), Buffer.from(sig, 'hex'))
      ? undefined
      : 'invalid ed25519 signature';
  } catch {
    return `failed to parse ed25519 pubkey: Invalid ED25519 Public Key: ${JSON.stringify(signer.pubKey)}`;
  }
}
