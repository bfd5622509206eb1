import { PactSyntaxError, parsePactExpression, type PactAppArg, type PactExpr } from '../pact-syntax';
import type { ContractCall } from './contract-effects-table';
import { CONTRACT_MODULES } from './contract-effects-table';
import type { ContractModuleName } from './contract-state';
import { PactDecimal, PactKeyset, PactTime, parsePactValueJson, type PactValue } from './pact-value';

export type ContractCallParseErrorCode =
  'syntax_error' | 'not_a_call' | 'not_our_module' | 'unsupported_argument' | 'missing_data' | 'bad_data';

export class ContractCallParseError extends Error {
  override readonly name = 'ContractCallParseError';
  constructor(
    readonly code: ContractCallParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedContractCall extends ContractCall {
  /** The namespace written in the call (`spv` in `(spv.spv-anchor.record-batch …)`), if any. */
  readonly namespace: string | undefined;
}

/**
 * Reads the code of an exec command that calls one of our module functions, as the devnet sees it:
 * `(<ns>.<module>.<function> arg …)` where each argument is a literal (string, integer, decimal,
 * bool, list, object, `(time "…")`) or reads the message data (`read-msg`, `read-string`,
 * `read-integer`, `read-decimal`, `read-keyset`). This is the shape PactCommandFactory builds.
 */
export function parseContractCall(code: string, data: unknown = {}): ParsedContractCall {
  let expr: PactExpr;
  try {
    expr = parsePactExpression(code);
  } catch (error) {
    if (error instanceof PactSyntaxError) throw new ContractCallParseError('syntax_error', error.message);
    throw error;
  }
  if (expr.kind !== 'app' || expr.fn.kind !== 'var')
    throw new ContractCallParseError('not_a_call', 'the code is not a single function call');
  const parts = expr.fn.name.split('.');
  if (parts.length < 2 || parts.length > 3)
    throw new ContractCallParseError('not_our_module', `${expr.fn.name} is not a module function`);
  const fn = parts[parts.length - 1]!;
  const module = parts[parts.length - 2]!;
  if (!(CONTRACT_MODULES as readonly string[]).includes(module))
    throw new ContractCallParseError(
      'not_our_module',
      `${module} is not one of ${CONTRACT_MODULES.join(', ')}`,
    );
  const args = expr.args.map((arg) => argumentValue(arg, data));
  return {
    namespace: parts.length === 3 ? parts[0] : undefined,
    module: module as ContractModuleName,
    function: fn,
    args,
  };
}

function argumentValue(arg: PactAppArg, data: unknown): PactValue {
  switch (arg.kind) {
    case 'string':
      return arg.value;
    case 'integer':
      return arg.value;
    case 'decimal':
      return PactDecimal.parse(arg.text);
    case 'bool':
      return arg.value;
    case 'list':
      return Object.freeze(arg.items.map((item) => argumentValue(item, data)));
    case 'object':
      return Object.freeze(
        Object.fromEntries(arg.fields.map((f) => [f.field, argumentValue(f.value, data)])),
      );
    case 'app': {
      const name = arg.fn.kind === 'var' ? arg.fn.name : undefined;
      const key = arg.args[0];
      if (arg.args.length !== 1 || key?.kind !== 'string') break;
      if (name === 'time') {
        try {
          return PactTime.parseIso(key.value);
        } catch {
          throw new ContractCallParseError(
            'unsupported_argument',
            `(time ${JSON.stringify(key.value)}) is not a Pact time`,
          );
        }
      }
      if (
        name === 'read-msg' ||
        name === 'read-string' ||
        name === 'read-integer' ||
        name === 'read-decimal' ||
        name === 'read-keyset'
      ) {
        return readData(name, key.value, data);
      }
      break;
    }
    case 'var':
    case 'unit':
    case 'lambda':
    case 'let':
    case 'bindings':
      break;
  }
  throw new ContractCallParseError(
    'unsupported_argument',
    `argument at ${arg.pos.line}:${arg.pos.column} is not a literal or a read of the message data`,
  );
}

function readData(reader: string, key: string, data: unknown): PactValue {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.hasOwn(data, key)) {
    throw new ContractCallParseError(
      'missing_data',
      `${reader}: the message data has no key ${JSON.stringify(key)}`,
    );
  }
  const raw = (data as Record<string, unknown>)[key];
  let value: PactValue;
  try {
    value = parsePactValueJson(raw);
  } catch (error) {
    throw new ContractCallParseError('bad_data', `${reader} ${key}: ${(error as Error).message}`);
  }
  switch (reader) {
    case 'read-msg':
      return value;
    case 'read-string':
      if (typeof raw !== 'string')
        throw new ContractCallParseError('bad_data', `read-string ${key}: not a string`);
      return raw;
    case 'read-integer':
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return BigInt(raw);
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return BigInt(raw);
      if (typeof value === 'bigint') return value;
      throw new ContractCallParseError('bad_data', `read-integer ${key}: not an integer`);
    case 'read-decimal':
      if (value instanceof PactDecimal) return value;
      if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) return PactDecimal.parse(raw);
      throw new ContractCallParseError('bad_data', `read-decimal ${key}: not a decimal`);
    default:
      if (value instanceof PactKeyset) return value;
      throw new ContractCallParseError('bad_data', `read-keyset ${key}: not a keyset`);
  }
}
