import { blake2b256, toBase64Url } from '@spv-cloud/chainweb';
import type { ChainContractState, StateChange } from './chain-contract-state';
import {
  contracts,
  type ContractEnv,
  type ContractModuleName,
  type PactAppArg,
  type PactError,
  type PactExpr,
  type PactTopLevel,
  type PactValue,
  pactSyntax,
} from './contracts-package';

/**
 * The deployment transactions of our Pact modules, evaluated without Pact: contracts/keysets/keysets.pact
 * (`namespace` + `define-keyset` from message data) and each module file (`namespace`, the module,
 * the `(if (read-msg "upgrade") … [(create-table …)])` guard). A module is accepted only when its source
 * passes the contracts' static checks and declares exactly the functions of the effects table, since
 * that table, not the source, is what the devnet runs.
 */
export type DeploymentOutcome =
  | { readonly ok: true; readonly result: PactValue; readonly changes: readonly StateChange[] }
  | { readonly ok: false; readonly error: PactError };

class DeploymentFailure extends Error {
  constructor(
    readonly type: PactError['type'],
    message: string,
  ) {
    super(message);
  }
}

const fail = (message: string, type: PactError['type'] = 'EvalError'): never => {
  throw new DeploymentFailure(type, message);
};

/** Whether code is a deployment program the devnet evaluates (it defines a keyset or one of our modules). */
export function isDeploymentProgram(program: readonly PactTopLevel[]): boolean {
  return program.some(
    (top) =>
      (top.kind === 'module' && (contracts.CONTRACT_MODULES as readonly string[]).includes(top.name)) ||
      (top.kind === 'expr' && appName(top.expr) === 'define-keyset'),
  );
}

export function parsePactProgramOrUndefined(code: string): PactTopLevel[] | undefined {
  try {
    return pactSyntax.parsePactProgram(code);
  } catch {
    return undefined;
  }
}

export function applyDeployment(
  code: string,
  program: readonly PactTopLevel[],
  data: unknown,
  state: ChainContractState,
  env: ContractEnv,
): DeploymentOutcome {
  const changes: StateChange[] = [];
  let namespace: string | undefined;
  let result: PactValue = contracts.PactUnit.value;
  try {
    for (const top of program) {
      if (top.kind === 'module') {
        const module = deployModule(code, top.name, namespace, data, state, env, changes);
        result = `Loaded module ${namespace}.${top.name}, hash ${module.hash}`;
        continue;
      }
      if (top.kind !== 'expr') fail(`The devnet does not execute ${top.kind} forms`);
      const expr = (top as { expr: PactExpr }).expr;
      switch (appName(expr)) {
        case 'namespace': {
          const ns = stringOf(arg(expr, 0), data);
          if (!state.hasNamespace(ns)) fail(`Namespace does not exist: ${ns}`);
          namespace = ns;
          result = `Namespace set to ${ns}`;
          break;
        }
        case 'define-keyset':
          result = defineKeyset(expr, namespace, data, state, env, changes);
          break;
        case 'if':
          result = upgradeGuard(expr, data, changes);
          break;
        case 'create-table':
          fail('create-table outside a module deployment is not supported by the devnet');
          break;
        default:
          fail(
            'The devnet does not execute arbitrary Pact: a deployment may only contain namespace, define-keyset, our modules and their upgrade guard',
          );
      }
    }
  } catch (error) {
    if (error instanceof DeploymentFailure)
      return { ok: false, error: { type: error.type, message: error.message, exact: false } };
    throw error;
  }
  return { ok: true, result, changes };
}

function deployModule(
  code: string,
  name: string,
  namespace: string | undefined,
  data: unknown,
  state: ChainContractState,
  env: ContractEnv,
  changes: StateChange[],
): { hash: string } {
  if (!(contracts.CONTRACT_MODULES as readonly string[]).includes(name)) {
    fail(`The devnet only loads the modules ${contracts.CONTRACT_MODULES.join(', ')}, not ${name}`);
  }
  const module = name as ContractModuleName;
  if (namespace === undefined) fail(`Module ${name} must be loaded in a namespace: (namespace "free") first`);
  const ns = namespace as string;
  const nsData = readData(data, 'ns');
  if (nsData !== ns) {
    fail(
      `The message data "ns" (${JSON.stringify(nsData)}) must name the namespace the module loads into (${ns})`,
    );
  }
  let signature: ReturnType<typeof pactSyntax.analyzePactModuleSource>;
  try {
    signature = pactSyntax.analyzePactModuleSource(code);
  } catch (error) {
    return fail(`Module ${name} does not load: ${(error as Error).message}`);
  }
  checkAgainstEffectsTable(module, signature.functions);
  const deployed = state.deployedModule(ns, module) ?? pendingModule(changes, ns, module);
  if (deployed !== undefined) {
    const keysetName = `${ns}${contracts.ADMIN_KEYSET_SUFFIX}`;
    try {
      contracts.enforceKeysetForCapability(
        state.keyset(keysetName),
        keysetName,
        env,
        `${ns}.${module}.GOVERNANCE`,
        [],
      );
    } catch (error) {
      const pactError = (error as { error?: PactError }).error;
      fail(pactError?.message ?? (error as Error).message, pactError?.type ?? 'EvalError');
    }
  }
  const hash = toBase64Url(blake2b256(Buffer.from(`${ns}.${module}\n${code}`)));
  changes.push({ kind: 'module', namespace: ns, module, hash });
  return { hash };
}

function pendingModule(
  changes: readonly StateChange[],
  namespace: string,
  module: string,
): { hash: string } | undefined {
  return changes.find((c) => c.kind === 'module' && c.namespace === namespace && c.module === module) as
    { hash: string } | undefined;
}

function checkAgainstEffectsTable(
  module: ContractModuleName,
  functions: ReadonlyArray<{ name: string; params: ReadonlyArray<{ name: string; type?: string }> }>,
): void {
  const declared = contracts.CONTRACT_EFFECTS.filter((e) => e.module === module);
  const render = (
    fns: ReadonlyArray<{ name: string; params: ReadonlyArray<{ name: string; type?: string }> }>,
  ): string[] =>
    fns.map((f) => `${f.name}(${f.params.map((p) => `${p.name}:${p.type ?? ''}`).join(' ')})`).sort();
  const source = render(functions);
  const table = render(declared);
  if (JSON.stringify(source) !== JSON.stringify(table)) {
    const extra = source.filter((f) => !table.includes(f));
    const missing = table.filter((f) => !source.includes(f));
    fail(
      `The devnet applies ${module} through its declared effects table, which this source does not match` +
        ` (not in the table: [${extra.join(', ')}]; missing from the source: [${missing.join(', ')}])`,
    );
  }
}

function defineKeyset(
  expr: PactExpr,
  namespace: string | undefined,
  data: unknown,
  state: ChainContractState,
  env: ContractEnv,
  changes: StateChange[],
): string {
  const name = stringOf(arg(expr, 0), data);
  const dot = name.indexOf('.');
  const keysetNamespace = dot > 0 ? name.slice(0, dot) : undefined;
  if (keysetNamespace === undefined || !state.hasNamespace(keysetNamespace)) {
    fail(`Keyset name ${name} must be qualified by a namespace`);
  }
  if (namespace !== undefined && keysetNamespace !== namespace) {
    fail(`Mismatching keyset namespace: ${name} in namespace ${namespace}`);
  }
  const keysetExpr = arg(expr, 1);
  if (appName(keysetExpr) !== 'read-keyset')
    fail('define-keyset: the devnet reads keysets only with (read-keyset "<key>")');
  const keyset = readKeyset(stringOf(arg(keysetExpr, 0), data), data);
  const existing = [...changes].reverse().find((c) => c.kind === 'keyset' && c.name === name) as
    { keyset: InstanceType<typeof contracts.PactKeyset> } | undefined;
  const current = existing?.keyset ?? state.keyset(name);
  if (current !== undefined) {
    try {
      // Rotating a keyset enforces the current one, outside any capability: only unscoped signatures count.
      contracts.enforceKeysetForCapability(current, name, env, 'define-keyset', []);
    } catch (error) {
      const pactError = (error as { error?: PactError }).error;
      fail(pactError?.message ?? (error as Error).message, pactError?.type ?? 'TxFailure');
    }
  }
  changes.push({ kind: 'keyset', name, keyset });
  return 'Keyset write success';
}

function readKeyset(key: string, data: unknown): InstanceType<typeof contracts.PactKeyset> {
  const raw = readData(data, key);
  const object = Array.isArray(raw)
    ? { keys: raw, pred: 'keys-all' }
    : (raw as { keys?: unknown; pred?: unknown } | undefined);
  const keys = object?.keys;
  const pred = object?.pred ?? 'keys-all';
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && /^[0-9a-f]{64}$/.test(k))) {
    fail(`read-keyset ${key}: expected {"keys": [64-hex-digit ED25519 public keys], "pred"}`);
  }
  if (pred !== 'keys-all' && pred !== 'keys-any' && pred !== 'keys-2')
    fail(`read-keyset ${key}: unknown predicate ${JSON.stringify(pred)}`);
  return new contracts.PactKeyset(keys as string[], pred as 'keys-all' | 'keys-any' | 'keys-2');
}

/** `(if (read-msg "upgrade") [...] [(create-table …)…])`: the tables of a fresh deployment exist implicitly. */
function upgradeGuard(expr: PactExpr, data: unknown, changes: readonly StateChange[]): PactValue {
  const condition = arg(expr, 0);
  const upgrade =
    appName(condition) === 'read-msg' ? readData(data, stringOf(arg(condition, 0), data)) : undefined;
  if (typeof upgrade !== 'boolean')
    fail('The devnet evaluates (if …) only as a module deployment guard on (read-msg "upgrade")');
  const deployedHere = changes.some((c) => c.kind === 'module');
  if (!deployedHere) fail('The upgrade guard must follow a module');
  const branch = arg(expr, upgrade ? 1 : 2);
  if (branch.kind !== 'list') fail('The upgrade guard branches must be lists');
  return Object.freeze(
    (branch as PactExpr & { kind: 'list' }).items.map((item): PactValue => {
      if (item.kind === 'string') return item.value;
      if (appName(item) === 'create-table') return 'TableCreated';
      return fail('The devnet evaluates only strings and (create-table …) in the upgrade guard');
    }),
  );
}

function appName(expr: PactExpr | PactAppArg | undefined): string | undefined {
  return expr?.kind === 'app' && expr.fn.kind === 'var' ? expr.fn.name : undefined;
}

function arg(expr: PactExpr, index: number): PactExpr {
  const found = expr.kind === 'app' ? expr.args[index] : undefined;
  if (found === undefined || found.kind === 'bindings')
    return fail(`${appName(expr) ?? 'form'}: missing argument ${index + 1}`);
  return found;
}

function readData(data: unknown, key: string): unknown {
  if (data === null || typeof data !== 'object' || !Object.hasOwn(data, key)) {
    return fail(`read-msg: the message data has no key ${JSON.stringify(key)}`);
  }
  return (data as Record<string, unknown>)[key];
}

/** Strings of deployment code: literals, (read-string k), (read-msg k) and (+ s …). */
function stringOf(expr: PactExpr, data: unknown): string {
  if (expr.kind === 'string') return expr.value;
  const name = appName(expr);
  if (name === 'read-string' || name === 'read-msg') {
    const value = readData(data, stringOf(arg(expr, 0), data));
    if (typeof value !== 'string') fail(`${name}: ${JSON.stringify(value)} is not a string`);
    return value as string;
  }
  if (name === '+' && expr.kind === 'app') {
    return expr.args
      .map((a) => (a.kind === 'bindings' ? fail('+: bad argument') : stringOf(a, data)))
      .join('');
  }
  return fail('The devnet evaluates only string literals, read-string, read-msg and + in deployment code');
}
