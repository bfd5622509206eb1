import { hashFromBase64Url, toBase64Url } from '../base64url';
import { ChainwebError, invalidInput } from '../errors';
import type { ChainwebVersion } from '../version/chainweb-version';
import { chainIdHashMapOrder } from '../version/chain-id-order';
import { findKnownChainwebVersion } from '../version/known-versions';
import { type AdjacentHash, type BlockHeader, checkBlockHeaderShape, U64_MAX } from './block-header';
import { computeBlockHash } from './block-header-merkle';
import { parseJsonWithBigInts } from './json-with-bigints';

/**
 * chainweb-node's object encoding of a header (`Accept: application/json;blockheader-encoding=object`,
 * blockHeaderProperties), in the node's key order. `featureFlags` is a bare JSON number that can
 * exceed 2^53: here it is a number when safe and a bigint otherwise (encodeBlockHeaderObjectJson
 * writes the exact digits).
 */
export interface BlockHeaderObjectJson {
  nonce: string;
  creationTime: number;
  parent: string;
  adjacents: Record<string, string>;
  target: string;
  payloadHash: string;
  chainId: number;
  weight: string;
  height: number;
  chainwebVersion: string;
  epochStart: number;
  featureFlags: number | bigint;
  hash: string;
}

/**
 * Which JSON labels name which bytes. Current nodes: `featureFlags` = the first 8 bytes, `nonce` =
 * the 8 bytes before the hash. Nodes of 2019–March 2020 used the opposite labels.
 */
export type HeaderJsonLabels = 'current' | 'legacy';

export interface BlockHeaderJsonOptions {
  /** The version whose name the JSON carries, when it is not a built-in one. */
  readonly version?: ChainwebVersion;
  /** 'auto' (default) picks the labelling under which the header's own hash verifies. */
  readonly labels?: HeaderJsonLabels | 'auto';
}

function bad(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', `block header JSON: ${message}`);
}

function u64Field(value: unknown, name: string): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'string' && /^(0|[1-9]\d*)$/.test(value)) n = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    // JSON.parse has already rounded anything above 2^53: refuse rather than hash a wrong value.
    if (!Number.isSafeInteger(value))
      throw bad(`${name} ${value} lost precision in JSON.parse; pass the JSON text`);
    n = BigInt(value);
  } else throw bad(`${name} is not a u64`);
  if (n > U64_MAX) throw bad(`${name} exceeds 2^64 − 1`);
  return n;
}

function timeField(value: unknown, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw bad(`${name} is not an integer number of microseconds`);
}

function intField(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max)
    throw bad(`${name} is not a valid integer`);
  return value;
}

function hashField(value: unknown, name: string): Buffer {
  if (typeof value !== 'string') throw bad(`${name} is not a base64url string`);
  return hashFromBase64Url(value, `block header JSON ${name}`);
}

function adjacentsField(value: unknown): AdjacentHash[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw bad('adjacents is not an object');
  const adjacents = Object.entries(value as Record<string, unknown>).map(([key, hash]) => {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) > 0xffffffff)
      throw bad(`adjacent key ${JSON.stringify(key)} is not a chain id`);
    return { chainId: Number(key), hash: hashField(hash, `adjacents.${key}`) };
  });
  return adjacents.sort((a, b) => a.chainId - b.chainId);
}

/**
 * Parses the object JSON of a header (a parsed object, or the JSON text, which keeps `featureFlags`
 * exact beyond 2^53). Old nodes swapped the `nonce`/`featureFlags` labels; by default the labelling
 * under which the header's hash verifies wins, and a header whose hash verifies under neither is
 * read with the current labels (validation then reports IncorrectHash).
 */
export function blockHeaderFromObjectJson(json: unknown, options: BlockHeaderJsonOptions = {}): BlockHeader {
  const value = typeof json === 'string' ? parseJsonWithBigInts(json) : json;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('expected an object');
  const o = value as Record<string, unknown>;
  const versionName = o['chainwebVersion'];
  if (typeof versionName !== 'string') throw bad('chainwebVersion is missing');
  const version = options.version ?? findKnownChainwebVersion(versionName);
  if (version === undefined)
    throw new ChainwebError('unknown_version', `unknown chainweb version ${JSON.stringify(versionName)}`);
  if (version.name !== versionName)
    throw new ChainwebError('unknown_version', `JSON names version ${versionName}, expected ${version.name}`);

  const first8 = u64Field(o['featureFlags'], 'featureFlags');
  const last8 = u64Field(o['nonce'], 'nonce');
  const common = {
    creationTime: timeField(o['creationTime'], 'creationTime'),
    parent: hashField(o['parent'], 'parent'),
    adjacents: adjacentsField(o['adjacents']),
    target: hashField(o['target'], 'target'),
    payloadHash: hashField(o['payloadHash'], 'payloadHash'),
    chainId: intField(o['chainId'], 'chainId', 0xffffffff),
    weight: hashField(o['weight'], 'weight'),
    height: intField(o['height'], 'height', Number.MAX_SAFE_INTEGER),
    versionCode: version.code,
    epochStart: timeField(o['epochStart'], 'epochStart'),
    hash: hashField(o['hash'], 'hash'),
  };
  const current: BlockHeader = { ...common, featureFlags: first8, nonce: last8 };
  const legacy: BlockHeader = { ...common, featureFlags: last8, nonce: first8 };
  checkBlockHeaderShape(current);

  const labels = options.labels ?? 'auto';
  if (labels === 'current') return current;
  if (labels === 'legacy') return legacy;
  if (labels !== 'auto') throw invalidInput(`unknown JSON labels ${String(labels)}`);
  if (first8 === last8 || computeBlockHash(current).equals(current.hash)) return current;
  return computeBlockHash(legacy).equals(legacy.hash) ? legacy : current;
}

/** The object JSON chainweb-node serves for a header, as a JavaScript object (see encodeBlockHeaderObjectJson for text). */
export function blockHeaderToObjectJson(
  header: BlockHeader,
  version: string | ChainwebVersion,
): BlockHeaderObjectJson {
  checkBlockHeaderShape(header);
  const name = typeof version === 'string' ? version : version.name;
  if (typeof name !== 'string' || name.length === 0)
    throw invalidInput('block header JSON: version name missing');
  const toNumber = (v: bigint, what: string): number => {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw invalidInput(`block header JSON: ${what} ${v} does not fit a JSON number exactly`);
    }
    return Number(v);
  };
  const adjacents: Record<string, string> = {};
  for (const adjacent of header.adjacents) adjacents[String(adjacent.chainId)] = toBase64Url(adjacent.hash);
  return {
    nonce: header.nonce.toString(),
    creationTime: toNumber(header.creationTime, 'creationTime'),
    parent: toBase64Url(header.parent),
    adjacents,
    target: toBase64Url(header.target),
    payloadHash: toBase64Url(header.payloadHash),
    chainId: header.chainId,
    weight: toBase64Url(header.weight),
    height: header.height,
    chainwebVersion: name,
    epochStart: toNumber(header.epochStart, 'epochStart'),
    featureFlags:
      header.featureFlags <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(header.featureFlags)
        : header.featureFlags,
    hash: toBase64Url(header.hash),
  };
}

/**
 * The object JSON as compact text, byte-compatible with current nodes: integers written exactly
 * (`featureFlags` beyond 2^53 included), adjacents in the node's HashMap key order (a JavaScript
 * object always lists integer-like keys ascending, so the text is written by hand).
 */
export function encodeBlockHeaderObjectJson(header: BlockHeader, version: string | ChainwebVersion): string {
  checkBlockHeaderShape(header);
  const name = typeof version === 'string' ? version : version.name;
  if (typeof name !== 'string' || name.length === 0)
    throw invalidInput('block header JSON: version name missing');
  const byChain = new Map(header.adjacents.map((a) => [a.chainId, a.hash] as const));
  const adjacents = chainIdHashMapOrder([...byChain.keys()])
    .map((chainId) => `"${chainId}":"${toBase64Url(byChain.get(chainId) as Buffer)}"`)
    .join(',');
  const hash = (value: Buffer): string => `"${toBase64Url(value)}"`;
  return (
    `{"nonce":"${header.nonce}","creationTime":${header.creationTime},"parent":${hash(header.parent)},` +
    `"adjacents":{${adjacents}},"target":${hash(header.target)},"payloadHash":${hash(header.payloadHash)},` +
    `"chainId":${header.chainId},"weight":${hash(header.weight)},"height":${header.height},` +
    `"chainwebVersion":${JSON.stringify(name)},"epochStart":${header.epochStart},` +
    `"featureFlags":${header.featureFlags},"hash":${hash(header.hash)}}`
  );
}
