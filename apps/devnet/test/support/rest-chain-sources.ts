import {
  type BlockHeader,
  type BlockPayload,
  decodeBlockHeaderBase64Url,
  type HeaderSource,
  parsePayloadJson,
  type PayloadSource,
  toBase64Url,
} from '@spv-cloud/chainweb';
import { http, postJson } from './devnet-test-kit';

/**
 * libs/chainweb's HeaderSource and PayloadSource over a node's REST API, as an SPV service reads a
 * chainweb-node (spec §7): headers by hash, canonical headers by a branch query from the current cut.
 */
export function restHeaderSource(api: string): HeaderSource {
  return {
    header: async (chainId, hash) => {
      const answer = await http(`${api}/chain/${chainId}/header/${toBase64Url(hash)}`);
      return answer.status === 200 ? decodeBlockHeaderBase64Url(answer.json<string>()) : undefined;
    },
    canonicalHeaderAt: async (chainId, height): Promise<BlockHeader | undefined> => {
      const cut = (await http(`${api}/cut`)).json<{ hashes: Record<string, { hash: string }> }>();
      const upper = cut.hashes[String(chainId)]!.hash;
      const page = (
        await postJson(`${api}/chain/${chainId}/header/branch?minheight=${height}&maxheight=${height}`, {
          lower: [],
          upper: [upper],
        })
      ).json<{ items: string[] }>();
      const item = page.items[0];
      return item === undefined ? undefined : decodeBlockHeaderBase64Url(item);
    },
  };
}

export function restPayloadSource(api: string): PayloadSource {
  return {
    payload: async (chainId, payloadHash, height): Promise<BlockPayload | undefined> => {
      const answer = await http(
        `${api}/chain/${chainId}/payload/${toBase64Url(payloadHash)}/outputs?height=${height}`,
      );
      return answer.status === 200 ? parsePayloadJson(answer.json()) : undefined;
    },
  };
}
