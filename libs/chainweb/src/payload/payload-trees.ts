import { ChainwebError } from '../errors';
import { HASH_LENGTH, sha512_256 } from '../hash';
import { MerkleTree, nodeHash } from '../merkle/merkle-log';
import { MerkleTag } from '../merkle/merkle-tags';
import { type BlockPayload, checkBlockPayload, checkByteList, checkBytes, checkHash } from './block-payload';

/**
 * The three Merkle trees of a Chainweb payload (chainweb-node src/Chainweb/Payload.hs):
 * BlockTransactions = [MinerData 0x0017, Transaction_i 0x0013…],
 * BlockOutputs = [CoinbaseOutput 0x0018, TransactionOutput_i 0x0014…],
 * BlockPayload = [transactionsHash, outputsHash] as raw tree nodes.
 */

/** The BlockTransactions tree: miner data at leaf 0, transaction i at leaf i+1. */
export function transactionsTree(minerData: Uint8Array, transactions: readonly Uint8Array[]): MerkleTree {
  checkBytes(minerData, 'minerData');
  checkByteList(transactions, 'transactions');
  return taggedTree(MerkleTag.MinerData, minerData, MerkleTag.Transaction, transactions);
}

/** The BlockOutputs tree: coinbase output at leaf 0, output i at leaf i+1. */
export function outputsTree(coinbase: Uint8Array, outputs: readonly Uint8Array[]): MerkleTree {
  checkBytes(coinbase, 'coinbase');
  checkByteList(outputs, 'outputs');
  return taggedTree(MerkleTag.CoinbaseOutput, coinbase, MerkleTag.TransactionOutput, outputs);
}

/** The BlockPayload tree: two tree-node leaves, so its root is H(0x01 ‖ transactionsHash ‖ outputsHash). */
export function payloadTree(transactionsHash: Uint8Array, outputsHash: Uint8Array): MerkleTree {
  checkHash(transactionsHash, 'transactionsHash');
  checkHash(outputsHash, 'outputsHash');
  return MerkleTree.fromLeafHashes([transactionsHash, outputsHash]);
}

export function computePayloadHash(transactionsHash: Uint8Array, outputsHash: Uint8Array): Buffer {
  checkHash(transactionsHash, 'transactionsHash');
  checkHash(outputsHash, 'outputsHash');
  return nodeHash(transactionsHash, outputsHash);
}

export interface PayloadHashes {
  readonly transactionsHash: Buffer;
  /** Recomputed from the outputs; undefined for a payload without outputs (PayloadData). */
  readonly outputsHash: Buffer | undefined;
  /** Over the recomputed transactionsHash and the recomputed (or, without outputs, recorded) outputsHash. */
  readonly payloadHash: Buffer;
}

/** Recomputes the roots of a payload from its stored bytes. */
export function computePayloadHashes(payload: BlockPayload): PayloadHashes {
  checkBlockPayload(payload);
  const transactionsHash = transactionsTree(payload.minerData, payload.transactions).root;
  const outputsHash =
    payload.outputs !== undefined && payload.coinbase !== undefined
      ? outputsTree(payload.coinbase, payload.outputs).root
      : undefined;
  const payloadHash = nodeHash(transactionsHash, outputsHash ?? payload.outputsHash);
  return { transactionsHash, outputsHash, payloadHash };
}

export type PayloadHashField = 'transactionsHash' | 'outputsHash' | 'payloadHash';

export interface PayloadHashMismatch {
  readonly field: PayloadHashField;
  readonly recorded: Buffer;
  readonly computed: Buffer;
}

export interface PayloadVerification {
  readonly valid: boolean;
  /** One entry per recorded hash that disagrees with the recomputed one. */
  readonly failures: readonly PayloadHashMismatch[];
  /** False for PayloadData: its recorded outputsHash is taken as given (as chainweb's verifyPayloadData does). */
  readonly outputsChecked: boolean;
  readonly computed: PayloadHashes;
}

/**
 * Compares the recorded transactionsHash, outputsHash and payloadHash with the ones recomputed from
 * the stored bytes. The payloadHash check uses the recomputed subtree roots, so a payload whose
 * recorded subtree hashes were edited to match altered bytes still fails on payloadHash.
 */
export function verifyPayload(payload: BlockPayload): PayloadVerification {
  const computed = computePayloadHashes(payload);
  const failures: PayloadHashMismatch[] = [];
  const compare = (field: PayloadHashField, recorded: Buffer, value: Buffer | undefined): void => {
    if (value !== undefined && !recorded.equals(value)) failures.push({ field, recorded, computed: value });
  };
  compare('transactionsHash', payload.transactionsHash, computed.transactionsHash);
  compare('outputsHash', payload.outputsHash, computed.outputsHash);
  compare('payloadHash', payload.payloadHash, computed.payloadHash);
  return {
    valid: failures.length === 0,
    failures,
    outputsChecked: computed.outputsHash !== undefined,
    computed,
  };
}

/** Throws `hash_mismatch` naming every recorded hash that disagrees with the payload's bytes. */
export function assertValidPayload(payload: BlockPayload): void {
  const { failures } = verifyPayload(payload);
  if (failures.length > 0) {
    throw new ChainwebError(
      'hash_mismatch',
      `payload ${payload.payloadHash.toString('base64url')}: recorded ${failures.map((f) => f.field).join(', ')} ` +
        'disagree with the payload bytes',
    );
  }
}

/** Leaf hashes H(0x00 ‖ tag BE ‖ bytes) written into one flat buffer: header entry, then the body. */
function taggedTree(
  headerTag: number,
  header: Uint8Array,
  bodyTag: number,
  body: readonly Uint8Array[],
): MerkleTree {
  const flat = Buffer.allocUnsafe((body.length + 1) * HASH_LENGTH);
  entryLeafHash(headerTag, header).copy(flat, 0);
  for (let i = 0; i < body.length; i++) {
    entryLeafHash(bodyTag, body[i] as Uint8Array).copy(flat, (i + 1) * HASH_LENGTH);
  }
  return MerkleTree.fromLeafHashes(flat);
}

/** One allocation and one hash call per leaf (the shared helper would copy the entry twice). */
function entryLeafHash(tag: number, bytes: Uint8Array): Buffer {
  const entry = Buffer.allocUnsafe(3 + bytes.length);
  entry[0] = 0x00;
  entry.writeUInt16BE(tag, 1);
  entry.set(bytes, 3);
  return sha512_256(entry);
}
