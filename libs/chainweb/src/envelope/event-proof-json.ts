import { fromBase64Url, hashFromBase64Url, toBase64Url } from '../base64url';
import { ChainwebError } from '../errors';
import { MerkleProofObject } from '../merkle/merkle-proof';
import {
  ANCHOR_HASH_ALGORITHM,
  checkAnchoredEventProof,
  checkEventInclusionProof,
  isEventDigestAlgorithm,
  type AnchoredEventProof,
  type EventInclusionProof,
  type EventRef,
} from '../events';
import { encodeSpvProofJson, parseSpvProof } from '../spv';

/**
 * JSON forms of the event proofs we issue (documented in libs/chainweb/README.md, "Event batches").
 * Compact, keys in the order below, binary values in unpadded base64url:
 *
 * {"type":"spv-cloud/anchored-event-proof","version":1,
 *  "event":{"tenantId":"…","namespace":"…","index":5,"digestAlgorithm":"sha256","digest":"<b64url>"},
 *  "batch":{"id":"…","root":"<b64url>","leafCount":2048,"hashAlgorithm":"SHA512t_256"},
 *  "inclusion":"<b64url merkle-log proof object>",
 *  "anchor":{"chain":0,"object":"…","subject":{"input":"…"},"algorithm":"SHA512t_256"}}
 *
 * `anchor` is the TXOUT proof of the anchoring transaction in chainweb-node's exact proof JSON.
 * The unanchored form, "spv-cloud/event-proof", has no batch id and no anchor. Parsing is strict:
 * every key required, no other key, each value of its exact type.
 */

export const ANCHORED_EVENT_PROOF_TYPE = 'spv-cloud/anchored-event-proof';
export const EVENT_PROOF_TYPE = 'spv-cloud/event-proof';
export const EVENT_PROOF_JSON_VERSION = 1;

export interface EventRefJson {
  readonly tenantId: string;
  readonly namespace: string;
  readonly index: number;
  readonly digestAlgorithm: string;
  readonly digest: string;
}

export interface SpvProofJson {
  readonly chain: number;
  readonly object: string;
  readonly subject: { readonly input: string } | { readonly tree: string };
  readonly algorithm: string;
}

export interface EventProofJson {
  readonly type: typeof EVENT_PROOF_TYPE;
  readonly version: typeof EVENT_PROOF_JSON_VERSION;
  readonly event: EventRefJson;
  readonly batch: { readonly root: string; readonly leafCount: number; readonly hashAlgorithm: string };
  readonly inclusion: string;
}

export interface AnchoredEventProofJson {
  readonly type: typeof ANCHORED_EVENT_PROOF_TYPE;
  readonly version: typeof EVENT_PROOF_JSON_VERSION;
  readonly event: EventRefJson;
  readonly batch: {
    readonly id: string;
    readonly root: string;
    readonly leafCount: number;
    readonly hashAlgorithm: string;
  };
  readonly inclusion: string;
  readonly anchor: SpvProofJson;
}

export function eventProofToJson(proof: EventInclusionProof): EventProofJson {
  checkEventInclusionProof(proof);
  return {
    type: EVENT_PROOF_TYPE,
    version: EVENT_PROOF_JSON_VERSION,
    event: eventToJson(proof.event),
    batch: {
      root: toBase64Url(proof.batch.root),
      leafCount: proof.batch.leafCount,
      hashAlgorithm: ANCHOR_HASH_ALGORITHM,
    },
    inclusion: toBase64Url(proof.inclusion.encode()),
  };
}

export function anchoredEventProofToJson(proof: AnchoredEventProof): AnchoredEventProofJson {
  checkAnchoredEventProof(proof);
  return {
    type: ANCHORED_EVENT_PROOF_TYPE,
    version: EVENT_PROOF_JSON_VERSION,
    event: eventToJson(proof.event),
    batch: {
      id: proof.batch.id,
      root: toBase64Url(proof.batch.root),
      leafCount: proof.batch.leafCount,
      hashAlgorithm: ANCHOR_HASH_ALGORITHM,
    },
    inclusion: toBase64Url(proof.inclusion.encode()),
    anchor: JSON.parse(encodeSpvProofJson(proof.anchor)) as SpvProofJson,
  };
}

export function encodeEventProofJson(proof: EventInclusionProof): string {
  return JSON.stringify(eventProofToJson(proof));
}

export function encodeAnchoredEventProofJson(proof: AnchoredEventProof): string {
  return JSON.stringify(anchoredEventProofToJson(proof));
}

/** Reads the unanchored event proof JSON (text or parsed object). */
export function parseEventProofJson(input: string | object): EventInclusionProof {
  const json = jsonObject(input);
  checkHeader(json, EVENT_PROOF_TYPE);
  exactKeys(json, ['type', 'version', 'event', 'batch', 'inclusion'], 'event proof');
  const batch = objectField(json, 'batch', 'event proof');
  exactKeys(batch, ['root', 'leafCount', 'hashAlgorithm'], 'event proof batch');
  checkTreeAlgorithm(batch['hashAlgorithm']);
  const proof: EventInclusionProof = {
    event: eventFromJson(objectField(json, 'event', 'event proof')),
    batch: { root: rootField(batch['root']), leafCount: integerField(batch['leafCount'], 'batch leafCount') },
    inclusion: inclusionField(json['inclusion']),
  };
  return checked(() => checkEventInclusionProof(proof), proof);
}

/** Reads the anchored event proof JSON (text or parsed object). */
export function parseAnchoredEventProofJson(input: string | object): AnchoredEventProof {
  const json = jsonObject(input);
  checkHeader(json, ANCHORED_EVENT_PROOF_TYPE);
  exactKeys(json, ['type', 'version', 'event', 'batch', 'inclusion', 'anchor'], 'anchored event proof');
  const batch = objectField(json, 'batch', 'anchored event proof');
  exactKeys(batch, ['id', 'root', 'leafCount', 'hashAlgorithm'], 'anchored event proof batch');
  checkTreeAlgorithm(batch['hashAlgorithm']);
  if (typeof batch['id'] !== 'string') throw bad('batch id must be a string');
  const anchor = objectField(json, 'anchor', 'anchored event proof');
  const proof: AnchoredEventProof = {
    event: eventFromJson(objectField(json, 'event', 'anchored event proof')),
    batch: {
      id: batch['id'],
      root: rootField(batch['root']),
      leafCount: integerField(batch['leafCount'], 'batch leafCount'),
    },
    inclusion: inclusionField(json['inclusion']),
    anchor: parseSpvProof(anchor),
  };
  return checked(() => checkAnchoredEventProof(proof), proof);
}

/** The `type` of an event proof JSON object, if it is one of ours. */
export function eventProofJsonType(
  json: Record<string, unknown>,
): typeof EVENT_PROOF_TYPE | typeof ANCHORED_EVENT_PROOF_TYPE | undefined {
  const type = json['type'];
  return type === EVENT_PROOF_TYPE || type === ANCHORED_EVENT_PROOF_TYPE ? type : undefined;
}

function eventToJson(event: EventRef): EventRefJson {
  return {
    tenantId: event.tenantId,
    namespace: event.namespace,
    index: event.index,
    digestAlgorithm: event.digestAlgorithm,
    digest: toBase64Url(event.digest),
  };
}

function eventFromJson(json: Record<string, unknown>): EventRef {
  exactKeys(json, ['tenantId', 'namespace', 'index', 'digestAlgorithm', 'digest'], 'event');
  const { tenantId, namespace, digestAlgorithm, digest } = json;
  if (typeof tenantId !== 'string' || typeof namespace !== 'string')
    throw bad('event tenantId and namespace must be strings');
  if (typeof digestAlgorithm !== 'string') throw bad('event digestAlgorithm must be a string');
  if (!isEventDigestAlgorithm(digestAlgorithm)) {
    throw new ChainwebError(
      'unsupported_algorithm',
      `event digest algorithm ${JSON.stringify(digestAlgorithm)} is not supported`,
    );
  }
  if (typeof digest !== 'string') throw bad('event digest must be a base64url string');
  return {
    tenantId,
    namespace,
    digestAlgorithm,
    index: integerField(json['index'], 'event index'),
    digest: fromBase64Url(digest, 'event digest'),
  };
}

function checkHeader(json: Record<string, unknown>, type: string): void {
  if (json['type'] !== type)
    throw new ChainwebError('unknown_format', `expected a JSON object of type ${type}`);
  if (json['version'] !== EVENT_PROOF_JSON_VERSION) {
    throw new ChainwebError(
      'unsupported_version',
      `${type}: version ${JSON.stringify(json['version'])} is not supported`,
    );
  }
}

function checkTreeAlgorithm(value: unknown): void {
  if (value !== ANCHOR_HASH_ALGORITHM) {
    throw new ChainwebError('unsupported_algorithm', `batch hashAlgorithm must be ${ANCHOR_HASH_ALGORITHM}`);
  }
}

function rootField(value: unknown): Buffer {
  if (typeof value !== 'string') throw bad('batch root must be a base64url string');
  return hashFromBase64Url(value, 'batch root');
}

function inclusionField(value: unknown): MerkleProofObject {
  if (typeof value !== 'string') throw bad('inclusion must be a base64url string');
  return MerkleProofObject.decode(fromBase64Url(value, 'inclusion'));
}

function integerField(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw bad(`${what} must be a non-negative integer`);
  return value;
}

function jsonObject(input: string | object): Record<string, unknown> {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw bad('not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('expected a JSON object');
  return value as Record<string, unknown>;
}

function objectField(json: Record<string, unknown>, key: string, what: string): Record<string, unknown> {
  const value = json[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad(`${what}: ${key} must be an object`);
  return value as Record<string, unknown>;
}

function exactKeys(json: Record<string, unknown>, keys: readonly string[], what: string): void {
  for (const key of keys) if (!Object.hasOwn(json, key)) throw bad(`${what}: missing "${key}"`);
  const extra = Object.keys(json).filter((key) => !keys.includes(key));
  if (extra.length > 0) throw bad(`${what}: unexpected field(s) ${extra.join(', ')}`);
}

/** Structural checks after parsing report bad_encoding: the input, not the caller, is at fault. */
function checked<T>(check: () => void, value: T): T {
  try {
    check();
  } catch (error) {
    if (error instanceof ChainwebError && error.code === 'invalid_input') throw bad(error.message);
    throw error;
  }
  return value;
}

function bad(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', message);
}
