import { invalidInput } from '../errors';
import { type BlockPayload, checkBytes } from './block-payload';
import { outputsTree, transactionsTree } from './payload-trees';
import { nodeHash } from '../merkle/merkle-log';

export interface PayloadBuildInput {
  readonly minerData: Uint8Array;
  readonly coinbase: Uint8Array;
  /** In block order; each transaction with the output its execution produced. */
  readonly transactions: ReadonlyArray<{ readonly transaction: Uint8Array; readonly output: Uint8Array }>;
}

/**
 * Builds a complete payload (PayloadWithOutputs) and computes its three hashes, as chainweb-node's
 * newPayloadWithOutputs does. The bytes are copied and kept verbatim.
 */
export function buildPayload(input: PayloadBuildInput): BlockPayload {
  if (typeof input !== 'object' || input === null) throw invalidInput('buildPayload: expected an object');
  checkBytes(input.minerData, 'minerData');
  checkBytes(input.coinbase, 'coinbase');
  if (!Array.isArray(input.transactions)) throw invalidInput('transactions: expected an array');
  const transactions: Buffer[] = [];
  const outputs: Buffer[] = [];
  input.transactions.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null)
      throw invalidInput(`transactions[${i}]: expected an object`);
    const { transaction, output } = entry as { transaction?: unknown; output?: unknown };
    checkBytes(transaction, `transactions[${i}].transaction`);
    checkBytes(output, `transactions[${i}].output`);
    transactions.push(Buffer.from(transaction));
    outputs.push(Buffer.from(output));
  });
  const minerData = Buffer.from(input.minerData);
  const coinbase = Buffer.from(input.coinbase);
  const transactionsHash = transactionsTree(minerData, transactions).root;
  const outputsHash = outputsTree(coinbase, outputs).root;
  return {
    transactions,
    outputs,
    minerData,
    coinbase,
    transactionsHash,
    outputsHash,
    payloadHash: nodeHash(transactionsHash, outputsHash),
  };
}
