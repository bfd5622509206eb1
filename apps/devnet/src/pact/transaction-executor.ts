import { blake2b256, toBase64Url } from '@spv-cloud/chainweb';
import type { ChainContractState, StateChange } from '../contracts/chain-contract-state';
import {
  applyDeployment,
  isDeploymentProgram,
  parsePactProgramOrUndefined,
} from '../contracts/contract-deployment';
import {
  contracts,
  type ContractEnv,
  type ContractEvent,
  type PactError,
  type PactSigner,
  type PactValue,
  type SpvVerifier,
  type TableWrite,
} from '../contracts/contracts-package';
import { commandResultJson } from './command-result';
import type { ParsedPactCommand } from './pact-command';

/** What a transaction sees of its block, as Pact's (chain-data) gives it. */
export interface ExecutionBlock {
  readonly chainId: number;
  /** The height of the block the transaction is in. */
  readonly blockHeight: number;
  /** µs: the creation time of the parent block (Pact's block-time). */
  readonly blockTime: bigint;
  /** The SPV backend of (verify-spv), for proofs rooted at most at the parent block. */
  readonly verifySpv: SpvVerifier;
  /** Run by /local (nothing is committed; local-only natives are allowed). */
  readonly local?: boolean;
}

export interface ExecutionOutcome {
  /** The CommandResult as stored in the block (metaData null). */
  readonly output: Record<string, unknown>;
  /** State changes to commit; empty when the transaction failed. */
  readonly changes: readonly StateChange[];
  readonly succeeded: boolean;
}

/** Why a command is not run: chainweb would execute it; the devnet has no Pact interpreter. */
export const ARBITRARY_PACT_MESSAGE =
  'The devnet does not execute arbitrary Pact: it applies only calls of the SPV Cloud modules (spv-anchor, provenance-log, spv-forwarder) through their declared effects table, and their deployment';

/**
 * Runs one command of a block against the chain's contract state (plus the changes of the block's
 * earlier transactions): a call of one of our module functions through the declared effects table, a
 * deployment of our keysets or modules, or, for anything else, a failed transaction. Successful
 * transactions take the next txId.
 */
export class TransactionExecutor {
  constructor(private readonly state: ChainContractState) {}

  execute(
    command: ParsedPactCommand,
    block: ExecutionBlock,
    pending: readonly StateChange[],
    txId: number,
  ): ExecutionOutcome {
    const rpc = command.payload.rpc;
    const env = this.environment(command, block);
    if (rpc.kind === 'cont') {
      return failure(command, {
        type: 'EvalError',
        message: `The devnet does not execute defpact continuations (pact id ${rpc.pactId})`,
        exact: false,
      });
    }
    if (env === undefined) {
      return failure(command, {
        type: 'EvalError',
        message: 'Invalid capability arguments in the signers’ clist',
        exact: false,
      });
    }
    let call: ReturnType<typeof contracts.parseContractCall> | undefined;
    try {
      call = contracts.parseContractCall(rpc.code, rpc.data ?? {});
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error)) throw error;
      const code = (error as { code: string }).code;
      if (code === 'unsupported_argument' || code === 'missing_data' || code === 'bad_data') {
        return failure(command, { type: 'EvalError', message: error.message, exact: false });
      }
    }
    if (call !== undefined) return this.contractCall(command, call, env, pending, txId);

    const program = parsePactProgramOrUndefined(rpc.code);
    if (program === undefined) {
      return failure(command, {
        type: 'EvalError',
        message: `Pact parse error: ${ARBITRARY_PACT_MESSAGE}`,
        exact: false,
      });
    }
    if (isDeploymentProgram(program)) {
      const outcome = applyDeployment(rpc.code, program, rpc.data, this.state, env);
      if (!outcome.ok) return failure(command, outcome.error);
      return success(command, outcome.result, [], outcome.changes, txId, () => undefined);
    }
    const described = this.describe(program, block, pending);
    if (described !== undefined) {
      return 'error' in described
        ? failure(command, described.error)
        : success(command, described.result, [], [], txId, () => undefined);
    }
    return failure(command, { type: 'EvalError', message: ARBITRARY_PACT_MESSAGE, exact: false });
  }

  /** The result of a command whose execution threw: a failed transaction naming the defect. */
  internalFailure(command: ParsedPactCommand, error: unknown): ExecutionOutcome {
    const message = error instanceof Error ? error.message : String(error);
    return failure(command, {
      type: 'EvalError',
      message: `Devnet internal error: ${message}`,
      exact: false,
    });
  }

  private contractCall(
    command: ParsedPactCommand,
    call: ReturnType<typeof contracts.parseContractCall>,
    env: ContractEnv,
    pending: readonly StateChange[],
    txId: number,
  ): ExecutionOutcome {
    const module =
      call.namespace === undefined ? undefined : this.moduleHash(call.namespace, call.module, pending);
    if (call.namespace === undefined || module === undefined) {
      const name = `${call.namespace === undefined ? '' : `${call.namespace}.`}${call.module}`;
      return failure(command, { type: 'EvalError', message: cannotFindModule(name), exact: false });
    }
    const namespace = call.namespace;
    const outcome = contracts.applyContractCall(this.state.view(namespace, pending), env, call);
    if (!outcome.ok) return failure(command, outcome.error);
    const changes: StateChange[] = outcome.writes.map((write: TableWrite) => ({
      kind: 'row',
      namespace,
      module: write.module,
      table: write.table,
      key: write.key,
      row: write.row,
    }));
    return success(command, outcome.result, outcome.events, changes, txId, (event) =>
      this.moduleHash(event.namespace, event.module, pending),
    );
  }

  /**
   * `(describe-keyset "<ns>.<name>")` and `(describe-module "<ns>.<module>")` (the deploy tool's probes):
   * the keyset guard, and the module's {name, hash, tx_hash, code, interfaces} (local only, as in Pact 5).
   */
  private describe(
    program: ReturnType<typeof parsePactProgramOrUndefined> & object,
    block: ExecutionBlock,
    pending: readonly StateChange[],
  ): { result: PactValue } | { error: PactError } | undefined {
    const top = program.length === 1 ? program[0] : undefined;
    const expr = top?.kind === 'expr' ? top.expr : undefined;
    const native = expr?.kind === 'app' && expr.fn.kind === 'var' ? expr.fn.name : undefined;
    const arg = expr?.kind === 'app' && expr.args.length === 1 ? expr.args[0] : undefined;
    if ((native !== 'describe-keyset' && native !== 'describe-module') || arg?.kind !== 'string')
      return undefined;
    const name = arg.value;
    if (native === 'describe-keyset') {
      const keyset = this.state.keysetWith(name, pending);
      if (keyset === undefined) {
        return {
          error: { type: 'EvalError', message: `Cannot find keyset in database: ${name}`, exact: false },
        };
      }
      return { result: keyset };
    }
    if (!block.local) {
      return {
        error: {
          type: 'EvalError',
          message: 'Operation only allowed in local: describe-module',
          exact: false,
        },
      };
    }
    const dot = name.lastIndexOf('.');
    const hash = dot > 0 ? this.moduleHash(name.slice(0, dot), name.slice(dot + 1), pending) : undefined;
    if (hash === undefined)
      return { error: { type: 'EvalError', message: cannotFindModule(name), exact: false } };
    return {
      result: Object.freeze({ name, hash, tx_hash: hash, code: '', interfaces: Object.freeze([]) }),
    };
  }

  private moduleHash(namespace: string, module: string, pending: readonly StateChange[]): string | undefined {
    for (let i = pending.length - 1; i >= 0; i--) {
      const change = pending[i]!;
      if (change.kind === 'module' && change.namespace === namespace && change.module === module)
        return change.hash;
    }
    return this.state.deployedModule(namespace, module)?.hash;
  }

  private environment(command: ParsedPactCommand, block: ExecutionBlock): ContractEnv | undefined {
    let signers: PactSigner[];
    try {
      signers = command.payload.signers.map((signer) => ({
        pubKey: signer.pubKey,
        caps: (signer.clist ?? []).map((cap) => ({
          name: cap.name,
          args: cap.args.map((a) => contracts.parsePactValueJson(a)),
        })),
      }));
    } catch {
      return undefined;
    }
    return {
      chainId: String(block.chainId),
      blockHeight: BigInt(block.blockHeight),
      blockTime: contracts.PactTime.fromMicros(block.blockTime),
      signers,
      verifySpv: block.verifySpv,
    };
  }
}

/** Pact 5's NoSuchModule text (Pact/Core/Errors.hs: thsep ["Cannot find module: ", name]). */
function cannotFindModule(name: string): string {
  return `Cannot find module:  ${name}`;
}

function failure(command: ParsedPactCommand, error: PactError): ExecutionOutcome {
  return {
    output: commandResultJson({
      gas: 0,
      result: { status: 'failure', error: contracts.pactErrorJson(error) },
      reqKey: command.hash,
      logs: null,
      events: [],
      metaData: null,
      continuation: null,
      txId: null,
    }),
    changes: [],
    succeeded: false,
  };
}

function success(
  command: ParsedPactCommand,
  result: PactValue,
  events: readonly ContractEvent[],
  changes: readonly StateChange[],
  txId: number,
  moduleHashOf: (event: ContractEvent) => string | undefined,
): ExecutionOutcome {
  return {
    output: commandResultJson({
      gas: 0,
      result: { status: 'success', data: contracts.encodePactValueJson(result) },
      reqKey: command.hash,
      logs: transactionLogsHash(changes),
      events: events.map((event) => contracts.contractEventJson(event, moduleHashOf(event) ?? '')),
      metaData: null,
      continuation: null,
      txId,
    }),
    changes,
    succeeded: true,
  };
}

/** chainweb stores a hash of a transaction's Pact logs (its table writes) in `logs`. */
function transactionLogsHash(changes: readonly StateChange[]): string {
  const logs = changes.map((change) =>
    change.kind === 'row'
      ? {
          table: `${change.namespace}.${change.module}.${change.table}`,
          key: change.key,
          value: contracts.encodePactValueJson(change.row),
        }
      : change.kind === 'keyset'
        ? { table: 'SYS:KeySets', key: change.name, value: contracts.encodePactValueJson(change.keyset) }
        : { table: 'SYS:Modules', key: `${change.namespace}.${change.module}`, value: change.hash },
  );
  return toBase64Url(blake2b256(Buffer.from(JSON.stringify(logs))));
}
