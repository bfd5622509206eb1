import { PactFailure } from './pact-failure';
import { type PactKeyset, pactEquals, type PactObject, type PactTime, type PactValue } from './pact-value';

/** A signer of the command: its public key and the capabilities its signature is scoped to ([] = unscoped). */
export interface PactSigner {
  readonly pubKey: string;
  readonly caps: ReadonlyArray<{ readonly name: string; readonly args: readonly PactValue[] }>;
}

/**
 * `(verify-spv type proof)`. On chainweb, "TXOUT" returns the `result.data` object of the proven
 * transaction output, after checking the proof's chain is this chain, its root a canonical header (not
 * above the redeeming block's parent, within the root window) and the output a success. Implementations
 * must do the same (see README.md). Synchronous: resolve header lookups before applying the call.
 * The message of a failure becomes "SPV verification failure: <message>".
 */
export type SpvVerifier = (
  type: string,
  proof: PactObject,
) => { ok: true; data: PactObject } | { ok: false; message: string };

/** What a transaction sees of the chain: `(chain-data)`, the signatures, and the SPV backend. */
export interface ContractEnv {
  readonly chainId: string;
  readonly blockHeight: bigint;
  readonly blockTime: PactTime;
  readonly signers: readonly PactSigner[];
  /** Absent: verify-spv fails as in the Pact REPL ("SPV verification not supported"). */
  readonly verifySpv?: SpvVerifier;
}

/**
 * Keyset enforcement while acquiring capability `capName` (fully qualified, no arguments): a signature
 * counts when it is unscoped or scoped to that capability (Pact's signature scoping).
 */
export function enforceKeysetForCapability(
  keyset: PactKeyset | undefined,
  keysetName: string,
  env: ContractEnv,
  capName: string,
  capArgs: readonly PactValue[],
): void {
  if (!keyset)
    throw new PactFailure({ type: 'EvalError', message: `No such keyset: ${keysetName}`, exact: false });
  const inScope = new Set(
    env.signers
      .filter(
        (s) =>
          s.caps.length === 0 ||
          s.caps.some(
            (c) =>
              c.name === capName &&
              c.args.length === capArgs.length &&
              c.args.every((a, i) => pactEquals(a, capArgs[i]!)),
          ),
      )
      .map((s) => s.pubKey),
  );
  const keys = [...new Set(keyset.keys)];
  const matched = keys.filter((k) => inScope.has(k)).length;
  const satisfied =
    keyset.pred === 'keys-all'
      ? matched === keys.length
      : keyset.pred === 'keys-any'
        ? matched >= 1
        : matched >= 2;
  if (!satisfied) {
    throw new PactFailure({
      type: 'TxFailure',
      message: `Keyset failure (${keyset.pred}): [${keys.map((k) => k.slice(0, 10)).join(', ')}]`,
      exact: false,
    });
  }
}
