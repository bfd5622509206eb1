import { contractParser } from '@kadena/pactjs-generator';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePactModuleSource, parsePactProgram, type PactAppArg, type PactExpr } from '../pact-syntax';
import {
  CONTRACT_EFFECTS,
  CONTRACT_MODULES,
  InMemoryContractState,
  PactDecimal,
  PactKeyset,
  PactTime,
  applyContractCall,
  contractEventJson,
  contractResultJson,
  validRoot,
  type ContractCall,
  type ContractEnv,
  type ContractModuleName,
  type PactObject,
  type PactValue,
  type SpvVerifier,
} from './index';
import * as rules from './contract-rules';

const CONTRACTS = join(__dirname, '..');
const sourceOf = (module: string, ext = 'pact'): string =>
  readFileSync(join(CONTRACTS, module, `${module}.${ext}`), 'utf8');
const effectsSourceOf = (module: string): string =>
  readFileSync(join(__dirname, `${module}.effects.ts`), 'utf8');

const ADMIN = 'ad'.repeat(32);
const OPERATOR = '0b'.repeat(32);
const ROOT_1 = 'vGenXEWCbcH-s1BA_8PvgjwJcEcV7u0biKDeXnoeXeY';
const ROOT_2 = 'A7Zows9mSPKVgLv8SrR3Wr6P5qes6yKcxbdZvY7ulHg';

function freshState(): InMemoryContractState {
  const state = new InMemoryContractState('spv');
  state.defineKeyset('spv.spv-cloud-admin', new PactKeyset([ADMIN], 'keys-all'));
  state.defineKeyset('spv.spv-cloud-operator', new PactKeyset([OPERATOR], 'keys-all'));
  return state;
}

function envFor(module: ContractModuleName, overrides: Partial<ContractEnv> = {}): ContractEnv {
  return {
    chainId: '0',
    blockHeight: 100n,
    blockTime: PactTime.parseIso('2025-06-01T12:00:00Z'),
    signers: [{ pubKey: OPERATOR, caps: [{ name: `spv.${module}.OPERATOR`, args: [] }] }],
    ...overrides,
  };
}

/** Applies and, on success, commits (what a devnet block does). */
function run(state: InMemoryContractState, env: ContractEnv, call: ContractCall) {
  const outcome = applyContractCall(state, env, call);
  if (outcome.ok) state.applyWrites(outcome.writes);
  return outcome;
}

function expectFailure(
  outcome: ReturnType<typeof run>,
  message: string,
  type: 'TxFailure' | 'EvalError' = 'TxFailure',
): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.type).toBe(type);
  expect(outcome.error.message).toBe(message);
}

const recordBatch = (
  tenant: string,
  batch: string,
  root: string,
  leafCount: bigint,
  algorithm = 'SHA512t_256',
): ContractCall => ({
  module: 'spv-anchor',
  function: 'record-batch',
  args: [tenant, batch, root, leafCount, algorithm],
});

describe('the effects table matches the .pact sources', () => {
  it.each(CONTRACT_MODULES)(
    '%s: same functions, in order, with the same parameters and return types',
    (module) => {
      const signature = analyzePactModuleSource(sourceOf(module));
      const effects = CONTRACT_EFFECTS.filter((e) => e.module === module);
      expect(effects.map((e) => e.name)).toEqual(signature.functions.map((f) => f.name));
      for (const fn of signature.functions) {
        const effect = effects.find((e) => e.name === fn.name)!;
        expect(effect.params).toEqual(fn.params.map((p) => ({ name: p.name, type: p.type })));
        expect(effect.returnType).toBe(fn.returnType);
        expect([...effect.capabilities].sort()).toEqual(
          [...(signature.acquiredCapabilities.get(fn.name) ?? [])].sort(),
        );
        expect([...effect.events].sort()).toEqual([...(signature.emittedEvents.get(fn.name) ?? [])].sort());
      }
    },
  );

  it.each(CONTRACT_MODULES)(
    '%s: @kadena/pactjs-generator reads the same functions, arities, capabilities and events',
    (module) => {
      const [modules] = contractParser(sourceOf(module));
      expect(modules).toHaveLength(1);
      const parsed = modules[0]!;
      expect(parsed.name).toBe(module);
      const effects = CONTRACT_EFFECTS.filter((e) => e.module === module);
      expect((parsed.functions ?? []).map((f) => [f.name, f.parameters?.length ?? 0])).toEqual(
        effects.map((e) => [e.name, e.params.length]),
      );
      for (const fn of parsed.functions ?? []) {
        const effect = effects.find((e) => e.name === fn.name)!;
        expect([...(fn.withCapabilities ?? [])].sort()).toEqual([...effect.capabilities].sort());
        expect([...(fn.events ?? [])].sort()).toEqual([...effect.events].sort());
      }
      const signature = analyzePactModuleSource(sourceOf(module));
      expect((parsed.capabilities ?? []).map((c) => [c.name, c.parameters?.length ?? 0])).toEqual(
        signature.capabilities.map((c) => [c.name, c.params.length]),
      );
    },
  );

  it.each(CONTRACT_MODULES)(
    '%s: every enforce message of the module appears verbatim in its effects',
    (module) => {
      const messages = new Set<string>();
      const collect = (node: PactAppArg | undefined): void => {
        if (!node || node.kind === 'bindings') return;
        if (node.kind === 'app') {
          if (node.fn.kind === 'var' && node.fn.name === 'enforce') {
            const message = node.args[1];
            if (message?.kind === 'string') messages.add(message.value);
            const template =
              message?.kind === 'app' && message.fn.kind === 'var' && message.fn.name === 'format'
                ? message.args[0]
                : undefined;
            if (template?.kind === 'string') messages.add(template.value);
          }
          collect(node.fn);
          node.args.forEach(collect);
        } else if (node.kind === 'let') {
          node.binders.forEach((b) => collect(b.value));
          node.body.forEach(collect);
        } else if (node.kind === 'lambda') node.body.forEach(collect);
        else if (node.kind === 'list') node.items.forEach(collect);
        else if (node.kind === 'object') node.fields.forEach((f) => collect(f.value));
      };
      for (const top of parsePactProgram(sourceOf(module))) {
        if (top.kind !== 'module') continue;
        for (const def of top.defs) if (def.kind === 'defun') def.body.forEach(collect);
      }
      expect(messages.size).toBeGreaterThan(3);
      const effectsSource = effectsSourceOf(module);
      for (const message of messages) expect(effectsSource).toContain(`'${message}'`);
    },
  );

  it.each(CONTRACT_MODULES)('%s: the module constants equal the effects constants', (module) => {
    const constants = new Map(
      analyzePactModuleSource(sourceOf(module)).constants.map((c) => [c.name, c.value]),
    );
    const expected: Record<string, PactValue> = {
      'HASH-ALGORITHM': rules.HASH_ALGORITHM,
      'MAX-ID-LENGTH': rules.MAX_ID_LENGTH,
      'ID-CHARSET': rules.ID_CHARSET,
      'ROOT-LENGTH': rules.ROOT_LENGTH,
      'BASE64URL-CHARSET': rules.BASE64URL_CHARSET,
      'ROOT-FINAL-CHARSET': rules.ROOT_FINAL_CHARSET,
      'MAX-LEAF-COUNT': rules.MAX_LEAF_COUNT,
      'MAX-LOG-SIZE': rules.MAX_LOG_SIZE,
      DIGITS: rules.DIGITS,
      'MAX-CHAIN-ID-LENGTH': rules.MAX_CHAIN_ID_LENGTH,
      'LOCK-SECONDS': PactDecimal.parse('3600.0'),
    };
    let compared = 0;
    for (const [name, value] of constants) {
      if (!(name in expected)) continue;
      const literal = literalOf(value);
      expect([name, literal]).toEqual([name, expected[name]]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(6);
    for (const [name, suffix] of [
      ['ADMIN-KEYSET', rules.ADMIN_KEYSET_SUFFIX],
      ['OPERATOR-KEYSET', rules.OPERATOR_KEYSET_SUFFIX],
    ] as const) {
      const value = constants.get(name);
      expect(value?.kind === 'app' ? value.args[1] : undefined).toMatchObject({
        kind: 'string',
        value: suffix,
      });
    }
  });
});

function literalOf(expr: PactExpr): PactValue | undefined {
  if (expr.kind === 'string') return expr.value;
  if (expr.kind === 'integer') return expr.value;
  if (expr.kind === 'decimal') return PactDecimal.parse(expr.text);
  return undefined;
}

describe('spv-anchor effects', () => {
  it('record-batch stores the row, emits BATCH-ANCHORED and returns the anchor record', () => {
    const state = freshState();
    const outcome = run(state, envFor('spv-anchor'), recordBatch('tenant-1', 'batch-1', ROOT_1, 3n));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result).toEqual({
      'tenant-id': 'tenant-1',
      'batch-id': 'batch-1',
      root: ROOT_1,
      'leaf-count': 3n,
      'hash-algorithm': 'SHA512t_256',
    });
    expect(contractResultJson(outcome)).toEqual({
      status: 'success',
      data: {
        'batch-id': 'batch-1',
        'hash-algorithm': 'SHA512t_256',
        'leaf-count': { int: 3 },
        root: ROOT_1,
        'tenant-id': 'tenant-1',
      },
    });
    expect(outcome.events.map((e) => contractEventJson(e, 'module-hash'))).toEqual([
      {
        params: ['tenant-1', 'batch-1', ROOT_1, { int: 3 }],
        name: 'BATCH-ANCHORED',
        module: { namespace: 'spv', name: 'spv-anchor' },
        moduleHash: 'module-hash',
      },
    ]);
    expect(outcome.writes).toHaveLength(1);
    expect(outcome.writes[0]).toMatchObject({
      module: 'spv-anchor',
      table: 'batches',
      key: 'tenant-1/batch-1',
      kind: 'insert',
    });
    const row = state.read('spv-anchor', 'batches', 'tenant-1/batch-1')!;
    expect(row['block-height']).toBe(100n);
    expect((row['anchored-at'] as PactTime).toIsoSeconds()).toBe('2025-06-01T12:00:00Z');
  });

  it('rejects a duplicate (tenant, batch) and leaves the state as it was', () => {
    const state = freshState();
    run(state, envFor('spv-anchor'), recordBatch('tenant-1', 'batch-1', ROOT_1, 3n));
    const again = run(state, envFor('spv-anchor'), recordBatch('tenant-1', 'batch-1', ROOT_2, 3n));
    expectFailure(again, 'Batch already anchored: tenant-1/batch-1');
    expect(state.read('spv-anchor', 'batches', 'tenant-1/batch-1')!['root']).toBe(ROOT_1);
    expect(contractResultJson(again)).toEqual({
      status: 'failure',
      error: {
        callStack: [],
        type: 'TxFailure',
        message: 'Batch already anchored: tenant-1/batch-1',
        info: '',
      },
    });
    expect(run(state, envFor('spv-anchor'), recordBatch('tenant-2', 'batch-1', ROOT_2, 1n)).ok).toBe(true);
  });

  it.each([
    ['a tenant id with a slash', recordBatch('tenant/1', 'b', ROOT_1, 1n), 'Invalid tenant id'],
    ['an empty batch id', recordBatch('t', '', ROOT_1, 1n), 'Invalid batch id'],
    ['a batch id of 129 characters', recordBatch('t', 'b'.repeat(129), ROOT_1, 1n), 'Invalid batch id'],
    [
      'a short root',
      recordBatch('t', 'b', ROOT_1.slice(1), 1n),
      'Invalid root: expected 43 characters of unpadded base64url (32 bytes)',
    ],
    [
      'a non-canonical root',
      recordBatch('t', 'b', `${ROOT_1.slice(0, 42)}Z`, 1n),
      'Invalid root: expected 43 characters of unpadded base64url (32 bytes)',
    ],
    ['a leaf count of 0', recordBatch('t', 'b', ROOT_1, 0n), 'Invalid leaf count'],
    ['a leaf count above 2^32', recordBatch('t', 'b', ROOT_1, 4294967297n), 'Invalid leaf count'],
    ['another algorithm', recordBatch('t', 'b', ROOT_1, 1n, 'SHA256'), 'Unsupported hash algorithm'],
    ['several faults: the first check wins', recordBatch('t/1', '', 'x', 0n, 'md5'), 'Invalid tenant id'],
  ])('rejects %s', (_name, call, message) => {
    expectFailure(run(freshState(), envFor('spv-anchor'), call), message);
  });

  it('needs an operator signature that is unscoped or scoped to OPERATOR', () => {
    const call = recordBatch('t', 'b', ROOT_1, 1n);
    const failing: ContractEnv['signers'][] = [
      [],
      [{ pubKey: ADMIN, caps: [] }],
      [{ pubKey: OPERATOR, caps: [{ name: 'spv.spv-anchor.GOVERNANCE', args: [] }] }],
      [{ pubKey: OPERATOR, caps: [{ name: 'spv.provenance-log.OPERATOR', args: [] }] }],
    ];
    for (const signers of failing) {
      const outcome = run(freshState(), envFor('spv-anchor', { signers }), call);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(/^Keyset failure \(keys-all\)/);
    }
    expect(
      run(freshState(), envFor('spv-anchor', { signers: [{ pubKey: OPERATOR, caps: [] }] }), call).ok,
    ).toBe(true);
  });

  it('checks arity and argument types like Pact', () => {
    expectFailure(
      run(freshState(), envFor('spv-anchor'), {
        module: 'spv-anchor',
        function: 'record-batch',
        args: ['t', 'b', ROOT_1, 1n],
      }),
      'Invalid number of arguments for spv-anchor.record-batch: expected 5, got 4',
      'EvalError',
    );
    const decimalCount = run(
      freshState(),
      envFor('spv-anchor'),
      recordBatch('t', 'b', ROOT_1, PactDecimal.parse('3.0') as unknown as bigint),
    );
    expect(decimalCount.ok).toBe(false);
    if (!decimalCount.ok)
      expect(decimalCount.error).toMatchObject({
        type: 'EvalError',
        message: expect.stringContaining('leaf-count'),
      });
    expectFailure(
      run(freshState(), envFor('spv-anchor'), { module: 'spv-anchor', function: 'nope', args: [] }),
      'Cannot resolve spv.spv-anchor.nope',
      'EvalError',
    );
  });

  it('reads: batch-exists, get-batch, get-anchor-record and list-batches in row-key order', () => {
    const state = freshState();
    for (const [tenant, batch, root] of [
      ['t1', 'b2', ROOT_2],
      ['t1', 'b1', ROOT_1],
      ['t2', 'b1', ROOT_1],
      ['t1', 'b10', ROOT_1],
    ] as const) {
      expect(run(state, envFor('spv-anchor'), recordBatch(tenant, batch, root, 2n)).ok).toBe(true);
    }
    const noSigners = envFor('spv-anchor', { signers: [] });
    const read = (fn: string, ...args: PactValue[]) =>
      run(state, noSigners, { module: 'spv-anchor', function: fn, args });
    expect(read('batch-exists', 't1', 'b1')).toMatchObject({ ok: true, result: true });
    expect(read('batch-exists', 't1', 'b9')).toMatchObject({ ok: true, result: false });
    expect(read('get-anchor-record', 't1', 'b2')).toMatchObject({
      ok: true,
      result: { root: ROOT_2, 'leaf-count': 2n },
    });
    expectFailure(read('get-batch', 't1', 'b9'), 'Batch not found: t1/b9');
    expectFailure(read('get-anchor-record', 't3', 'b1'), 'Batch not found: t3/b1');
    const listed = read('list-batches', 't1');
    expect(listed.ok && (listed.result as PactObject[]).map((r) => r['batch-id'])).toEqual([
      'b1',
      'b10',
      'b2',
    ]);
    expect(read('list-batches', 'nobody')).toMatchObject({ ok: true, result: [] });
  });

  it('validRoot accepts exactly the canonical base64url texts of 32 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) =>
        validRoot(Buffer.from(bytes).toString('base64url')),
      ),
    );
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ '.split(''),
          ),
          minLength: 40,
          maxLength: 45,
        }),
        (text) => {
          const decoded = Buffer.from(text, 'base64url');
          const canonical = decoded.length === 32 && decoded.toString('base64url') === text;
          return validRoot(text) === canonical;
        },
      ),
    );
  });
});

describe('provenance-log effects', () => {
  const record = (logId: string, size: bigint, root: string): ContractCall => ({
    module: 'provenance-log',
    function: 'record-checkpoint',
    args: [logId, size, root],
  });

  it('records checkpoints with growing sizes and keeps the head', () => {
    const state = freshState();
    const env = envFor('provenance-log');
    const first = run(state, env, record('log-1', 10n, ROOT_1));
    expect(first).toMatchObject({
      ok: true,
      result: { 'log-id': 'log-1', size: 10n, root: ROOT_1, 'hash-algorithm': 'SHA512t_256' },
    });
    expect(first.ok && first.events).toEqual([
      {
        module: 'provenance-log',
        namespace: 'spv',
        name: 'CHECKPOINT-RECORDED',
        params: ['log-1', 10n, ROOT_1],
      },
    ]);
    expect(first.ok && first.writes.map((w) => [w.table, w.key, w.kind])).toEqual([
      ['checkpoints', 'log-1/10', 'insert'],
      ['heads', 'log-1', 'write'],
    ]);
    expectFailure(run(state, env, record('log-1', 10n, ROOT_2)), 'Log size must grow: log-1 is at size 10');
    expectFailure(run(state, env, record('log-1', 9n, ROOT_2)), 'Log size must grow: log-1 is at size 10');
    expect(run(state, env, record('log-1', 20n, ROOT_2)).ok).toBe(true);
    expect(run(state, env, record('log-1', 15n, ROOT_2)).ok).toBe(false);
    expectFailure(run(state, env, record('log-2', 0n, ROOT_2)), 'Invalid log size');
    expectFailure(run(state, env, record('log-2', 9007199254740992n, ROOT_2)), 'Invalid log size');
    const reads = envFor('provenance-log', { signers: [] });
    expect(
      run(state, reads, { module: 'provenance-log', function: 'get-head', args: ['log-1'] }),
    ).toMatchObject({ ok: true, result: { size: 20n, root: ROOT_2 } });
    expectFailure(
      run(state, reads, { module: 'provenance-log', function: 'get-head', args: ['log-404'] }),
      'Log not found: log-404',
    );
    expectFailure(
      run(state, reads, { module: 'provenance-log', function: 'get-checkpoint', args: ['log-1', 15n] }),
      'Checkpoint not found: log-1/15',
    );
    const listed = run(state, reads, {
      module: 'provenance-log',
      function: 'list-checkpoints',
      args: ['log-1'],
    });
    expect(listed.ok && (listed.result as PactObject[]).map((r) => r['size'])).toEqual([10n, 20n]);
  });
});

describe('spv-forwarder effects', () => {
  const prepare = (
    tenant = 't1',
    batch = 'b1',
    root = ROOT_1,
    leafCount = 3n,
    source = '0',
  ): ContractCall => ({
    module: 'spv-forwarder',
    function: 'prepare-forward',
    args: [tenant, batch, root, leafCount, source],
  });
  const commit = (
    tenant = 't1',
    batch = 'b1',
    proof: PactObject = { chain: PactDecimal.parse('1') },
  ): ContractCall => ({
    module: 'spv-forwarder',
    function: 'commit-forward',
    args: [tenant, batch, proof],
  });
  const provenAnchor =
    (record: PactObject): SpvVerifier =>
    (type, proof) => {
      expect(type).toBe('TXOUT');
      expect(proof).toEqual({ chain: PactDecimal.parse('1') });
      return { ok: true, data: record };
    };
  const anchor = {
    'tenant-id': 't1',
    'batch-id': 'b1',
    root: ROOT_1,
    'leaf-count': 3n,
    'hash-algorithm': 'SHA512t_256',
  };
  const at = (iso: string, verifySpv?: SpvVerifier): ContractEnv =>
    envFor('spv-forwarder', {
      chainId: '1',
      blockTime: PactTime.parseIso(iso),
      ...(verifySpv ? { verifySpv } : {}),
    });

  it('prepare → commit with a proof of the anchor record', () => {
    const state = freshState();
    const prepared = run(state, at('2025-06-01T12:00:00Z'), prepare());
    expect(prepared).toMatchObject({
      ok: true,
      result: { 'target-chain': '1', 'source-chain': '0', status: 'prepared', 'leaf-count': 3n },
    });
    const row = state.read('spv-forwarder', 'forwards', 't1/b1')!;
    expect((row['expires-at'] as PactTime).toIsoSeconds()).toBe('2025-06-01T13:00:00Z');
    expectFailure(run(state, at('2025-06-01T12:00:01Z'), prepare()), 'Forward already prepared: t1/b1');

    const committed = run(state, at('2025-06-01T12:10:00Z', provenAnchor(anchor)), commit());
    expect(committed).toMatchObject({ ok: true, result: { status: 'committed' } });
    expect(committed.ok && committed.events.map((e) => [e.name, e.params])).toEqual([
      ['FORWARD-COMMITTED', ['t1', 'b1', ROOT_1, 3n, '0']],
    ]);
    expect(committed.ok && committed.writes[0]).toMatchObject({
      kind: 'update',
      row: { status: 'committed', 'prepared-at': expect.any(PactTime) },
    });
    const reads = at('2025-06-01T12:10:00Z');
    expect(
      run(state, reads, { module: 'spv-forwarder', function: 'forwarded-anchor', args: ['t1', 'b1'] }),
    ).toMatchObject({ ok: true, result: anchor });
    expectFailure(
      run(state, at('2025-06-01T12:11:00Z', provenAnchor(anchor)), commit()),
      'Forward already committed: t1/b1',
    );
    expectFailure(run(state, at('2025-06-01T12:11:00Z'), prepare()), 'Forward already committed: t1/b1');
  });

  it.each([
    ['another tenant', { ...anchor, 'tenant-id': 't2' }, 'Proven anchor record has another tenant id'],
    ['another batch', { ...anchor, 'batch-id': 'b2' }, 'Proven anchor record has another batch id'],
    ['another root', { ...anchor, root: ROOT_2 }, 'Proven anchor record has another root'],
    ['another leaf count', { ...anchor, 'leaf-count': 4n }, 'Proven anchor record has another leaf count'],
    [
      'a decimal leaf count (a Pact 4 era output)',
      { ...anchor, 'leaf-count': PactDecimal.parse('3.0') },
      'Proven anchor record has another leaf count',
    ],
    [
      'no hash algorithm',
      { 'tenant-id': 't1', 'batch-id': 'b1', root: ROOT_1, 'leaf-count': 3n },
      'Proven output is not a SHA512t_256 anchor record',
    ],
    [
      'a missing field',
      { 'tenant-id': 't1', root: ROOT_1, 'leaf-count': 3n, 'hash-algorithm': 'SHA512t_256' },
      'Proven anchor record has another batch id',
    ],
  ])('commit rejects a proof of %s', (_name, record, message) => {
    const state = freshState();
    run(state, at('2025-06-01T12:00:00Z'), prepare());
    expectFailure(run(state, at('2025-06-01T12:10:00Z', provenAnchor(record)), commit()), message);
    expect(state.read('spv-forwarder', 'forwards', 't1/b1')!['status']).toBe('prepared');
  });

  it('commit fails on a failed SPV verification, without a backend, after expiry, and without a lock', () => {
    const state = freshState();
    run(state, at('2025-06-01T12:00:00Z'), prepare());
    expectFailure(
      run(
        state,
        at('2025-06-01T12:10:00Z', () => ({ ok: false, message: 'root_mismatch' })),
        commit(),
      ),
      'SPV verification failure: root_mismatch',
      'EvalError',
    );
    expectFailure(
      run(state, at('2025-06-01T12:10:00Z'), commit()),
      'SPV verification failure: SPV verification not supported',
      'EvalError',
    );
    expectFailure(
      run(state, at('2025-06-01T13:00:00Z', provenAnchor(anchor)), commit()),
      'Forward lock expired: t1/b1',
    );
    expectFailure(
      run(state, at('2025-06-01T12:10:00Z', provenAnchor(anchor)), commit('t1', 'b9')),
      'No forward prepared: t1/b9',
    );
  });

  it('cancel releases a lock that can be prepared again; inputs are validated', () => {
    const state = freshState();
    run(state, at('2025-06-01T12:00:00Z'), prepare());
    const cancelled = run(state, at('2025-06-01T12:30:00Z'), {
      module: 'spv-forwarder',
      function: 'cancel-forward',
      args: ['t1', 'b1'],
    });
    expect(cancelled).toMatchObject({ ok: true, result: { status: 'cancelled' } });
    expect(cancelled.ok && cancelled.events.map((e) => [e.name, e.params])).toEqual([
      ['FORWARD-CANCELLED', ['t1', 'b1']],
    ]);
    expectFailure(
      run(state, at('2025-06-01T12:31:00Z'), {
        module: 'spv-forwarder',
        function: 'cancel-forward',
        args: ['t1', 'b1'],
      }),
      'Forward already cancelled: t1/b1',
    );
    expectFailure(
      run(state, at('2025-06-01T12:31:00Z', provenAnchor(anchor)), commit()),
      'Forward already cancelled: t1/b1',
    );
    expect(run(state, at('2025-06-01T12:32:00Z'), prepare()).ok).toBe(true);
    expect((state.read('spv-forwarder', 'forwards', 't1/b1')!['expires-at'] as PactTime).toIsoSeconds()).toBe(
      '2025-06-01T13:32:00Z',
    );
    expectFailure(
      run(state, at('2025-06-01T12:33:00Z'), prepare('t1', 'b2', ROOT_1, 3n, '1')),
      'Source chain must differ from this chain',
    );
    expectFailure(
      run(state, at('2025-06-01T12:33:00Z'), prepare('t1', 'b2', ROOT_1, 3n, 'c0')),
      'Invalid source chain',
    );
    expectFailure(
      run(state, at('2025-06-01T12:33:00Z'), prepare('t1', 'b2', ROOT_1, 3n, '12345')),
      'Invalid source chain',
    );
    expectFailure(
      run(state, at('2025-06-01T12:33:00Z'), {
        module: 'spv-forwarder',
        function: 'get-forward',
        args: ['t9', 'b9'],
      }),
      'Forward not found: t9/b9',
    );
  });
});

describe('Pact values', () => {
  it('encode like Pact 5 stable encoding', () => {
    expect(
      contractResultJson({
        ok: true,
        result: [
          1n,
          PactDecimal.parse('1.50'),
          PactTime.parseIso('2025-06-01T12:00:00.5Z'),
          PactTime.parseIso('2025-06-01T12:00:00.000001Z'),
          2n ** 60n,
        ],
        events: [],
        writes: [],
      }),
    ).toEqual({
      status: 'success',
      data: [
        { int: 1 },
        1.5,
        { time: '2025-06-01T12:00:00Z' },
        { timep: '2025-06-01T12:00:00.000001Z' },
        { int: '1152921504606846976' },
      ],
    });
  });
});

describe('README.md', () => {
  it('documents every function of the table with its current summary', () => {
    const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
    for (const effect of CONTRACT_EFFECTS) {
      expect(readme).toContain(`| \`${effect.module}.${effect.name}\` |`);
      expect(readme).toContain(effect.summary);
    }
  });
});
