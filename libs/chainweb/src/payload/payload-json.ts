import { ChainwebError, invalidInput } from '../errors';
import { fromBase64Url, hashFromBase64Url, toBase64Url } from '../base64url';
import { type BlockPayload, checkBlockPayload } from './block-payload';

/** GET /payload/{payloadHash}: the transactions without outputs. Key order as chainweb-node emits it. */
export interface PayloadDataJson {
  transactions: string[];
  minerData: string;
  payloadHash: string;
  transactionsHash: string;
  outputsHash: string;
}

/** GET /payload/{payloadHash}/outputs: [transaction, output] pairs plus the coinbase output. */
export interface PayloadWithOutputsJson {
  transactions: Array<[string, string]>;
  minerData: string;
  coinbase: string;
  payloadHash: string;
  transactionsHash: string;
  outputsHash: string;
}

/**
 * Parses a PayloadData or PayloadWithOutputs as chainweb-node serves it (the decoded JSON value or
 * its text). The shape is PayloadWithOutputs when `coinbase` is present. Stored bytes are decoded
 * with strict base64url and kept verbatim. Like the node's FromJSON instance this does not check
 * the recorded hashes: call `verifyPayload` or `assertValidPayload` before trusting them.
 */
export function parsePayloadJson(json: unknown): BlockPayload {
  const value = typeof json === 'string' ? parseJsonText(json) : json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput('payload JSON: expected an object');
  }
  const fields = value as Record<string, unknown>;
  const rawTransactions = fields['transactions'];
  if (!Array.isArray(rawTransactions)) throw invalidInput('payload JSON: transactions must be an array');
  const minerData = bytesField(fields, 'minerData');
  const payloadHash = hashField(fields, 'payloadHash');
  const transactionsHash = hashField(fields, 'transactionsHash');
  const outputsHash = hashField(fields, 'outputsHash');

  if (fields['coinbase'] === undefined) {
    const transactions = rawTransactions.map((item: unknown, i) => {
      if (Array.isArray(item))
        throw invalidInput('payload JSON: [transaction, output] pairs need a coinbase');
      return bytesValue(item, `transactions[${i}]`);
    });
    return { transactions, minerData, transactionsHash, outputsHash, payloadHash };
  }

  const coinbase = bytesField(fields, 'coinbase');
  const transactions: Buffer[] = [];
  const outputs: Buffer[] = [];
  rawTransactions.forEach((item: unknown, i) => {
    if (!Array.isArray(item) || item.length !== 2) {
      throw invalidInput(`payload JSON: transactions[${i}] must be a [transaction, output] pair`);
    }
    transactions.push(bytesValue(item[0], `transactions[${i}][0]`));
    outputs.push(bytesValue(item[1], `transactions[${i}][1]`));
  });
  return { transactions, outputs, minerData, coinbase, transactionsHash, outputsHash, payloadHash };
}

/** PayloadWithOutputs JSON when the payload carries outputs, PayloadData JSON otherwise. */
export function payloadToJson(payload: BlockPayload): PayloadWithOutputsJson | PayloadDataJson {
  checkBlockPayload(payload);
  return payload.outputs !== undefined ? payloadWithOutputsToJson(payload) : payloadDataToJson(payload);
}

/** The `/payload/{h}` answer; drops the outputs of a PayloadWithOutputs as the node does. */
export function payloadDataToJson(payload: BlockPayload): PayloadDataJson {
  checkBlockPayload(payload);
  return {
    transactions: payload.transactions.map(toBase64Url),
    minerData: toBase64Url(payload.minerData),
    payloadHash: toBase64Url(payload.payloadHash),
    transactionsHash: toBase64Url(payload.transactionsHash),
    outputsHash: toBase64Url(payload.outputsHash),
  };
}

/** The `/payload/{h}/outputs` answer; the payload must carry its outputs and coinbase. */
export function payloadWithOutputsToJson(payload: BlockPayload): PayloadWithOutputsJson {
  checkBlockPayload(payload);
  const { outputs, coinbase } = payload;
  if (outputs === undefined || coinbase === undefined) {
    throw invalidInput('payload has no outputs: it can only be served as PayloadData');
  }
  return {
    transactions: payload.transactions.map((tx, i) => [toBase64Url(tx), toBase64Url(outputs[i] as Buffer)]),
    minerData: toBase64Url(payload.minerData),
    coinbase: toBase64Url(coinbase),
    payloadHash: toBase64Url(payload.payloadHash),
    transactionsHash: toBase64Url(payload.transactionsHash),
    outputsHash: toBase64Url(payload.outputsHash),
  };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChainwebError('bad_encoding', 'payload JSON: not valid JSON text');
  }
}

function bytesField(fields: Record<string, unknown>, name: string): Buffer {
  if (fields[name] === undefined) throw invalidInput(`payload JSON: missing ${name}`);
  return bytesValue(fields[name], name);
}

function hashField(fields: Record<string, unknown>, name: string): Buffer {
  const value = fields[name];
  if (value === undefined) throw invalidInput(`payload JSON: missing ${name}`);
  if (typeof value !== 'string') throw invalidInput(`payload JSON: ${name} must be a base64url string`);
  return hashFromBase64Url(value, name);
}

function bytesValue(value: unknown, what: string): Buffer {
  if (typeof value !== 'string') throw invalidInput(`payload JSON: ${what} must be a base64url string`);
  return fromBase64Url(value, what);
}
