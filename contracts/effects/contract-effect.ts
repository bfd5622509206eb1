import { enforceKeysetForCapability, type ContractEnv } from './contract-env';
import type { ContractModuleName, TransactionState } from './contract-state';
import type { PactValue } from './pact-value';

/** An event a call emitted: `<namespace>.<module>.<name>` with its parameters. */
export interface ContractEvent {
  readonly module: ContractModuleName;
  readonly namespace: string;
  readonly name: string;
  readonly params: readonly PactValue[];
}

/** What an effect may do while it runs: read/write through the transaction, emit, acquire capabilities. */
export class EffectContext {
  readonly events: ContractEvent[] = [];

  constructor(
    readonly state: TransactionState,
    readonly env: ContractEnv,
  ) {}

  get namespace(): string {
    return this.state.namespace;
  }

  /**
   * `(with-capability (CAP))` for a capability whose body is `(enforce-keyset <ns><suffix>)`
   * (GOVERNANCE and OPERATOR of every module).
   */
  acquireKeysetCapability(module: ContractModuleName, capability: string, keysetSuffix: string): void {
    const keysetName = `${this.namespace}${keysetSuffix}`;
    enforceKeysetForCapability(
      this.state.keyset(keysetName),
      keysetName,
      this.env,
      `${this.namespace}.${module}.${capability}`,
      [],
    );
  }

  emit(module: ContractModuleName, name: string, params: readonly PactValue[]): void {
    this.events.push({ module, namespace: this.namespace, name, params });
  }
}

export interface ContractParam {
  readonly name: string;
  /** Pact type as written in the module: string, integer, object, object{schema}, … */
  readonly type: string;
}

/**
 * One row of the declared effects table: a public function of one of our modules, what it reads,
 * writes and emits, and `apply`, which computes exactly what Pact would (or throws PactFailure).
 */
export interface ContractFunctionEffect {
  readonly module: ContractModuleName;
  readonly name: string;
  readonly params: readonly ContractParam[];
  readonly returnType: string;
  /** transaction: writes rows and/or emits events; read: reads tables only; pure: no state. */
  readonly kind: 'transaction' | 'read' | 'pure';
  /** Capabilities acquired (with-capability), unqualified. */
  readonly capabilities: readonly string[];
  /** Events emitted on success, unqualified. */
  readonly events: readonly string[];
  /** Tables written on success. */
  readonly writes: readonly string[];
  /** Scans a whole table: meant for /local. */
  readonly scansTable?: boolean;
  /** The effect in one sentence (the README table). */
  readonly summary: string;
  apply(ctx: EffectContext, args: readonly PactValue[]): PactValue;
}
