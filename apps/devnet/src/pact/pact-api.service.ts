import { toBase64Url } from '@spv-cloud/chainweb';
import type { DevnetChain } from '../chain/devnet-chain';
import type { StoredBlock, TransactionLocation } from '../chain/chain-store';
import { devnetSpvVerifier } from '../spv/devnet-spv-verifier';
import { withBlockMetaData } from './command-result';
import { insertError, rejectedBatchText } from './command-validation';
import type { Mempool } from './mempool';
import {
  hasValidHash,
  JsonShapeError,
  parseCommandJson,
  parseListenRequestJson,
  parsePollRequestJson,
  parseSubmitBatchJson,
  type ParsedPactCommand,
  signatureProblem,
  withPayload,
} from './pact-command';
import { TransactionExecutor } from './transaction-executor';

/** A failure the REST layer answers with HTTP 400 and this text (servant's setErrText / decode errors). */
export class PactApiError extends Error {
  override readonly name = 'PactApiError';
  constructor(
    readonly status: 400 | 504,
    readonly text: string,
  ) {
    super(text);
  }
}

export interface LocalOptions {
  readonly preflight: boolean;
  readonly signatureVerification: boolean;
}

/**
 * The Pact service API of chainweb-node (Pact/RestAPI/Server.hs) over the devnet: /send validates
 * every command of a batch (all or nothing) and queues them for the next block of the chain; /poll
 * and /listen read results from blocks (with block metadata); /local runs a command against the
 * current state without committing anything.
 */
export class PactApiService {
  constructor(
    private readonly chain: DevnetChain,
    private readonly mempool: Mempool,
    private readonly clock: () => number = () => Date.now() * 1000,
  ) {}

  send(chainId: number, body: unknown): { requestKeys: string[] } {
    const commands = decode(() => parseSubmitBatchJson(body));
    const parsed: ParsedPactCommand[] = [];
    for (const command of commands) {
      try {
        parsed.push(withPayload(command));
      } catch (error) {
        if (error instanceof JsonShapeError)
          throw new PactApiError(400, `reading JSON for transaction failed: ${error.message}`);
        throw error;
      }
    }
    const batch = new Set<string>();
    const failures: Array<{ index: number; requestKey: string; error: string }> = [];
    const now = this.clock();
    parsed.forEach((command, index) => {
      const error = insertError(command, {
        chainId,
        networkId: this.chain.version.name,
        now,
        store: this.chain.store,
        mempool: this.mempool,
        batch,
      });
      if (error !== undefined) failures.push({ index, requestKey: command.hash, error });
      batch.add(command.hash);
    });
    if (failures.length > 0) throw new PactApiError(400, rejectedBatchText(failures));
    for (const command of parsed) this.mempool.add(chainId, command);
    return { requestKeys: parsed.map((c) => c.hash) };
  }

  poll(chainId: number, body: unknown, confirmationDepth = 0): Record<string, unknown> {
    const requestKeys = decode(() => parsePollRequestJson(body));
    const results: Record<string, unknown> = {};
    for (const requestKey of requestKeys) {
      const result = this.result(chainId, requestKey, confirmationDepth);
      if (result !== undefined) results[requestKey] = result;
    }
    return results;
  }

  /** The CommandResult once the request key is in a block; 504 after `timeoutMs`, as the node does. */
  async listen(chainId: number, body: unknown, closed: Promise<void>, timeoutMs: number): Promise<unknown> {
    const requestKey = decode(() => parseListenRequestJson(body));
    const now = this.result(chainId, requestKey, 0);
    if (now !== undefined) return now;
    const store = this.chain.store;
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        store.off('cut', onCut);
      };
      const onCut = (): void => {
        const result = this.result(chainId, requestKey, 0);
        if (result === undefined) return;
        finish();
        resolve(result);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new PactApiError(504, ''));
      }, timeoutMs);
      store.on('cut', onCut);
      void closed.then(() => {
        finish();
        reject(new PactApiError(504, ''));
      });
    });
  }

  local(chainId: number, body: unknown, options: LocalOptions): unknown {
    const command = decode(() => parseCommandJson(body));
    let parsed: ParsedPactCommand;
    try {
      parsed = withPayload(command);
    } catch (error) {
      if (error instanceof JsonShapeError) throw new PactApiError(400, `Validation failed: ${error.message}`);
      throw error;
    }
    const problems: string[] = [];
    if (!hasValidHash(parsed)) problems.push('The hash of the payload was invalid.');
    else if (options.signatureVerification) {
      const problem = signatureProblem(parsed, parsed.payload.signers);
      if (problem !== undefined) problems.push(problem);
    }
    if (problems.length > 0) throw metadataFailure(problems);
    const head = this.chain.store.head(chainId);
    if (options.preflight) {
      const preflightProblems = this.preflightProblems(chainId, parsed, head, options);
      if (preflightProblems.length > 0) throw metadataFailure(preflightProblems);
    }
    const executor = new TransactionExecutor(this.chain.state(chainId));
    const block = {
      chainId,
      blockHeight: head.header.height + 1,
      blockTime: head.header.creationTime,
      verifySpv: devnetSpvVerifier(this.chain.store, chainId, head.header.height),
      local: true,
    };
    let outcome: ReturnType<TransactionExecutor['execute']>;
    try {
      outcome = executor.execute(parsed, block, [], 0);
    } catch (error) {
      outcome = executor.internalFailure(parsed, error);
    }
    const result = { ...outcome.output, txId: null };
    if (!options.preflight) return result;
    const meta = parsed.payload.meta;
    return {
      preflightResult: {
        ...result,
        metaData: {
          blockHeight: head.header.height + 1,
          blockTime: Number(head.header.creationTime),
          prevBlockHash: toBase64Url(head.header.hash),
          publicMeta: {
            chainId: meta.chainId,
            creationTime: meta.creationTime,
            gasLimit: meta.gasLimit,
            gasPrice: meta.gasPrice,
            sender: meta.sender,
            ttl: meta.ttl,
          },
        },
      },
      preflightWarnings: [],
    };
  }

  /** The result with /poll's block metadata, if the request key is in a block at least `depth` deep. */
  result(chainId: number, requestKey: string, depth: number): unknown {
    const store = this.chain.store;
    const location: TransactionLocation | undefined = store.locate(chainId, requestKey);
    if (location === undefined || location.height > store.height - depth) return undefined;
    const block = store.at(chainId, location.height) as StoredBlock;
    const output = block.payload.outputs?.[location.txIndex];
    if (output === undefined) return undefined;
    return withBlockMetaData(output, {
      blockHash: toBase64Url(block.header.hash),
      blockHeight: block.header.height,
      blockTime: Number(block.header.creationTime),
      prevBlockHash: toBase64Url(block.header.parent),
    });
  }

  /** Pact5 assertPreflightMetadata (Pact5/Validations.hs), with its texts. */
  private preflightProblems(
    chainId: number,
    command: ParsedPactCommand,
    head: StoredBlock,
    options: LocalOptions,
  ): string[] {
    const { meta, networkId, signers } = command.payload;
    const problems: string[] = [];
    if (meta.chainId !== String(chainId)) problems.push('Chain id mismatch');
    if (networkId !== this.chain.version.name) problems.push('Network id mismatch');
    if (command.sigs.length > 100) problems.push('Signature list size too big');
    if (options.signatureVerification && signatureProblem(command, signers) !== undefined) {
      problems.push('Invalid transaction signatures');
    }
    const parentTime = Number(head.header.creationTime) / 1_000_000;
    const inRange =
      meta.ttl > 0 &&
      meta.creationTime >= 0 &&
      meta.creationTime + meta.ttl > parentTime &&
      meta.ttl <= 2 * 24 * 3600;
    if (!inRange) problems.push('Tx time outside of valid range');
    return problems;
  }
}

function decode<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof JsonShapeError) throw new PactApiError(400, error.message);
    throw error;
  }
}

function metadataFailure(problems: readonly string[]): PactApiError {
  return new PactApiError(400, `Metadata validation failed: ${JSON.stringify(problems)}`);
}
