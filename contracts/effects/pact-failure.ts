import type { JsonValue } from './pact-value';

/**
 * A failed Pact transaction as the declared effects table reports it. `type` is what Pact 5 puts in
 * `result.error.type` (enforce and keyset failures are TxFailure, the rest EvalError). `exact` says
 * whether `message` is Pact's text byte for byte: messages of our own `enforce` calls are; messages
 * Pact itself composes (keyset failures, type and arity errors, SPV failures) are close renderings.
 */
export interface PactError {
  readonly type: 'TxFailure' | 'EvalError';
  readonly message: string;
  readonly exact: boolean;
}

/** Thrown inside an effect to abort the transaction (Pact rolls back every write and event). */
export class PactFailure extends Error {
  override readonly name = 'PactFailure';
  constructor(readonly error: PactError) {
    super(error.message);
  }
}

/** `(enforce cond msg)`: our own messages, so exact. */
export function enforce(condition: boolean, message: string): void {
  if (!condition) throw new PactFailure({ type: 'TxFailure', message, exact: true });
}

export function evalError(message: string): never {
  throw new PactFailure({ type: 'EvalError', message, exact: false });
}

/** `result.error` of a failed command result, as Pact 5 writes it (pact-5 PactOnChainError). */
export function pactErrorJson(error: PactError): JsonValue {
  return { callStack: [], type: error.type, message: error.message, info: '' };
}
