/**
 * A Pact 5 CommandResult as chainweb stores it in block outputs (pact-5 Pact/Core/Command/Types.hs
 * `J.Encode (CommandResult …)`): keys in the order gas, result, reqKey, logs, events (left out when
 * empty), metaData, continuation, txId. In blocks `metaData` is null; /poll adds the block metadata.
 */
export interface CommandResultFields {
  readonly reqKey: string;
  readonly result:
    | { readonly status: 'success'; readonly data: unknown }
    | { readonly status: 'failure'; readonly error: unknown };
  readonly gas: number;
  readonly logs: string | null;
  readonly events: readonly unknown[];
  readonly metaData: unknown;
  readonly continuation: unknown;
  readonly txId: number | null;
}

export function commandResultJson(fields: CommandResultFields): Record<string, unknown> {
  return {
    gas: fields.gas,
    result: fields.result,
    reqKey: fields.reqKey,
    logs: fields.logs,
    ...(fields.events.length > 0 ? { events: fields.events } : {}),
    metaData: fields.metaData,
    continuation: fields.continuation,
    txId: fields.txId,
  };
}

/** The metaData chainweb's /poll and /listen add (Pact/RestAPI/Server.hs enrichCR; aeson sorts the keys). */
export interface BlockMetaData {
  readonly blockHash: string;
  readonly blockHeight: number;
  readonly blockTime: number;
  readonly prevBlockHash: string;
}

/** A stored output with the block metadata put in: every other key keeps its place and value. */
export function withBlockMetaData(output: Buffer, metaData: BlockMetaData): Record<string, unknown> {
  const result = JSON.parse(output.toString('utf8')) as Record<string, unknown>;
  result['metaData'] = {
    blockHash: metaData.blockHash,
    blockHeight: metaData.blockHeight,
    blockTime: metaData.blockTime,
    prevBlockHash: metaData.prevBlockHash,
  };
  return result;
}
