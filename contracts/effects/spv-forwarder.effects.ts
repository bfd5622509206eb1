import type { ContractFunctionEffect, EffectContext } from './contract-effect';
import {
  HASH_ALGORITHM,
  MAX_LEAF_COUNT,
  OPERATOR_KEYSET_SUFFIX,
  asInteger,
  asString,
  pactFormat,
  validChainId,
  validId,
  validRoot,
} from './contract-rules';
import { identifierRuleEffects } from './identifier-rules.effects';
import { PactFailure, enforce } from './pact-failure';
import {
  PactDecimal,
  PactTime,
  isPactObject,
  pactEquals,
  type PactObject,
  type PactValue,
} from './pact-value';

/** Declared effects of contracts/spv-forwarder/spv-forwarder.pact, function by function, in source order. */
const MODULE = 'spv-forwarder' as const;
const FORWARDS = 'forwards';

export const LOCK_SECONDS = PactDecimal.parse('3600.0');
export const FORWARD_STATUS = {
  prepared: 'prepared',
  committed: 'committed',
  cancelled: 'cancelled',
} as const;

export function forwardKey(tenantId: string, batchId: string): string {
  return pactFormat('{}/{}', [tenantId, batchId]);
}

function forwardRecordOf(
  ctx: EffectContext,
  tenantId: string,
  batchId: string,
  root: string,
  leafCount: bigint,
  sourceChain: string,
  status: string,
): PactObject {
  return Object.freeze({
    'tenant-id': tenantId,
    'batch-id': batchId,
    root,
    'leaf-count': leafCount,
    'source-chain': sourceChain,
    'target-chain': ctx.env.chainId,
    status,
  });
}

/** `(verify-spv "TXOUT" proof)` through the environment's SPV backend. */
function verifySpv(ctx: EffectContext, proof: PactObject): PactObject {
  const outcome = ctx.env.verifySpv
    ? ctx.env.verifySpv('TXOUT', proof)
    : { ok: false as const, message: 'SPV verification not supported' };
  if (!outcome.ok)
    throw new PactFailure({
      type: 'EvalError',
      message: `SPV verification failure: ${outcome.message}`,
      exact: false,
    });
  if (!isPactObject(outcome.data))
    throw new PactFailure({
      type: 'EvalError',
      message: 'SPV verification failure: result is not an object',
      exact: false,
    });
  return outcome.data;
}

/** `(and (contains field record) (= (at field record) expected))` */
function recordHas(record: PactObject, field: string, expected: PactValue): boolean {
  return Object.hasOwn(record, field) && pactEquals(record[field] as PactValue, expected);
}

const str = (args: readonly PactValue[], i: number): string => asString(args[i]);
const int = (args: readonly PactValue[], i: number): bigint => asInteger(args[i]);

function readForward(ctx: EffectContext, key: string): PactObject | undefined {
  return ctx.state.read(MODULE, FORWARDS, key);
}

/** The with-default-read of commit-forward and cancel-forward, with its defaults. */
function lockedForward(
  ctx: EffectContext,
  key: string,
): { status: string; root: string; leafCount: bigint; sourceChain: string; expiresAt: PactTime } {
  const row = readForward(ctx, key);
  if (!row)
    return { status: '', root: '', leafCount: 0n, sourceChain: '', expiresAt: PactTime.fromMicros(0n) };
  return {
    status: asString(row['status']),
    root: asString(row['root']),
    leafCount: asInteger(row['leaf-count']),
    sourceChain: asString(row['source-chain']),
    expiresAt: row['expires-at'] as PactTime,
  };
}

export const SPV_FORWARDER_EFFECTS: readonly ContractFunctionEffect[] = [
  ...identifierRuleEffects(MODULE),
  {
    module: MODULE,
    name: 'valid-chain-id',
    params: [{ name: 'chain-id', type: 'string' }],
    returnType: 'bool',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'True when chain-id is 1-4 decimal digits.',
    apply: (_ctx, args) => validChainId(str(args, 0)),
  },
  {
    module: MODULE,
    name: 'forward-key',
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
    apply: (_ctx, args) => forwardKey(str(args, 0), str(args, 1)),
  },
  {
    module: MODULE,
    name: 'forward-record-of',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
      { name: 'root', type: 'string' },
      { name: 'leaf-count', type: 'integer' },
      { name: 'source-chain', type: 'string' },
      { name: 'status', type: 'string' },
    ],
    returnType: 'object{forward-record}',
    kind: 'pure',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The forward record for these values, with target-chain = this chain.',
    apply: (ctx, args) =>
      forwardRecordOf(
        ctx,
        str(args, 0),
        str(args, 1),
        str(args, 2),
        int(args, 3),
        str(args, 4),
        str(args, 5),
      ),
  },
  {
    module: MODULE,
    name: 'prepare-forward',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
      { name: 'root', type: 'string' },
      { name: 'leaf-count', type: 'integer' },
      { name: 'source-chain', type: 'string' },
    ],
    returnType: 'object{forward-record}',
    kind: 'transaction',
    capabilities: ['OPERATOR'],
    events: ['FORWARD-PREPARED'],
    writes: [FORWARDS],
    summary:
      'Operator only. Validates ids, root, leaf count and source chain (digits, not this chain); fails "Forward already <status>: t/b" unless the forward is new or cancelled. Writes the row (status prepared, expires-at = block time + 3600 s), emits FORWARD-PREPARED [tenant-id batch-id root source-chain], returns the forward record.',
    apply: (ctx, args) => {
      const [tenantId, batchId, root, leafCount, sourceChain] = [
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
      enforce(validChainId(sourceChain), 'Invalid source chain');
      enforce(sourceChain !== ctx.env.chainId, 'Source chain must differ from this chain');
      const key = forwardKey(tenantId, batchId);
      const now = ctx.env.blockTime;
      const status = (readForward(ctx, key)?.['status'] as string | undefined) ?? '';
      enforce(
        status === '' || status === FORWARD_STATUS.cancelled,
        pactFormat('Forward already {}: {}', [status, key]),
      );
      ctx.state.write(MODULE, FORWARDS, key, {
        'tenant-id': tenantId,
        'batch-id': batchId,
        root,
        'leaf-count': leafCount,
        'source-chain': sourceChain,
        status: FORWARD_STATUS.prepared,
        'prepared-at': now,
        'expires-at': now.addSeconds(LOCK_SECONDS),
        'updated-at': now,
      });
      ctx.emit(MODULE, 'FORWARD-PREPARED', [tenantId, batchId, root, sourceChain]);
      return forwardRecordOf(ctx, tenantId, batchId, root, leafCount, sourceChain, FORWARD_STATUS.prepared);
    },
  },
  {
    module: MODULE,
    name: 'commit-forward',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
      { name: 'proof', type: 'object' },
    ],
    returnType: 'object{forward-record}',
    kind: 'transaction',
    capabilities: ['OPERATOR'],
    events: ['FORWARD-COMMITTED'],
    writes: [FORWARDS],
    summary:
      'Operator only. Needs a prepared, unexpired forward ("No forward prepared" / "Forward already <status>" / "Forward lock expired"). verify-spv "TXOUT" proof must return an anchor record equal to the lock (hash-algorithm, tenant-id, batch-id, root, leaf-count, checked in that order). Updates status to committed, emits FORWARD-COMMITTED [tenant-id batch-id root leaf-count source-chain], returns the forward record.',
    apply: (ctx, args) => {
      const [tenantId, batchId] = [str(args, 0), str(args, 1)];
      const proof = args[2] as PactObject;
      ctx.acquireKeysetCapability(MODULE, 'OPERATOR', OPERATOR_KEYSET_SUFFIX);
      const key = forwardKey(tenantId, batchId);
      const lock = lockedForward(ctx, key);
      enforce(lock.status !== '', pactFormat('No forward prepared: {}', [key]));
      enforce(
        lock.status === FORWARD_STATUS.prepared,
        pactFormat('Forward already {}: {}', [lock.status, key]),
      );
      enforce(ctx.env.blockTime.compare(lock.expiresAt) < 0, pactFormat('Forward lock expired: {}', [key]));
      const record = verifySpv(ctx, proof);
      enforce(
        recordHas(record, 'hash-algorithm', HASH_ALGORITHM),
        'Proven output is not a SHA512t_256 anchor record',
      );
      enforce(recordHas(record, 'tenant-id', tenantId), 'Proven anchor record has another tenant id');
      enforce(recordHas(record, 'batch-id', batchId), 'Proven anchor record has another batch id');
      enforce(recordHas(record, 'root', lock.root), 'Proven anchor record has another root');
      enforce(recordHas(record, 'leaf-count', lock.leafCount), 'Proven anchor record has another leaf count');
      ctx.state.update(MODULE, FORWARDS, key, {
        status: FORWARD_STATUS.committed,
        'updated-at': ctx.env.blockTime,
      });
      ctx.emit(MODULE, 'FORWARD-COMMITTED', [tenantId, batchId, lock.root, lock.leafCount, lock.sourceChain]);
      return forwardRecordOf(
        ctx,
        tenantId,
        batchId,
        lock.root,
        lock.leafCount,
        lock.sourceChain,
        FORWARD_STATUS.committed,
      );
    },
  },
  {
    module: MODULE,
    name: 'cancel-forward',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'object{forward-record}',
    kind: 'transaction',
    capabilities: ['OPERATOR'],
    events: ['FORWARD-CANCELLED'],
    writes: [FORWARDS],
    summary:
      'Operator only. Needs a prepared forward ("No forward prepared" / "Forward already <status>"). Updates status to cancelled, emits FORWARD-CANCELLED [tenant-id batch-id], returns the forward record.',
    apply: (ctx, args) => {
      const [tenantId, batchId] = [str(args, 0), str(args, 1)];
      ctx.acquireKeysetCapability(MODULE, 'OPERATOR', OPERATOR_KEYSET_SUFFIX);
      const key = forwardKey(tenantId, batchId);
      const lock = lockedForward(ctx, key);
      enforce(lock.status !== '', pactFormat('No forward prepared: {}', [key]));
      enforce(
        lock.status === FORWARD_STATUS.prepared,
        pactFormat('Forward already {}: {}', [lock.status, key]),
      );
      ctx.state.update(MODULE, FORWARDS, key, {
        status: FORWARD_STATUS.cancelled,
        'updated-at': ctx.env.blockTime,
      });
      ctx.emit(MODULE, 'FORWARD-CANCELLED', [tenantId, batchId]);
      return forwardRecordOf(
        ctx,
        tenantId,
        batchId,
        lock.root,
        lock.leafCount,
        lock.sourceChain,
        FORWARD_STATUS.cancelled,
      );
    },
  },
  {
    module: MODULE,
    name: 'get-forward',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'object{forward}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary:
      'The forward row (status, prepared-at, expires-at, updated-at, …); fails "Forward not found: t/b".',
    apply: (ctx, args) => {
      const key = forwardKey(str(args, 0), str(args, 1));
      const row = readForward(ctx, key);
      enforce((row?.['status'] ?? '') !== '', pactFormat('Forward not found: {}', [key]));
      return row!;
    },
  },
  {
    module: MODULE,
    name: 'forwarded-anchor',
    params: [
      { name: 'tenant-id', type: 'string' },
      { name: 'batch-id', type: 'string' },
    ],
    returnType: 'object{anchor-record}',
    kind: 'read',
    capabilities: [],
    events: [],
    writes: [],
    summary: 'The anchor record a committed forward proved; fails "Forward not committed: t/b".',
    apply: (ctx, args) => {
      const [tenantId, batchId] = [str(args, 0), str(args, 1)];
      const key = forwardKey(tenantId, batchId);
      const row = readForward(ctx, key);
      enforce(
        (row?.['status'] ?? '') === FORWARD_STATUS.committed,
        pactFormat('Forward not committed: {}', [key]),
      );
      return Object.freeze({
        'tenant-id': tenantId,
        'batch-id': batchId,
        root: row!['root']!,
        'leaf-count': row!['leaf-count']!,
        'hash-algorithm': HASH_ALGORITHM,
      });
    },
  },
];
