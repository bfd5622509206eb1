import type { ContractFunctionEffect, EffectContext } from './contract-effect';
import {
  HASH_ALGORITHM,
  MAX_LOG_SIZE,
  OPERATOR_KEYSET_SUFFIX,
  asInteger,
  asString,
  pactFormat,
  validId,
  validRoot,
} from './contract-rules';
import { identifierRuleEffects } from './identifier-rules.effects';
import { enforce } from './pact-failure';
import type { PactObject, PactValue } from './pact-value';

/** Declared effects of contracts/provenance-log/provenance-log.pact, function by function, in source order. */
const MODULE = 'provenance-log' as const;
const CHECKPOINTS = 'checkpoints';
const HEADS = 'heads';

export function checkpointKey(logId: string, size: bigint): string {
  return pactFormat('{}/{}', [logId, size]);
}

/** The checkpoint record (chainweb-api.md "The anchor record"). */
export function checkpointRecordOf(logId: string, size: bigint, root: string): PactObject {
  return Object.freeze({ 'log-id': logId, size, root, 'hash-algorithm': HASH_ALGORITHM });
}

function headSize(ctx: EffectContext, logId: string): bigint {
  const size = ctx.state.read(MODULE, HEADS, logId)?.['size'];
  return typeof size === 'bigint' ? size : 0n;
}

const str = (args: readonly PactValue[], i: number): string => asString(args[i]);
const int = (args: readonly PactValue[], i: number): bigint => asInteger(args[i]);

export const PROVENANCE_LOG_EFFECTS: readonly ContractFunctionEffect[] = [
  ...identifierRuleEffects(MODULE),
  {
    module: MODULE,
    name: 'checkpoint-key',
    params: [
      { name: 'log-id', type: 'string' },
      { name: 'size', type: 'integer' },
    ],
    returnType: 'string',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The row key "<log-id>/<size>".',
    apply: (_ctx, args) => checkpointKey(str(args, 0), int(args, 1)),
  },
  {
    module: MODULE,
    name: 'checkpoint-record-of',
    params: [
      { name: 'log-id', type: 'string' },
      { name: 'size', type: 'integer' },
      { name: 'root', type: 'string' },
    ],
    returnType: 'object{checkpoint-record}',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The checkpoint record object for these values.',
    apply: (_ctx, args) => checkpointRecordOf(str(args, 0), int(args, 1), str(args, 2)),
  },
  {
    module: MODULE,
    name: 'record-checkpoint',
    params: [
      { name: 'log-id', type: 'string' },
      { name: 'size', type: 'integer' },
      { name: 'root', type: 'string' },
    ],
    returnType: 'object{checkpoint-record}',
    kind: 'transaction',
    capabilities: ['OPERATOR'],
    events: ['CHECKPOINT-RECORDED'],
    writes: [CHECKPOINTS, HEADS],
    summary:
      'Operator only. Validates log id, size (1..2^53-1) and root; the size must exceed the head size ("Log size must grow: l is at size n"). Inserts the checkpoint row, writes the head, emits CHECKPOINT-RECORDED [log-id size root], returns the checkpoint record.',
    apply: (ctx, args) => {
      const [logId, size, root] = [str(args, 0), int(args, 1), str(args, 2)];
      ctx.acquireKeysetCapability(MODULE, 'OPERATOR', OPERATOR_KEYSET_SUFFIX);
      enforce(validId(logId), 'Invalid log id');
      enforce(size > 0n && size <= MAX_LOG_SIZE, 'Invalid log size');
      enforce(validRoot(root), 'Invalid root: expected 43 characters of unpadded base64url (32 bytes)');
      const previousSize = headSize(ctx, logId);
      enforce(size > previousSize, pactFormat('Log size must grow: {} is at size {}', [logId, previousSize]));
      ctx.state.insert(MODULE, CHECKPOINTS, checkpointKey(logId, size), {
        'log-id': logId,
        size,
        root,
        'hash-algorithm': HASH_ALGORITHM,
        'recorded-at': ctx.env.blockTime,
        'block-height': ctx.env.blockHeight,
      });
      ctx.state.write(MODULE, HEADS, logId, { 'log-id': logId, size, root });
      ctx.emit(MODULE, 'CHECKPOINT-RECORDED', [logId, size, root]);
      return checkpointRecordOf(logId, size, root);
    },
  },
  {
    module: MODULE,
    name: 'log-exists',
    params: [{ name: 'log-id', type: 'string' }],
    returnType: 'bool',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'True when the log has a checkpoint.',
    apply: (ctx, args) => headSize(ctx, str(args, 0)) > 0n,
  },
  {
    module: MODULE,
    name: 'get-head',
    params: [{ name: 'log-id', type: 'string' }],
    returnType: 'object{log-head}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The latest checkpoint {log-id, size, root}; fails "Log not found: l".',
    apply: (ctx, args) => {
      const logId = str(args, 0);
      enforce(headSize(ctx, logId) > 0n, pactFormat('Log not found: {}', [logId]));
      return ctx.state.read(MODULE, HEADS, logId)!;
    },
  },
  {
    module: MODULE,
    name: 'get-checkpoint',
    params: [
      { name: 'log-id', type: 'string' },
      { name: 'size', type: 'integer' },
    ],
    returnType: 'object{checkpoint}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary:
      'The checkpoint row at a size (with recorded-at and block-height); fails "Checkpoint not found: l/n".',
    apply: (ctx, args) => {
      const key = checkpointKey(str(args, 0), int(args, 1));
      const row = ctx.state.read(MODULE, CHECKPOINTS, key);
      enforce((row?.['root'] ?? '') !== '', pactFormat('Checkpoint not found: {}', [key]));
      return row!;
    },
  },
  {
    module: MODULE,
    name: 'list-checkpoints',
    params: [{ name: 'log-id', type: 'string' }],
    returnType: '[object{checkpoint}]',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    scansTable: true,
    summary: 'Every checkpoint row of a log by ascending size (select: scans the table; meant for /local).',
    apply: (ctx, args) => {
      const logId = str(args, 0);
      return ctx.state
        .rows(MODULE, CHECKPOINTS)
        .map(([, row]) => row)
        .filter((row) => row['log-id'] === logId)
        .sort((a, b) => {
          const x = asInteger(a['size']);
          const y = asInteger(b['size']);
          return x < y ? -1 : x > y ? 1 : 0;
        });
    },
  },
];
