import { chainIdHashMapOrder, sha512_256, toBase64Url, u256FromLe, u256ToLe } from '@spv-cloud/chainweb';
import type { ChainStore, StoredBlock } from '../../chain/chain-store';
import { jsonReply, type Route } from '../http-reply';
import { naturalQuery } from '../request-params';

/**
 * `GET /cut[?maxheight=n]` (CutDB/RestAPI/Server.hs cutGetHandler, Cut/CutHashes.hs): hashes and
 * heights per chain in the node's HashMap order, cut weight (sum of block weights), cut height (sum
 * of block heights), and the cut id (SHA-512/256 of the block hashes in that order). `maxheight` is a
 * cut height: every chain is limited to ⌊maxheight / number of chains⌋.
 */
export function cutRoutes(base: string, store: ChainStore): Route[] {
  return [
    {
      method: 'GET',
      path: `${base}/cut`,
      handler: (context) => {
        const maxHeight = naturalQuery(context, 'maxheight');
        const limit =
          maxHeight === undefined
            ? store.height
            : Math.min(store.height, Math.floor(maxHeight / store.chainIds.length));
        const blocks = chainIdHashMapOrder(store.chainIds).map(
          (chainId) => store.at(chainId, limit) as StoredBlock,
        );
        return jsonReply(cutHashesJson(store.version.name, blocks));
      },
    },
  ];
}

export function cutHashesJson(versionName: string, blocks: readonly StoredBlock[]): Record<string, unknown> {
  const hashes: Record<string, { height: number; hash: string }> = {};
  let weight = 0n;
  let height = 0;
  for (const { header } of blocks) {
    hashes[String(header.chainId)] = { height: header.height, hash: toBase64Url(header.hash) };
    weight += u256FromLe(header.weight);
    height += header.height;
  }
  return {
    hashes,
    origin: null,
    weight: toBase64Url(u256ToLe(BigInt.asUintN(256, weight))),
    height,
    instance: versionName,
    id: toBase64Url(sha512_256(Buffer.concat(blocks.map((b) => b.header.hash)))),
  };
}
