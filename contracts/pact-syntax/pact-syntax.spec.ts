import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  analyzePactModuleSource,
  lexPact,
  pactStringLiteral,
  parsePactExpression,
  parsePactProgram,
  PactSyntaxError,
  type PactAppArg,
} from './index';

const CONTRACTS = join(__dirname, '..');
const source = (module: string): string => readFileSync(join(CONTRACTS, module, `${module}.pact`), 'utf8');

function expectSyntaxError(fn: () => unknown, code: string, pattern: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PactSyntaxError);
  expect((thrown as PactSyntaxError).code).toBe(code);
  expect((thrown as PactSyntaxError).message).toMatch(pattern);
}

describe('lexPact', () => {
  it('follows the Pact 5 token rules', () => {
    const tokens = lexPact(
      `(let* ((x -1) (y 2.50)) 'sym "a\\"b\\\\c\\n" ns.mod.fn a::b {"k" := v} step-with-rollback steps -x @doc)`,
    );
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      '(:(',
      'keyword:let*',
      '(:(',
      '(:(',
      'ident:x',
      'number:-1',
      '):)',
      '(:(',
      'ident:y',
      'number:2',
      '.:.',
      'number:50',
      '):)',
      '):)',
      'tick:sym',
      'string:a"b\\c\n',
      'ident:ns',
      '.:.',
      'ident:mod',
      '.:.',
      'ident:fn',
      'ident:a',
      ':::::',
      'ident:b',
      '{:{',
      'string:k',
      ':=::=',
      'ident:v',
      '}:}',
      'keyword:step-with-rollback',
      'ident:steps',
      'ident:-x',
      'keyword:@doc',
      '):)',
    ]);
  });

  it('skips comments and tracks positions', () => {
    const [first, second] = lexPact('; a comment\n  (x');
    expect(first).toMatchObject({ kind: '(', line: 2, column: 3 });
    expect(second).toMatchObject({ kind: 'ident', text: 'x', line: 2, column: 4 });
  });

  it('continues a string across a backslash gap', () => {
    expect(lexPact('"ab\\\n   \\cd"')[0]!.text).toBe('abcd');
  });

  it.each([
    ['an unterminated string', '(defun f () "abc)', /not closed/],
    ['a newline in a string', '"ab\ncd"', /newline/],
    ['an unknown escape', '"a\\qb"', /escape/],
    ['a character outside Latin-1', '(f "a") ☃', /Latin-1/],
    ['a stray character', '(f `x)', /unexpected character/],
  ])('rejects %s', (_name, text, pattern) => {
    expectSyntaxError(() => lexPact(text), 'lexical_error', pattern);
  });

  it('round-trips string literals', () => {
    for (const value of ['plain', 'with "quotes"', 'back\\slash', 'tab\tnew\nline', '']) {
      const expr = parsePactExpression(pactStringLiteral(value));
      expect(expr).toMatchObject({ kind: 'string', value });
    }
    expect(() => pactStringLiteral('snow ☃')).toThrow(PactSyntaxError);
  });
});

describe('parsePactProgram', () => {
  it('parses expressions: apps, lists, objects, binding forms, lambdas, let', () => {
    const expr = parsePactExpression(
      '(with-read t k { "a" := x, "b" := y:integer } (let ((z 1)) (map (lambda (q) [q, z]) { "k": 1.5 })))',
    );
    expect(expr.kind).toBe('app');
    if (expr.kind !== 'app') return;
    expect(expr.args.map((a) => a.kind)).toEqual(['var', 'var', 'bindings', 'let']);
    const bindings = expr.args[2];
    expect(bindings).toMatchObject({
      kind: 'bindings',
      pairs: [
        { field: 'a', arg: { name: 'x' } },
        { field: 'b', arg: { name: 'y', type: 'integer' } },
      ],
    });
  });

  it('parses decimals, integers, unit and qualified names', () => {
    expect(parsePactExpression('-12')).toMatchObject({ kind: 'integer', value: -12n });
    expect(parsePactExpression('3600.0')).toMatchObject({ kind: 'decimal', text: '3600.0' });
    expect(parsePactExpression('()')).toMatchObject({ kind: 'unit' });
    expect(parsePactExpression('(free.spv-anchor.record-batch)')).toMatchObject({
      kind: 'app',
      fn: { kind: 'var', name: 'free.spv-anchor.record-batch' },
    });
  });

  it.each([
    ['a missing closing parenthesis', '(module m G (defcap G () true) (defun f (a) (+ a 1))', /end of input/],
    ['an extra closing parenthesis', '(f))', /unexpected \)/],
    ['a mismatched bracket', '(f [1 2)', /expected/],
    ['a defun without a body', '(module m G (defcap G () true) (defun f (a)))', /at least one expression/],
    [
      'a docstring as the only body',
      '(module m G (defcap G () true) (defun f (a) "doc"))',
      /at least one expression/,
    ],
    [
      'an unknown base type',
      '(module m G (defcap G () true) (defun f:strin (a) a))',
      /invalid base type strin/,
    ],
    ['an object literal without colons', '{ "a" 1 }', /expected :/],
    ['a let without binders', '(let () 1)', /at least one binder/],
    ['a module without definitions', '(module m G)', /at least one definition/],
  ])('rejects %s', (_name, text, pattern) => {
    expectSyntaxError(() => parsePactProgram(text), 'parse_error', pattern);
  });

  it('parses the REPL files, which may define functions at top level', () => {
    for (const module of ['spv-anchor', 'provenance-log', 'spv-forwarder']) {
      const program = parsePactProgram(readFileSync(join(CONTRACTS, module, `${module}.repl`), 'utf8'), {
        repl: true,
      });
      expect(program.length).toBeGreaterThan(10);
    }
    expect(parsePactProgram('(defun f (a) a)', { repl: true })[0]).toMatchObject({ kind: 'repl-def' });
  });
});

describe('analyzePactModuleSource on our modules', () => {
  it.each(['spv-anchor', 'provenance-log', 'spv-forwarder'])('%s loads cleanly', (module) => {
    const signature = analyzePactModuleSource(source(module));
    expect(signature.name).toBe(module);
    expect(signature.governance).toEqual({ kind: 'capability', name: 'GOVERNANCE' });
    expect([...signature.createdTables].sort()).toEqual(signature.tables.map((t) => t.name).sort());
  });

  // Each mutation is a mistake Pact would reject at load time (or a contract drift we must catch).
  const mutations: Array<[string, string, string, string, RegExp]> = [
    [
      'spv-anchor',
      'a dropped parenthesis',
      '(anchor-record-of tenant-id batch-id root leaf-count))))',
      '(anchor-record-of tenant-id batch-id root leaf-count)))',
      /end of input|expected/,
    ],
    [
      'spv-anchor',
      'a misspelt native',
      '(emit-event (BATCH-ANCHORED',
      '(emit-evnt (BATCH-ANCHORED',
      /unbound name emit-evnt/,
    ],
    [
      'spv-anchor',
      'a call with the wrong arity',
      '(anchor-record-of tenant-id batch-id root leaf-count))))',
      '(anchor-record-of tenant-id batch-id root))))',
      /anchor-record-of takes 4 arguments, called with 3/,
    ],
    [
      'spv-anchor',
      'an event with the wrong arity',
      '(BATCH-ANCHORED tenant-id batch-id root leaf-count)',
      '(BATCH-ANCHORED tenant-id batch-id root)',
      /BATCH-ANCHORED takes 4 arguments/,
    ],
    [
      'spv-anchor',
      'an event that is not @event',
      '    @event\n    true)',
      '    true)',
      /neither @event nor @managed/,
    ],
    [
      'spv-anchor',
      'a row missing a schema field',
      '          , "block-height": (at "block-height" (chain-data)) })',
      ' })',
      /missing fields \[block-height\]/,
    ],
    [
      'spv-anchor',
      'a returned object with an extra field',
      ', "hash-algorithm": HASH-ALGORITHM })',
      ', "hash-algorithm": HASH-ALGORITHM, "extra": 1 })',
      /returns object\{anchor-record\}/,
    ],
    [
      'spv-anchor',
      'a table that is not created',
      '[(create-table batches)]',
      '[]',
      /must create exactly the tables \[batches\]/,
    ],
    [
      'spv-anchor',
      'an unknown schema',
      '(deftable batches:{batch})',
      '(deftable batches:{batchs})',
      /unknown schema batchs/,
    ],
    [
      'provenance-log',
      'an unbound variable',
      '(checkpoint-record-of log-id size root)))',
      '(checkpoint-record-of log-id size rot)))',
      /unbound name rot/,
    ],
    [
      'provenance-log',
      'a bound field without a default',
      '{ "size" := previous-size }',
      '{ "size" := previous-size, "root" := r }',
      /have no default/,
    ],
    [
      'spv-forwarder',
      'a with-capability on an unknown capability',
      '(with-capability (OPERATOR)\n      (enforce (valid-id tenant-id)',
      '(with-capability (OPERATORS)\n      (enforce (valid-id tenant-id)',
      /OPERATORS is not a defcap/,
    ],
    [
      'spv-forwarder',
      'an update with an unknown field',
      '{ "status": STATUS-COMMITTED, "updated-at"',
      '{ "state": STATUS-COMMITTED, "updated-at"',
      /fields \[state\] are not in schema forward/,
    ],
  ];

  it.each(mutations)('%s: rejects %s', (module, _name, from, to, pattern) => {
    const original = source(module);
    expect(original).toContain(from);
    expect(() => analyzePactModuleSource(original.replace(from, to))).toThrow(pattern);
  });
});

describe('the REPL tests', () => {
  const modules = ['spv-anchor', 'provenance-log', 'spv-forwarder'];
  const signatures = new Map(modules.map((m) => [m, analyzePactModuleSource(source(m))]));

  function apps(node: PactAppArg, out: Array<PactAppArg & { kind: 'app' }>): void {
    if (node.kind === 'app') {
      out.push(node);
      apps(node.fn, out);
      node.args.forEach((a) => apps(a, out));
    } else if (node.kind === 'list') node.items.forEach((i) => apps(i, out));
    else if (node.kind === 'object') node.fields.forEach((f) => apps(f.value, out));
    else if (node.kind === 'let') {
      node.binders.forEach((b) => apps(b.value, out));
      node.body.forEach((b) => apps(b, out));
    } else if (node.kind === 'lambda') node.body.forEach((b) => apps(b, out));
  }

  it.each(modules)(
    '%s.repl calls existing functions and capabilities with their arity, and loads existing files',
    (module) => {
      const replPath = join(CONTRACTS, module, `${module}.repl`);
      const found: Array<PactAppArg & { kind: 'app' }> = [];
      for (const top of parsePactProgram(readFileSync(replPath, 'utf8'), { repl: true }))
        if (top.kind === 'expr') apps(top.expr, found);
      let checked = 0;
      for (const app of found) {
        if (app.fn.kind !== 'var') continue;
        const parts = app.fn.name.split('.');
        if (app.fn.name === 'load') {
          const file = app.args[0];
          expect(file?.kind).toBe('string');
          if (file?.kind === 'string') expect(existsSync(join(dirname(replPath), file.value))).toBe(true);
          continue;
        }
        if (parts.length !== 3 || parts[0] !== 'spv') continue;
        const signature = signatures.get(parts[1]!);
        expect(signature).toBeDefined();
        const callable = [...signature!.functions, ...signature!.capabilities].find(
          (f) => f.name === parts[2],
        );
        expect([app.fn.name, callable?.params.length]).toEqual([app.fn.name, app.args.length]);
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    },
  );

  it.each(modules)('%s.repl expects failure messages the module (or Pact itself) produces', (module) => {
    const found: Array<PactAppArg & { kind: 'app' }> = [];
    for (const top of parsePactProgram(readFileSync(join(CONTRACTS, module, `${module}.repl`), 'utf8'), {
      repl: true,
    }))
      if (top.kind === 'expr') apps(top.expr, found);
    const literals = lexPact(source(module))
      .filter((t) => t.kind === 'string')
      .map((t) => t.text);
    const produces = (message: string): boolean =>
      literals.some((literal) =>
        literal.includes('{}')
          ? new RegExp(
              `^${literal
                .split('{}')
                .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
                .join('.+')}$`,
            ).test(message)
          : literal.includes(message),
      );
    const platform = ['Keyset failure', 'SPV verification failure'];
    const expected = found
      .filter((a) => a.fn.kind === 'var' && a.fn.name === 'expect-failure' && a.args.length === 3)
      .map((a) => (a.args[1] as { value: string }).value);
    expect(expected.length).toBeGreaterThan(4);
    for (const message of expected) {
      // "Batch already anchored: tenant-1/batch-1" comes from the template "Batch already anchored: {}".
      expect([message, platform.some((p) => message.startsWith(p)) || produces(message)]).toEqual([
        message,
        true,
      ]);
    }
  });
});
