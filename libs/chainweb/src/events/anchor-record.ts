import { hashFromBase64Url, toBase64Url } from '../base64url';
import { ChainwebError, invalidInput } from '../errors';
import { assertHash } from '../merkle/merkle-log';
import { checkLeafCount } from './event-inclusion';
import { identifierBytes, MAX_TENANT_ID_BYTES } from './event-leaf';

/**
 * The anchor record: what `spv-anchor.record-batch` returns as its Pact result, so it sits in the
 * anchoring transaction's output at `result.data` (see chainweb-api.md, "The anchor record"):
 *   {"tenant-id": …, "batch-id": …, "root": <base64url>, "leaf-count": <integer>, "hash-algorithm": "SHA512t_256"}
 */

export const ANCHOR_HASH_ALGORITHM = 'SHA512t_256';
export const MAX_BATCH_ID_BYTES = 256;

export interface AnchorRecord {
  readonly tenantId: string;
  readonly batchId: string;
  /** The batch's Merkle root. */
  readonly root: Buffer;
  readonly leafCount: number;
}

/** The record as the contract returns it (the keys in this order); also the record-batch arguments. */
export interface AnchorRecordJson {
  readonly 'tenant-id': string;
  readonly 'batch-id': string;
  readonly root: string;
  readonly 'leaf-count': number;
  readonly 'hash-algorithm': typeof ANCHOR_HASH_ALGORITHM;
}

export function checkAnchorRecord(record: AnchorRecord): void {
  if (typeof record !== 'object' || record === null) throw invalidInput('anchor record: expected an object');
  identifierBytes(record.tenantId, 'tenant id', 1, MAX_TENANT_ID_BYTES);
  identifierBytes(record.batchId, 'batch id', 1, MAX_BATCH_ID_BYTES);
  assertHash(record.root, 'batch root');
  checkLeafCount(record.leafCount);
}

export function anchorRecordToJson(record: AnchorRecord): AnchorRecordJson {
  checkAnchorRecord(record);
  return {
    'tenant-id': record.tenantId,
    'batch-id': record.batchId,
    root: toBase64Url(record.root),
    'leaf-count': record.leafCount,
    'hash-algorithm': ANCHOR_HASH_ALGORITHM,
  };
}

/**
 * Reads an anchor record from a Pact value (`result.data`). The leaf count may be a JSON number or
 * Pact's `{"int": n}` (n a number or a decimal string). Extra keys are ignored, so a later contract
 * version may add fields. Throws bad_encoding when the value is not an anchor record.
 */
export function parseAnchorRecord(data: unknown): AnchorRecord {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw badRecord('expected a JSON object');
  const json = data as Record<string, unknown>;
  const tenantId = json['tenant-id'];
  const batchId = json['batch-id'];
  const root = json['root'];
  if (typeof tenantId !== 'string' || typeof batchId !== 'string')
    throw badRecord('tenant-id and batch-id must be strings');
  if (typeof root !== 'string') throw badRecord('root must be a base64url string');
  if (json['hash-algorithm'] !== ANCHOR_HASH_ALGORITHM) {
    throw new ChainwebError(
      'unsupported_algorithm',
      `anchor record: hash-algorithm must be ${ANCHOR_HASH_ALGORITHM}`,
    );
  }
  const leafCount = pactInteger(json['leaf-count']);
  if (leafCount === undefined) throw badRecord('leaf-count must be an integer');
  const rootBytes = hashFromBase64Url(root, 'anchor record root');
  // We always record the canonical unpadded form; accepting others would give one root two spellings.
  if (toBase64Url(rootBytes) !== root) throw badRecord('root must be canonical unpadded base64url');
  const record: AnchorRecord = { tenantId, batchId, root: rootBytes, leafCount };
  try {
    checkAnchorRecord(record);
  } catch (error) {
    throw badRecord((error as Error).message);
  }
  return record;
}

export function sameAnchorRecord(a: AnchorRecord, b: AnchorRecord): boolean {
  return (
    a.tenantId === b.tenantId &&
    a.batchId === b.batchId &&
    a.root.equals(b.root) &&
    a.leafCount === b.leafCount
  );
}

/** Pact integers appear in output JSON as plain numbers or as {"int": n}. */
function pactInteger(value: unknown): number | undefined {
  const raw =
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
      ? (value as { int?: unknown }).int
      : value;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^(0|[1-9]\d{0,15})$/.test(raw) && Number.isSafeInteger(Number(raw)))
    return Number(raw);
  return undefined;
}

function badRecord(message: string): ChainwebError {
  return new ChainwebError('bad_encoding', `anchor record: ${message}`);
}
