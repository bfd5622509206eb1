import { contractParser } from '@kadena/pactjs-generator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePactModuleSource, parsePactProgram, type PactAppArg } from '../pact-syntax';

/**
 * What the rest of SPV Cloud relies on in our modules (chainweb-api.md "The anchor record", the worker,
 * the devnet), read with @kadena/pactjs-generator and with our stricter parser: a change to any of
 * these names, arities, types or result shapes must fail here first.
 */
const source = (module: string): string =>
  readFileSync(join(__dirname, '..', module, `${module}.pact`), 'utf8');

function pactjsModule(module: string) {
  const [modules] = contractParser(source(module));
  expect(modules.map((m) => m.name)).toEqual([module]);
  return modules[0]!;
}

const typeName = (type: unknown): string => {
  if (typeof type === 'string') return type;
  const { kind, value, isList } = type as { kind: string; value: string; isList?: boolean };
  return isList ? `[${kind}{${value}}]` : `${kind}{${value}}`;
};

function signature(module: string, kind: 'functions' | 'capabilities', name: string): string {
  const parsed = pactjsModule(module);
  const fn = (parsed[kind] ?? []).find((f) => f.name === name);
  if (!fn) return 'missing';
  const params = (fn.parameters ?? []).map((p) => `${p.name}:${typeName(p.type)}`).join(' ');
  return `(${params})${fn.returnType === undefined ? '' : `:${typeName(fn.returnType)}`}`;
}

function schemaFields(module: string, schema: string): string[] {
  const found = (pactjsModule(module).schemas ?? []).find((s) => s.name === schema);
  return (found?.properties ?? []).map((p) => `${p.name}:${typeName(p.type)}`);
}

describe('spv-anchor surface', () => {
  it('record-batch takes the batch and returns the anchor record', () => {
    expect(signature('spv-anchor', 'functions', 'record-batch')).toBe(
      '(tenant-id:string batch-id:string root:string leaf-count:integer hash-algorithm:string):object{anchor-record}',
    );
    expect(schemaFields('spv-anchor', 'anchor-record')).toEqual([
      'tenant-id:string',
      'batch-id:string',
      'root:string',
      'leaf-count:integer',
      'hash-algorithm:string',
    ]);
    const fn = pactjsModule('spv-anchor').functions!.find((f) => f.name === 'record-batch')!;
    expect(fn.withCapabilities).toEqual(['OPERATOR']);
    expect(fn.events).toEqual(['BATCH-ANCHORED']);
  });

  it('BATCH-ANCHORED is an event with [tenant-id batch-id root leaf-count]', () => {
    expect(signature('spv-anchor', 'capabilities', 'BATCH-ANCHORED')).toBe(
      '(tenant-id:string batch-id:string root:string leaf-count:integer):bool',
    );
    expect(
      analyzePactModuleSource(source('spv-anchor')).capabilities.find((c) => c.name === 'BATCH-ANCHORED')
        ?.event,
    ).toBe(true);
  });

  it('auditor reads exist', () => {
    expect(signature('spv-anchor', 'functions', 'get-batch')).toBe(
      '(tenant-id:string batch-id:string):object{batch}',
    );
    expect(signature('spv-anchor', 'functions', 'get-anchor-record')).toBe(
      '(tenant-id:string batch-id:string):object{anchor-record}',
    );
    expect(signature('spv-anchor', 'functions', 'batch-exists')).toBe(
      '(tenant-id:string batch-id:string):bool',
    );
    expect(signature('spv-anchor', 'functions', 'list-batches')).toBe('(tenant-id:string):[object{batch}]');
  });

  it('GOVERNANCE and OPERATOR take no arguments', () => {
    for (const module of ['spv-anchor', 'provenance-log', 'spv-forwarder']) {
      expect([
        module,
        signature(module, 'capabilities', 'GOVERNANCE'),
        signature(module, 'capabilities', 'OPERATOR'),
      ]).toEqual([module, '()', '()']);
      expect(pactjsModule(module).governance).toBe('GOVERNANCE');
    }
  });
});

describe('provenance-log surface', () => {
  it('record-checkpoint returns the checkpoint record and emits CHECKPOINT-RECORDED', () => {
    expect(signature('provenance-log', 'functions', 'record-checkpoint')).toBe(
      '(log-id:string size:integer root:string):object{checkpoint-record}',
    );
    expect(schemaFields('provenance-log', 'checkpoint-record')).toEqual([
      'log-id:string',
      'size:integer',
      'root:string',
      'hash-algorithm:string',
    ]);
    expect(signature('provenance-log', 'capabilities', 'CHECKPOINT-RECORDED')).toBe(
      '(log-id:string size:integer root:string):bool',
    );
    expect(
      pactjsModule('provenance-log').functions!.find((f) => f.name === 'record-checkpoint')!.events,
    ).toEqual(['CHECKPOINT-RECORDED']);
    expect(signature('provenance-log', 'functions', 'get-head')).toBe('(log-id:string):object{log-head}');
  });
});

describe('spv-forwarder surface', () => {
  it('has the three phases and their events', () => {
    expect(signature('spv-forwarder', 'functions', 'prepare-forward')).toBe(
      '(tenant-id:string batch-id:string root:string leaf-count:integer source-chain:string):object{forward-record}',
    );
    expect(signature('spv-forwarder', 'functions', 'commit-forward')).toBe(
      '(tenant-id:string batch-id:string proof:object):object{forward-record}',
    );
    expect(signature('spv-forwarder', 'functions', 'cancel-forward')).toBe(
      '(tenant-id:string batch-id:string):object{forward-record}',
    );
    expect(signature('spv-forwarder', 'functions', 'forwarded-anchor')).toBe(
      '(tenant-id:string batch-id:string):object{anchor-record}',
    );
    expect(signature('spv-forwarder', 'capabilities', 'FORWARD-COMMITTED')).toBe(
      '(tenant-id:string batch-id:string root:string leaf-count:integer source-chain:string):bool',
    );
    expect(schemaFields('spv-forwarder', 'anchor-record')).toEqual(
      schemaFields('spv-anchor', 'anchor-record'),
    );
  });

  it('commit-forward checks the proof with (verify-spv "TXOUT" …)', () => {
    const calls: string[] = [];
    const walk = (node: PactAppArg): void => {
      if (node.kind === 'app') {
        if (node.fn.kind === 'var' && node.fn.name === 'verify-spv') {
          const type = node.args[0];
          calls.push(type?.kind === 'string' ? type.value : '?');
        }
        [node.fn, ...node.args].forEach(walk);
      } else if (node.kind === 'let') [...node.binders.map((b) => b.value), ...node.body].forEach(walk);
      else if (node.kind === 'lambda') node.body.forEach(walk);
    };
    for (const top of parsePactProgram(source('spv-forwarder'))) {
      if (top.kind !== 'module') continue;
      for (const def of top.defs)
        if (def.kind === 'defun' && def.name === 'commit-forward') def.body.forEach(walk);
    }
    expect(calls).toEqual(['TXOUT']);
  });
});

describe('keysets.pact', () => {
  it('defines the two keysets in the deployment namespace', () => {
    const text = readFileSync(join(__dirname, '..', 'keysets', 'keysets.pact'), 'utf8');
    expect(contractParser(text)[0]).toEqual([]);
    const defined = parsePactProgram(text).flatMap((t) =>
      t.kind === 'expr' &&
      t.expr.kind === 'app' &&
      t.expr.fn.kind === 'var' &&
      t.expr.fn.name === 'define-keyset'
        ? [t.expr]
        : [],
    );
    // (define-keyset (+ (read-string "ns") ".spv-cloud-admin") (read-keyset "spv-cloud-admin"))
    const readKeysetKey = (arg: PactAppArg | undefined): string | undefined => {
      const key = arg?.kind === 'app' ? arg.args[0] : undefined;
      return key?.kind === 'string' ? key.value : undefined;
    };
    expect(defined.map((d) => readKeysetKey(d.args[1]))).toEqual(['spv-cloud-admin', 'spv-cloud-operator']);
  });
});
