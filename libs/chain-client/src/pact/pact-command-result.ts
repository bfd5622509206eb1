import { ChainClientError } from '../chain-client.errors';
import type { PactCommandResult, PactResultMetaData } from '../chainweb-node.types';

/** Checks the shape of a CommandResult answer (poll/listen/local); unknown fields stay in `json`. */
export function parsePactCommandResult(value: unknown, endpoint: string): PactCommandResult {
  const bad = (message: string): ChainClientError =>
    new ChainClientError('bad_response', `${endpoint}: ${message}`, { endpoint });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('a command result must be an object');
  const json = value as Record<string, unknown>;
  const reqKey = json['reqKey'];
  if (typeof reqKey !== 'string' || reqKey.length === 0) throw bad('reqKey is missing');
  const result = json['result'];
  if (typeof result !== 'object' || result === null) throw bad('result is missing');
  const status = (result as Record<string, unknown>)['status'];
  let parsedResult: PactCommandResult['result'];
  if (status === 'success') parsedResult = { status, data: (result as Record<string, unknown>)['data'] };
  else if (status === 'failure')
    parsedResult = { status, error: (result as Record<string, unknown>)['error'] };
  else throw bad(`result.status ${JSON.stringify(status)}`);
  const txId = json['txId'];
  const gas = json['gas'];
  const logs = json['logs'];
  const events = json['events'];
  return {
    reqKey,
    txId: typeof txId === 'number' ? txId : null,
    result: parsedResult,
    gas: typeof gas === 'number' ? gas : 0,
    logs: typeof logs === 'string' ? logs : null,
    continuation: json['continuation'] ?? null,
    metaData: parseMetaData(json['metaData'], bad),
    events: Array.isArray(events) ? events : [],
    json,
  };
}

function parseMetaData(
  value: unknown,
  bad: (message: string) => ChainClientError,
): PactResultMetaData | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('metaData must be an object');
  const meta = value as Record<string, unknown>;
  const { blockHash, blockHeight, blockTime, prevBlockHash } = meta;
  // /local answers carry other metadata (publicMeta…); only block metadata is typed.
  if (blockHash === undefined) return meta as unknown as PactResultMetaData;
  if (
    typeof blockHash !== 'string' ||
    typeof blockHeight !== 'number' ||
    typeof blockTime !== 'number' ||
    typeof prevBlockHash !== 'string'
  ) {
    throw bad('metaData: blockHash, blockHeight, blockTime and prevBlockHash must be present');
  }
  return meta as PactResultMetaData;
}
