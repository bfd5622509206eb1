import {
  type BlockPayload,
  payloadDataToJson,
  payloadWithOutputsToJson,
  toBase64Url,
} from '@spv-cloud/chainweb';
import type { ChainStore } from '../../chain/chain-store';
import { HttpError, jsonReply, type Route, type RouteContext } from '../http-reply';
import { chainParam, decodeHash, hashParam, jsonBody, naturalQuery } from '../request-params';

/** Payload/RestAPI/Server.hs: defaultServicePayloadBatchLimit. */
const PAYLOAD_BATCH_LIMIT = 1000;

/**
 * Payloads of one chain (Payload/RestAPI): `PayloadData` by payload hash, `PayloadWithOutputs` by
 * payload hash (`/outputs`), and their batch forms, which answer the payloads found, in any order.
 * The optional `height` must match the block's height when given (the node looks payloads up by it).
 */
export function payloadRoutes(base: string, store: ChainStore): Route[] {
  const lookup = (context: RouteContext): BlockPayload => {
    const chainId = chainParam(context, store);
    const hash = hashParam(context, 'payloadHash', 'BlockPayloadHash');
    const height = naturalQuery(context, 'height');
    const block = store.byPayloadHash(chainId, hash);
    if (block === undefined || (height !== undefined && block.header.height !== height)) {
      throw HttpError.keyNotFound(toBase64Url(hash));
    }
    return block.payload;
  };
  const batch = async (context: RouteContext): Promise<BlockPayload[]> => {
    const chainId = chainParam(context, store);
    const requests = parseBatchBody(await jsonBody(context)).slice(0, PAYLOAD_BATCH_LIMIT);
    return requests.flatMap(({ hash, height }) => {
      const block = store.byPayloadHash(chainId, hash);
      return block !== undefined && (height === undefined || block.header.height === height)
        ? [block.payload]
        : [];
    });
  };
  return [
    {
      method: 'GET',
      path: `${base}/chain/:chain/payload/:payloadHash`,
      handler: (c) => jsonReply(payloadDataToJson(lookup(c))),
    },
    {
      method: 'GET',
      path: `${base}/chain/:chain/payload/:payloadHash/outputs`,
      handler: (c) => jsonReply(payloadWithOutputsToJson(lookup(c))),
    },
    {
      method: 'POST',
      path: `${base}/chain/:chain/payload/batch`,
      handler: async (c) => jsonReply((await batch(c)).map(payloadDataToJson)),
    },
    {
      method: 'POST',
      path: `${base}/chain/:chain/payload/outputs/batch`,
      handler: async (c) => jsonReply((await batch(c)).map(payloadWithOutputsToJson)),
    },
  ];
}

/** BatchBody: `[hash…]` or `{"heights": [h…], "hashes": [hash…]}` (zipped). */
function parseBatchBody(body: unknown): Array<{ hash: Buffer; height?: number }> {
  const fail = (): never => {
    throw HttpError.text(400, 'Error in $: Invalid payload batch body');
  };
  const hash = (value: unknown): Buffer =>
    (typeof value === 'string' ? decodeHash(value) : undefined) ?? fail();
  if (Array.isArray(body)) return body.map((h) => ({ hash: hash(h) }));
  if (body === null || typeof body !== 'object') return fail();
  const { heights, hashes } = body as { heights?: unknown; hashes?: unknown };
  if (!Array.isArray(heights) || !Array.isArray(hashes)) return fail();
  const count = Math.min(heights.length, hashes.length);
  return Array.from({ length: count }, (_, i) => {
    const height: unknown = heights[i];
    if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0) return fail();
    return { hash: hash(hashes[i]), height };
  });
}
