import { EffectContext, type ContractEvent, type ContractFunctionEffect } from './contract-effect';
import type { ContractEnv } from './contract-env';
import {
  TransactionState,
  type ContractModuleName,
  type ContractStateView,
  type TableWrite,
} from './contract-state';
import { PactFailure, type PactError } from './pact-failure';
import { PROVENANCE_LOG_EFFECTS } from './provenance-log.effects';
import { SPV_ANCHOR_EFFECTS } from './spv-anchor.effects';
import { SPV_FORWARDER_EFFECTS } from './spv-forwarder.effects';
import { isPactObject, pactTypeOf, type PactValue } from './pact-value';

/** The declared effects table: every public function of our three modules. */
export const CONTRACT_EFFECTS: readonly ContractFunctionEffect[] = [
  ...SPV_ANCHOR_EFFECTS,
  ...PROVENANCE_LOG_EFFECTS,
  ...SPV_FORWARDER_EFFECTS,
];

export const CONTRACT_MODULES: readonly ContractModuleName[] = [
  'spv-anchor',
  'provenance-log',
  'spv-forwarder',
];

const BY_NAME = new Map(CONTRACT_EFFECTS.map((e) => [`${e.module}.${e.name}`, e]));

export function contractEffect(module: ContractModuleName, name: string): ContractFunctionEffect | undefined {
  return BY_NAME.get(`${module}.${name}`);
}

export interface ContractCall {
  readonly module: ContractModuleName;
  readonly function: string;
  readonly args: readonly PactValue[];
}

export type ContractCallOutcome =
  | {
      readonly ok: true;
      readonly result: PactValue;
      readonly events: readonly ContractEvent[];
      readonly writes: readonly TableWrite[];
    }
  | { readonly ok: false; readonly error: PactError };

/**
 * Applies one call as Pact would in a transaction: on success the result, the events and the row
 * writes (the new state is the old one plus `writes`); on failure a Pact-style error and nothing
 * else (Pact rolls back). The state view is not modified.
 */
export function applyContractCall(
  state: ContractStateView,
  env: ContractEnv,
  call: ContractCall,
): ContractCallOutcome {
  const effect = contractEffect(call.module, call.function);
  if (!effect)
    return failure('EvalError', `Cannot resolve ${state.namespace}.${call.module}.${call.function}`);
  if (call.args.length !== effect.params.length) {
    return failure(
      'EvalError',
      `Invalid number of arguments for ${call.module}.${call.function}: expected ${effect.params.length}, got ${call.args.length}`,
    );
  }
  for (let i = 0; i < effect.params.length; i++) {
    const param = effect.params[i]!;
    const arg = call.args[i] as PactValue;
    if (!matchesType(arg, param.type)) {
      return failure(
        'EvalError',
        `Runtime typecheck failure: argument ${param.name} of ${call.module}.${call.function} expects ${param.type}, got ${pactTypeOf(arg)}`,
      );
    }
  }
  const ctx = new EffectContext(new TransactionState(state), env);
  try {
    const result = effect.apply(ctx, call.args);
    return { ok: true, result, events: ctx.events, writes: ctx.state.writes };
  } catch (error) {
    if (error instanceof PactFailure) return { ok: false, error: error.error };
    throw error;
  }
}

function failure(type: PactError['type'], message: string): ContractCallOutcome {
  return { ok: false, error: { type, message, exact: false } };
}

function matchesType(value: PactValue, type: string): boolean {
  if (type.startsWith('[')) return Array.isArray(value);
  if (type === 'object' || type.startsWith('object{')) return isPactObject(value);
  return pactTypeOf(value) === type;
}
