import { ChainwebError, invalidInput } from '../errors';
import { HASH_LENGTH } from '../hash';

/**
 * A block payload as chainweb-node stores and serves it. Every byte string is kept exactly as
 * stored: Chainweb hashes these bytes, so re-serializing the JSON inside them would change the roots.
 *
 * `outputs` and `coinbase` are present together (PayloadWithOutputs) or absent together
 * (PayloadData, which carries only the recorded `outputsHash`).
 */
export interface BlockPayload {
  readonly transactions: readonly Buffer[];
  readonly outputs?: readonly Buffer[];
  readonly minerData: Buffer;
  readonly coinbase?: Buffer;
  readonly transactionsHash: Buffer;
  readonly outputsHash: Buffer;
  readonly payloadHash: Buffer;
}

/** One transaction of a payload with its output when the payload carries outputs. */
export interface PayloadTransaction {
  readonly transaction: Buffer;
  readonly output?: Buffer;
}

/** Position of transaction/output i in its tree: leaf 0 is the miner data / coinbase. */
export const FIRST_TRANSACTION_LEAF = 1;

/** Leaf positions in the BlockPayload tree. */
export const PAYLOAD_LEAF = { transactionsHash: 0, outputsHash: 1 } as const;

/** The transactions of a payload paired with their outputs (outputs undefined for PayloadData). */
export function payloadTransactions(payload: BlockPayload): PayloadTransaction[] {
  checkBlockPayload(payload);
  const { outputs } = payload;
  return payload.transactions.map((transaction, i) =>
    outputs ? { transaction, output: outputs[i] as Buffer } : { transaction },
  );
}

/** Whether the payload carries its outputs and coinbase (PayloadWithOutputs). */
export function hasOutputs(
  payload: BlockPayload,
): payload is BlockPayload & { outputs: readonly Buffer[]; coinbase: Buffer } {
  return payload.outputs !== undefined && payload.coinbase !== undefined;
}

/**
 * Checks the shape of a BlockPayload built outside this module (types, hash lengths, the outputs and
 * coinbase pairing, equal counts) so hashing never runs on malformed values.
 */
export function checkBlockPayload(payload: BlockPayload): void {
  if (typeof payload !== 'object' || payload === null) throw invalidInput('payload: expected an object');
  checkByteList(payload.transactions, 'payload.transactions');
  checkBytes(payload.minerData, 'payload.minerData');
  checkHash(payload.transactionsHash, 'payload.transactionsHash');
  checkHash(payload.outputsHash, 'payload.outputsHash');
  checkHash(payload.payloadHash, 'payload.payloadHash');
  const withOutputs = payload.outputs !== undefined;
  if (withOutputs !== (payload.coinbase !== undefined)) {
    throw invalidInput('payload: outputs and coinbase must be given together');
  }
  if (payload.outputs !== undefined) {
    checkByteList(payload.outputs, 'payload.outputs');
    checkBytes(payload.coinbase, 'payload.coinbase');
    checkSameCount(payload.transactions.length, payload.outputs.length);
  }
}

export function checkSameCount(transactions: number, outputs: number): void {
  if (transactions !== outputs) {
    throw invalidInput(`payload: ${outputs} outputs for ${transactions} transactions`);
  }
}

export function checkBytes(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw invalidInput(`${what}: expected bytes`);
}

export function checkByteList(value: unknown, what: string): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value)) throw invalidInput(`${what}: expected an array of byte strings`);
  value.forEach((item: unknown, i) => checkBytes(item, `${what}[${i}]`));
}

export function checkHash(value: unknown, what: string): asserts value is Uint8Array {
  checkBytes(value, what);
  if (value.length !== HASH_LENGTH) {
    throw new ChainwebError('bad_length', `${what}: expected ${HASH_LENGTH} bytes, got ${value.length}`);
  }
}
