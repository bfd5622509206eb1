import { invalidInput } from '../errors';
import { hashFromBase64Url } from '../base64url';
import { type BlockPayload, checkBlockPayload } from './block-payload';
import { decodePactTransaction } from './pact-transaction';

/**
 * Index of the transaction whose command `hash` is `requestKey`, or -1. Works on PayloadData too.
 * Transactions that do not contain the key's text at all are skipped without parsing (genesis
 * transactions carry ~100 kB of Pact code); Pact writes the hash as plain ASCII, never \u-escaped.
 */
export function findTransactionIndex(payload: BlockPayload, requestKey: string): number {
  checkBlockPayload(payload);
  if (typeof requestKey !== 'string') throw invalidInput('requestKey: expected a base64url string');
  hashFromBase64Url(requestKey, 'requestKey');
  const needle = Buffer.from(requestKey, 'latin1');
  const { transactions } = payload;
  for (let i = 0; i < transactions.length; i++) {
    const tx = transactions[i] as Buffer;
    if (tx.indexOf(needle) !== -1 && decodePactTransaction(tx).hash === requestKey) return i;
  }
  return -1;
}
