import type { ContractFunctionEffect, EffectContext } from './contract-effect';
import {
  HASH_ALGORITHM,
  MAX_LEAF_COUNT,
  OPERATOR_KEYSET_SUFFIX,
  asInteger,
  asString,
  compareRowKeys,
  pactFormat,
  validId,
  validRoot,
} from './contract-rules';
import { identifierRuleEffects } from './identifier-rules.effects';
import { enforce } from './pact-failure';
import type { PactObject, PactValue } from './pact-value';

/** Declared effects of contracts/spv-anchor/spv-anchor.pact, function by function, in source order. */
const MODULE = 'spv-anchor' as const;
const BATCHES = 'batches';

export function batchKey(tenantId: string, batchId: string): string {
  return pactFormat('{}/{}', [tenantId, batchId]);
}

/** The anchor record (chainweb-api.md "The anchor record"). */
export function anchorRecordOf(
  tenantId: string,
  batchId: string,
  root: string,
  leafCount: bigint,
): PactObject {
  return Object.freeze({
    'tenant-id': tenantId,
    'batch-id': batchId,
    root,
    'leaf-count': leafCount,
    'hash-algorithm': HASH_ALGORITHM,
  });
}

function batchExists(ctx: EffectContext, tenantId: string, batchId: string): boolean {
  const row = ctx.state.read(MODULE, BATCHES, batchKey(tenantId, batchId));
  return row !== undefined && row['root'] !== '';
}

function getBatch(ctx: EffectContext, tenantId: string, batchId: string): PactObject {
  const key = batchKey(tenantId, batchId);
  enforce(batchExists(ctx, tenantId, batchId), pactFormat('Batch not found: {}', [key]));
  return ctx.state.read(MODULE, BATCHES, key)!;
}

const str = (args: readonly PactValue[], i: number): string => asString(args[i]);
const int = (args: readonly PactValue[], i: number): bigint => asInteger(args[i]);

export const SPV_ANCHOR_EFFECTS: readonly ContractFunctionEffect[] = [
  ...identifierRuleEffects(MODULE),
  {
    module: MODULE,
    name: 'batch-key',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'string',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The row key "<tenant-id>/<batch-id>".',
    apply: (_ctx, args) => batchKey(str(args, 0), str(args, 1)),
  },
  {
    module: MODULE,
    name: 'anchor-record-of',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
      { name: 'root', type: 'string' },
      { name: 'leaf-count', type: 'integer' },
    ],
    returnType: 'object{anchor-record}',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The anchor record object for these values.',
    apply: (_ctx, args) => anchorRecordOf(str(args, 0), str(args, 1), str(args, 2), int(args, 3)),
  },
  {
    module: MODULE,
    name: 'record-batch',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
      { name: 'root', type: 'string' },
      { name: 'leaf-count', type: 'integer' },
      { name: 'hash-algorithm', type: 'string' },
    ],
    returnType: 'object{anchor-record}',
    kind: 'transaction',
    capabilities: ['OPERATOR'],
    events: ['BATCH-ANCHORED'],
    writes: [BATCHES],
    summary:
      'Operator only. Validates ids, root, leaf count (1..2^32) and algorithm (SHA512t_256); a second call for the same (tenant, batch) fails "Batch already anchored: t/b". Inserts the batch row (with block time and height), emits BATCH-ANCHORED [tenant-id batch-id root leaf-count], returns the anchor record.',
    apply: (ctx, args) => {
      const [tenantId, batchId, root, leafCount, hashAlgorithm] = [
        str(args, 0),
        str(args, 1),
        str(args, 2),
        int(args, 3),
        str(args, 4),
      ];
      ctx.acquireKeysetCapability(MODULE, 'OPERATOR', OPERATOR_KEYSET_SUFFIX);
      enforce(validId(tenantId), 'Invalid tenant id');
      enforce(validId(batchId), 'Invalid batch id');
      enforce(validRoot(root), 'Invalid root: expected 43 characters of unpadded base64url (32 bytes)');
      enforce(leafCount > 0n && leafCount <= MAX_LEAF_COUNT, 'Invalid leaf count');
      enforce(hashAlgorithm === HASH_ALGORITHM, 'Unsupported hash algorithm');
      const key = batchKey(tenantId, batchId);
      const existingRoot = ctx.state.read(MODULE, BATCHES, key)?.['root'] ?? '';
      enforce(existingRoot === '', pactFormat('Batch already anchored: {}', [key]));
      ctx.state.insert(MODULE, BATCHES, key, {
        'tenant-id': tenantId,
        'batch-id': batchId,
        root,
        'leaf-count': leafCount,
        'hash-algorithm': HASH_ALGORITHM,
        'anchored-at': ctx.env.blockTime,
        'block-height': ctx.env.blockHeight,
      });
      ctx.emit(MODULE, 'BATCH-ANCHORED', [tenantId, batchId, root, leafCount]);
      return anchorRecordOf(tenantId, batchId, root, leafCount);
    },
  },
  {
    module: MODULE,
    name: 'batch-exists',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'bool',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'True when the batch has been recorded.',
    apply: (ctx, args) => batchExists(ctx, str(args, 0), str(args, 1)),
  },
  {
    module: MODULE,
    name: 'get-batch',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'object{batch}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The batch row (anchor fields + anchored-at + block-height); fails "Batch not found: t/b".',
    apply: (ctx, args) => getBatch(ctx, str(args, 0), str(args, 1)),
  },
  {
    module: MODULE,
    name: 'get-anchor-record',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'object{anchor-record}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary:
      'The anchor record of a recorded batch (equal to what record-batch returned); fails "Batch not found: t/b".',
    apply: (ctx, args) => {
      const [tenantId, batchId] = [str(args, 0), str(args, 1)];
      const row = getBatch(ctx, tenantId, batchId);
      return anchorRecordOf(tenantId, batchId, asString(row['root']), asInteger(row['leaf-count']));
    },
  },
  {
    module: MODULE,
    name: 'list-batches',
    params: [{ name: 'tenant-id', type: 'string' }],
    returnType: '[object{batch}]',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    scansTable: true,
    summary: 'Every batch row of a tenant, in row-key order (select: scans the table; meant for /local).',
    apply: (ctx, args) => {
      const tenantId = str(args, 0);
      return ctx.state
        .rows(MODULE, BATCHES)
        .filter(([, row]) => row['tenant-id'] === tenantId)
        .sort(([a], [b]) => compareRowKeys(a, b))
        .map(([, row]) => row);
    },
  },
];
