import { PACT_HIGHER_ORDER, PACT_NATIVES, PACT_SPECIAL_FORMS, PACT_TABLE_NATIVES } from './pact-names';
import {
  parsePactProgram,
  type PactAppArg,
  type PactArg,
  type PactDef,
  type PactExpr,
  type PactModule,
  type SourcePosition,
} from './pact-parser';
import { PactSyntaxError } from './pact-syntax.errors';

/**
 * What the rest of SPV Cloud relies on in one of our module files, read from its source, after the
 * checks Pact would do when loading it that we can do without running Pact: every name resolves,
 * calls to module functions and capabilities have the right arity, tables and schemas exist, rows
 * written and objects returned have exactly their schema's fields, events are @event capabilities,
 * and the deployment creates every table (unless it is an upgrade).
 */
export interface PactFunctionSignature {
  readonly name: string;
  readonly kind: 'defun' | 'defpact';
  readonly params: readonly PactArg[];
  readonly returnType?: string;
  readonly doc?: string;
}

export interface PactCapabilitySignature {
  readonly name: string;
  readonly params: readonly PactArg[];
  readonly event: boolean;
  readonly managed: boolean;
  readonly doc?: string;
}

export interface PactModuleSignature {
  readonly name: string;
  readonly governance: PactModule['governance'];
  readonly functions: readonly PactFunctionSignature[];
  readonly capabilities: readonly PactCapabilitySignature[];
  readonly schemas: ReadonlyArray<{ readonly name: string; readonly fields: readonly PactArg[] }>;
  readonly tables: ReadonlyArray<{ readonly name: string; readonly schema: string }>;
  readonly constants: ReadonlyArray<{
    readonly name: string;
    readonly type?: string;
    readonly value: PactExpr;
  }>;
  /** Functions that call `(emit-event (CAP …))`, by function name. */
  readonly emittedEvents: ReadonlyMap<string, readonly string[]>;
  /** Capabilities each function acquires with `with-capability`, by function name. */
  readonly acquiredCapabilities: ReadonlyMap<string, readonly string[]>;
  /** Tables created by `(if (read-msg "upgrade") … [(create-table …)…])`. */
  readonly createdTables: readonly string[];
}

export function analyzePactModuleSource(source: string): PactModuleSignature {
  const program = parsePactProgram(source);
  const issues: Issue[] = [];
  const modules = program.filter((t): t is PactModule => t.kind === 'module');
  if (modules.length !== 1)
    throw new PactSyntaxError('check_error', `expected exactly one module, found ${modules.length}`, 1, 1);
  const module = modules[0]!;

  const first = program[0];
  const namespaceCall = first?.kind === 'expr' ? appOf(first.expr, 'namespace') : undefined;
  if (!namespaceCall) issues.push({ message: 'the file must start with (namespace …)', pos: module.pos });

  const signature = checkModule(module, issues);

  const createdTables: string[] = [];
  const upgradeGuards = program.filter((t) => t.kind === 'expr' && isUpgradeGuard(t.expr));
  if (upgradeGuards.length !== 1) {
    issues.push({
      message: 'expected one (if (read-msg "upgrade") [...] [(create-table …)…]) after the module',
      pos: module.pos,
    });
  } else {
    const guard = (upgradeGuards[0] as { kind: 'expr'; expr: PactExpr & { kind: 'app' } }).expr;
    const fresh = guard.args[2];
    if (!fresh || fresh.kind !== 'list') {
      issues.push({
        message: 'the first deployment branch must be a list of (create-table …)',
        pos: guard.pos,
      });
    } else {
      for (const item of fresh.items) {
        const create = appOf(item, 'create-table');
        const table = create?.args[0];
        if (!create || create.args.length !== 1 || table?.kind !== 'var')
          issues.push({ message: 'expected (create-table <table>)', pos: item.pos });
        else createdTables.push(table.name);
      }
    }
  }
  const tableNames = signature.tables.map((t) => t.name).sort();
  if (JSON.stringify([...createdTables].sort()) !== JSON.stringify(tableNames)) {
    issues.push({
      message: `the first deployment must create exactly the tables [${tableNames.join(', ')}], it creates [${createdTables.join(', ')}]`,
      pos: module.pos,
    });
  }
  throwIssues(issues);
  return { ...signature, createdTables };
}

interface Issue {
  readonly message: string;
  readonly pos: SourcePosition;
}

function throwIssues(issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const first = issues[0]!;
  const detail = issues.map((i) => `${i.pos.line}:${i.pos.column} ${i.message}`).join('; ');
  throw new PactSyntaxError('check_error', detail, first.pos.line, first.pos.column);
}

function isUpgradeGuard(expr: PactExpr): boolean {
  const ifApp = appOf(expr, 'if');
  if (!ifApp || ifApp.args.length !== 3) return false;
  const condition = appOf(ifApp.args[0], 'read-msg');
  const key = condition?.args[0];
  return key?.kind === 'string' && key.value === 'upgrade';
}

function appOf(expr: PactAppArg | undefined, name: string): (PactExpr & { kind: 'app' }) | undefined {
  if (expr?.kind === 'app' && expr.fn.kind === 'var' && expr.fn.name === name) return expr;
  return undefined;
}

type CallableDef = Extract<PactDef, { kind: 'defun' | 'defcap' | 'defpact' }>;

function checkModule(module: PactModule, issues: Issue[]): Omit<PactModuleSignature, 'createdTables'> {
  const byName = new Map<string, PactDef>();
  for (const def of module.defs) {
    if (byName.has(def.name)) issues.push({ message: `${def.name} is defined twice`, pos: def.pos });
    byName.set(def.name, def);
    if (PACT_NATIVES.has(def.name) || PACT_SPECIAL_FORMS.has(def.name))
      issues.push({ message: `${def.name} shadows a Pact native`, pos: def.pos });
  }
  const schemas = new Map(module.defs.flatMap((d) => (d.kind === 'defschema' ? [[d.name, d] as const] : [])));
  const tables = new Map(module.defs.flatMap((d) => (d.kind === 'deftable' ? [[d.name, d] as const] : [])));
  const callable = (name: string): CallableDef | undefined => {
    const def = byName.get(name);
    return def && (def.kind === 'defun' || def.kind === 'defcap' || def.kind === 'defpact') ? def : undefined;
  };
  const capability = (name: string): Extract<PactDef, { kind: 'defcap' }> | undefined => {
    const def = byName.get(name);
    return def?.kind === 'defcap' ? def : undefined;
  };
  const schemaFields = (schemaName: string): string[] | undefined =>
    schemas.get(schemaName)?.fields.map((f) => f.name);

  const checkType = (type: string | undefined, pos: SourcePosition): void => {
    if (type === undefined) return;
    const match = /^\[?(object|table)\{([^}]+)\}\]?$/.exec(type);
    if (match && !match[2]!.includes('.') && !schemas.has(match[2]!))
      issues.push({ message: `unknown schema ${match[2]} in type ${type}`, pos });
  };

  if (module.governance.kind === 'capability') {
    const gov = capability(module.governance.name);
    if (!gov)
      issues.push({
        message: `governance ${module.governance.name} is not a defcap of the module`,
        pos: module.pos,
      });
    else if (gov.params.length !== 0)
      issues.push({ message: `governance capability ${gov.name} must take no arguments`, pos: gov.pos });
  }

  for (const def of module.defs) {
    if (def.kind === 'deftable' && !schemas.has(def.schema))
      issues.push({ message: `table ${def.name} uses unknown schema ${def.schema}`, pos: def.pos });
    if (def.kind === 'defschema') for (const f of def.fields) checkType(f.type, f.pos);
    if (def.kind === 'defun' || def.kind === 'defcap' || def.kind === 'defpact') {
      checkType(def.returnType, def.pos);
      for (const p of def.params) checkType(p.type, p.pos);
      const seen = new Set<string>();
      for (const p of def.params) {
        if (seen.has(p.name))
          issues.push({ message: `${def.name} has two parameters named ${p.name}`, pos: p.pos });
        seen.add(p.name);
      }
    }
  }

  const emittedEvents = new Map<string, string[]>();
  const acquiredCapabilities = new Map<string, string[]>();

  const walk = (
    expr: PactAppArg,
    locals: ReadonlySet<string>,
    owner: string,
    partialAllowed: boolean,
  ): void => {
    switch (expr.kind) {
      case 'var': {
        if (expr.name.includes('.') || expr.name.includes('::')) return;
        if (
          locals.has(expr.name) ||
          byName.has(expr.name) ||
          PACT_NATIVES.has(expr.name) ||
          PACT_SPECIAL_FORMS.has(expr.name)
        ) {
          const def = byName.get(expr.name);
          if (def?.kind === 'defschema' && !locals.has(expr.name))
            issues.push({ message: `schema ${expr.name} used as a value`, pos: expr.pos });
          return;
        }
        issues.push({ message: `unbound name ${expr.name}`, pos: expr.pos });
        return;
      }
      case 'list':
        for (const item of expr.items) walk(item, locals, owner, false);
        return;
      case 'object':
        for (const f of expr.fields) walk(f.value, locals, owner, false);
        return;
      case 'lambda': {
        const inner = new Set(locals);
        for (const p of expr.params) {
          checkType(p.type, p.pos);
          inner.add(p.name);
        }
        for (const e of expr.body) walk(e, inner, owner, false);
        return;
      }
      case 'let': {
        const inner = new Set(locals);
        for (const b of expr.binders) {
          walk(b.value, expr.star ? inner : locals, owner, false);
          checkType(b.arg.type, b.arg.pos);
          inner.add(b.arg.name);
        }
        for (const e of expr.body) walk(e, inner, owner, false);
        return;
      }
      case 'app':
        checkApp(expr, locals, owner, partialAllowed);
        return;
      case 'bindings':
      case 'integer':
      case 'decimal':
      case 'string':
      case 'bool':
      case 'unit':
        return;
    }
  };

  const checkApp = (
    app: PactExpr & { kind: 'app' },
    locals: ReadonlySet<string>,
    owner: string,
    partialAllowed: boolean,
  ): void => {
    walk(app.fn, locals, owner, false);
    const valueArgs = app.args.filter((a): a is PactExpr => a.kind !== 'bindings');
    const fnName = app.fn.kind === 'var' && !locals.has(app.fn.name) ? app.fn.name : undefined;
    const target = fnName ? callable(fnName) : undefined;
    if (target) {
      const arity = target.params.length;
      const ok = partialAllowed ? valueArgs.length <= arity : valueArgs.length === arity;
      if (!ok)
        issues.push({
          message: `${target.name} takes ${arity} arguments, called with ${valueArgs.length}`,
          pos: app.pos,
        });
    }
    if (
      fnName === 'with-capability' ||
      fnName === 'emit-event' ||
      fnName === 'require-capability' ||
      fnName === 'compose-capability' ||
      fnName === 'install-capability'
    ) {
      const capApp = valueArgs[0];
      const capName = capApp?.kind === 'app' && capApp.fn.kind === 'var' ? capApp.fn.name : undefined;
      if (!capName) {
        issues.push({ message: `${fnName} takes a capability application`, pos: app.pos });
      } else if (!capName.includes('.')) {
        const cap = capability(capName);
        if (!cap)
          issues.push({ message: `${fnName}: ${capName} is not a defcap of the module`, pos: app.pos });
        else if (fnName === 'emit-event' && cap.meta === undefined)
          issues.push({ message: `emit-event: ${capName} is neither @event nor @managed`, pos: app.pos });
        if (cap && fnName === 'emit-event')
          emittedEvents.set(owner, [...(emittedEvents.get(owner) ?? []), capName]);
        if (cap && fnName === 'with-capability')
          acquiredCapabilities.set(owner, [...(acquiredCapabilities.get(owner) ?? []), capName]);
      }
      if (fnName === 'with-capability' && valueArgs.length < 2)
        issues.push({ message: 'with-capability needs a capability and a body', pos: app.pos });
    }
    if (fnName && PACT_TABLE_NATIVES.has(fnName)) {
      const tableArg = valueArgs[0];
      const table = tableArg?.kind === 'var' ? tables.get(tableArg.name) : undefined;
      if (!table && !(tableArg?.kind === 'var' && tableArg.name.includes('.'))) {
        issues.push({ message: `${fnName}: the first argument must be a table of the module`, pos: app.pos });
      } else if (table) {
        const fields = schemaFields(table.schema) ?? [];
        const row = valueArgs[2];
        if ((fnName === 'insert' || fnName === 'write' || fnName === 'update') && row?.kind === 'object') {
          const keys = row.fields.map((f) => f.field);
          const unknown = keys.filter((k) => !fields.includes(k));
          if (unknown.length > 0)
            issues.push({
              message: `${fnName} ${table.name}: fields [${unknown.join(', ')}] are not in schema ${table.schema}`,
              pos: row.pos,
            });
          if (fnName !== 'update') {
            const missing = fields.filter((f) => !keys.includes(f));
            if (missing.length > 0)
              issues.push({
                message: `${fnName} ${table.name}: missing fields [${missing.join(', ')}] of schema ${table.schema}`,
                pos: row.pos,
              });
          }
        }
        if (fnName === 'with-read' || fnName === 'with-default-read') {
          const defaults = fnName === 'with-default-read' ? valueArgs[2] : undefined;
          if (defaults?.kind === 'object') {
            const unknown = defaults.fields.map((f) => f.field).filter((k) => !fields.includes(k));
            if (unknown.length > 0)
              issues.push({
                message: `${fnName} ${table.name}: default fields [${unknown.join(', ')}] are not in schema ${table.schema}`,
                pos: defaults.pos,
              });
          }
          for (const b of app.args) {
            if (b.kind !== 'bindings') continue;
            const unknown = b.pairs.map((p) => p.field).filter((k) => !fields.includes(k));
            if (unknown.length > 0)
              issues.push({
                message: `${fnName} ${table.name}: bound fields [${unknown.join(', ')}] are not in schema ${table.schema}`,
                pos: b.pos,
              });
            if (defaults?.kind === 'object') {
              const unset = b.pairs
                .map((p) => p.field)
                .filter((k) => !defaults.fields.some((f) => f.field === k));
              if (unset.length > 0)
                issues.push({
                  message: `${fnName} ${table.name}: bound fields [${unset.join(', ')}] have no default`,
                  pos: b.pos,
                });
            }
          }
        }
      }
    }
    // Binding forms scope over the arguments after them.
    let scope = locals;
    const childPartial = fnName !== undefined && PACT_HIGHER_ORDER.has(fnName);
    for (const arg of app.args) {
      if (arg.kind === 'bindings') {
        const inner = new Set(scope);
        for (const p of arg.pairs) {
          checkType(p.arg.type, p.arg.pos);
          inner.add(p.arg.name);
        }
        scope = inner;
      } else {
        walk(arg, scope, owner, childPartial);
      }
    }
  };

  // Objects a function returns must have exactly its declared schema's fields.
  const checkReturn = (def: Extract<PactDef, { kind: 'defun' }>): void => {
    const match = def.returnType ? /^object\{([^}.]+)\}$/.exec(def.returnType) : null;
    if (!match) return;
    const expected = schemaFields(match[1]!);
    if (!expected) return;
    for (const tail of tailExpressions(def.body[def.body.length - 1]!)) {
      let fields: string[] | undefined;
      let what = '';
      if (tail.kind === 'object') {
        fields = tail.fields.map((f) => f.field);
        what = 'the returned object';
      } else if (tail.kind === 'app' && tail.fn.kind === 'var') {
        const callee = callable(tail.fn.name);
        const calleeSchema = callee?.returnType
          ? /^object\{([^}.]+)\}$/.exec(callee.returnType)?.[1]
          : undefined;
        if (calleeSchema) {
          fields = schemaFields(calleeSchema);
          what = `the result of ${callee!.name}`;
        } else if (tail.fn.name === 'read' && tail.args[0]?.kind === 'var') {
          const table = tables.get(tail.args[0].name);
          fields = table ? schemaFields(table.schema) : undefined;
          what = `a row of ${tail.args[0].name}`;
        }
      }
      if (fields && JSON.stringify([...fields].sort()) !== JSON.stringify([...expected].sort())) {
        issues.push({
          message: `${def.name} returns object{${match[1]}} but ${what} has fields [${fields.join(', ')}]`,
          pos: tail.pos,
        });
      }
    }
  };

  for (const def of module.defs) {
    if (def.kind === 'defun' || def.kind === 'defcap') {
      const locals = new Set(def.params.map((p) => p.name));
      for (const e of def.body) walk(e, locals, def.name, false);
      if (def.kind === 'defun') checkReturn(def);
    } else if (def.kind === 'defpact') {
      const locals = new Set(def.params.map((p) => p.name));
      for (const step of def.steps) for (const e of step.exprs) walk(e, locals, def.name, false);
    } else if (def.kind === 'defconst') {
      walk(def.value, new Set(), def.name, false);
    }
  }

  return {
    name: module.name,
    governance: module.governance,
    functions: module.defs.flatMap((d) =>
      d.kind === 'defun' || d.kind === 'defpact'
        ? [
            {
              name: d.name,
              kind: d.kind,
              params: d.params,
              ...(d.returnType ? { returnType: d.returnType } : {}),
              ...(d.doc ? { doc: d.doc } : {}),
            },
          ]
        : [],
    ),
    capabilities: module.defs.flatMap((d) =>
      d.kind === 'defcap'
        ? [
            {
              name: d.name,
              params: d.params,
              event: d.meta?.kind === 'event',
              managed: d.meta?.kind === 'managed',
              ...(d.doc ? { doc: d.doc } : {}),
            },
          ]
        : [],
    ),
    schemas: [...schemas.values()].map((s) => ({ name: s.name, fields: s.fields })),
    tables: [...tables.values()].map((t) => ({ name: t.name, schema: t.schema })),
    constants: module.defs.flatMap((d) =>
      d.kind === 'defconst' ? [{ name: d.name, ...(d.type ? { type: d.type } : {}), value: d.value }] : [],
    ),
    emittedEvents,
    acquiredCapabilities,
  };
}

/** The expressions whose value becomes the value of EXPR (through let, do, if, with-capability and binding forms). */
function tailExpressions(expr: PactExpr): PactExpr[] {
  if (expr.kind === 'let') return tailExpressions(expr.body[expr.body.length - 1]!);
  if (expr.kind === 'app' && expr.fn.kind === 'var') {
    const last = expr.args[expr.args.length - 1];
    switch (expr.fn.name) {
      case 'if': {
        const [, thenBranch, elseBranch] = expr.args;
        return [thenBranch, elseBranch].flatMap((b) =>
          b && b.kind !== 'bindings' ? tailExpressions(b) : [],
        );
      }
      case 'do':
      case 'with-capability':
      case 'with-read':
      case 'with-default-read':
      case 'bind':
        return last && last.kind !== 'bindings' ? tailExpressions(last) : [];
      default:
        return [expr];
    }
  }
  return [expr];
}
