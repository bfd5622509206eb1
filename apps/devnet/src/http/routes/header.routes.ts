import {
  type BlockHeader,
  type ChainwebVersion,
  encodeBlockHeaderBase64Url,
  encodeBlockHeaderObjectJson,
  powHash,
  toBase64Url,
  u256FromLe,
} from '@spv-cloud/chainweb';
import type { ChainStore, StoredBlock } from '../../chain/chain-store';
import {
  HttpError,
  jsonTextReply,
  OBJECT_HEADER_CONTENT_TYPE,
  OCTET_STREAM,
  type Route,
  type RouteContext,
} from '../http-reply';
import {
  chainParam,
  decodeHash,
  hashParam,
  headerEncoding,
  jsonBody,
  naturalQuery,
  type NextItem,
  nextQuery,
} from '../request-params';

/** BlockHeaderDB/RestAPI/Server.hs: defaultEntryLimit, defaultKeyLimit, defaultBoundsLimit. */
const ENTRY_LIMIT = 360;
const KEY_LIMIT = 4096;
const BOUNDS_LIMIT = 32;

type Cursor = { readonly kind: 'inclusive' | 'exclusive'; readonly hash: Buffer } | null;

interface Page<T> {
  readonly items: T[];
  readonly next: Cursor;
}

const hashText = (block: StoredBlock): string => toBase64Url(block.header.hash);

/**
 * Header and hash queries of one chain (BlockHeaderDB/RestAPI): pages ascending by height for
 * `GET /header` and `/hash` (chainweb's `entries`), descending for the branch queries; `next`
 * cursors as in Chainweb/Utils/Paging.hs. The devnet never forks, so a branch is a height range.
 */
export function headerRoutes(base: string, store: ChainStore): Route[] {
  const version = store.version;
  return [
    {
      method: 'GET',
      path: `${base}/chain/:chain/header`,
      handler: (context) => {
        const chainId = chainParam(context, store);
        const encoding = headerEncoding(context, false);
        return headerPageReply(version, entriesPage(context, store, chainId, ENTRY_LIMIT), encoding);
      },
    },
    {
      method: 'GET',
      path: `${base}/chain/:chain/hash`,
      handler: (context) => {
        const chainId = chainParam(context, store);
        return hashPageReply(entriesPage(context, store, chainId, KEY_LIMIT));
      },
    },
    {
      method: 'POST',
      path: `${base}/chain/:chain/header/branch`,
      handler: async (context) => {
        const chainId = chainParam(context, store);
        const encoding = headerEncoding(context, false);
        return headerPageReply(version, await branchPage(context, store, chainId, ENTRY_LIMIT), encoding);
      },
    },
    {
      method: 'POST',
      path: `${base}/chain/:chain/hash/branch`,
      handler: async (context) => {
        const chainId = chainParam(context, store);
        return hashPageReply(await branchPage(context, store, chainId, KEY_LIMIT));
      },
    },
    {
      method: 'GET',
      path: `${base}/chain/:chain/header/:hash`,
      handler: (context) => {
        const chainId = chainParam(context, store);
        const encoding = headerEncoding(context, true);
        const hash = hashParam(context, 'hash', 'BlockHash');
        const block = store.byHash(chainId, hash);
        if (block === undefined) throw HttpError.keyNotFound(toBase64Url(hash));
        if (encoding === 'binary') return { status: 200, contentType: OCTET_STREAM, body: block.headerBytes };
        if (encoding === 'object') {
          return jsonTextReply(
            encodeBlockHeaderObjectJson(block.header, version),
            OBJECT_HEADER_CONTENT_TYPE,
          );
        }
        return jsonTextReply(JSON.stringify(encodeBlockHeaderBase64Url(block.header)));
      },
    },
  ];
}

function located(store: ChainStore, chainId: number, next: NextItem): StoredBlock {
  const block = store.byHash(chainId, next.hash);
  if (block === undefined) throw HttpError.keyNotFound(toBase64Url(next.hash));
  return block;
}

/** chainweb's `entries` + finitePrefixOfInfiniteStreamToPage: ascending; `exclusive:<last>` at the end. */
function entriesPage(
  context: RouteContext,
  store: ChainStore,
  chainId: number,
  maxLimit: number,
): Page<StoredBlock> {
  const limit = Math.min(naturalQuery(context, 'limit') ?? maxLimit, maxLimit);
  const minHeight = naturalQuery(context, 'minheight') ?? 0;
  const maxHeight = Math.min(naturalQuery(context, 'maxheight') ?? store.height, store.height);
  const next = nextQuery(context);
  let from = minHeight;
  if (next !== undefined) {
    const start = located(store, chainId, next).header.height;
    from = Math.max(from, next.inclusive ? start : start + 1);
  }
  const window = store.range(chainId, from, Math.min(maxHeight, from + limit));
  const items = window.slice(0, limit);
  const following = window[limit];
  if (following !== undefined) return { items, next: { kind: 'inclusive', hash: following.header.hash } };
  const last = items[items.length - 1];
  return { items, next: last === undefined ? null : { kind: 'exclusive', hash: last.header.hash } };
}

/** chainweb's `branchEntries` + finiteStreamToPage: descending from the upper bounds to the lower bounds. */
async function branchPage(
  context: RouteContext,
  store: ChainStore,
  chainId: number,
  maxLimit: number,
): Promise<Page<StoredBlock>> {
  const limit = Math.min(naturalQuery(context, 'limit') ?? maxLimit, maxLimit);
  const minHeight = naturalQuery(context, 'minheight') ?? 0;
  const maxHeightQuery = naturalQuery(context, 'maxheight');
  const next = nextQuery(context);
  const bounds = parseBounds(await jsonBody(context));
  if (bounds.upper.length > BOUNDS_LIMIT) {
    throw HttpError.json(
      400,
      `upper branch bound limit exceeded. Only ${BOUNDS_LIMIT} values are supported.`,
    );
  }
  if (bounds.lower.length > BOUNDS_LIMIT) {
    throw HttpError.json(
      400,
      `lower branch bound limit exceeded. Only ${BOUNDS_LIMIT} values are supported.`,
    );
  }
  const upperHeights = bounds.upper.map((hash) => {
    const block = store.byHash(chainId, hash);
    if (block === undefined) throw HttpError.keyNotFound(toBase64Url(hash));
    return block.header.height;
  });
  const lowerHeights = bounds.lower.flatMap((hash) => {
    const block = store.byHash(chainId, hash);
    return block === undefined ? [] : [block.header.height];
  });
  let top = Math.min(Math.max(-1, ...upperHeights), maxHeightQuery ?? Number.MAX_SAFE_INTEGER);
  const bottom = Math.max(minHeight, Math.max(-1, ...lowerHeights) + 1);
  if (next !== undefined) {
    const start = located(store, chainId, next).header.height;
    top = Math.min(top, next.inclusive ? start : start - 1);
  }
  const window = top < bottom ? [] : store.range(chainId, Math.max(bottom, top - limit), top).reverse();
  const items = window.slice(0, limit);
  const following = window[limit];
  return { items, next: following === undefined ? null : { kind: 'inclusive', hash: following.header.hash } };
}

function parseBounds(body: unknown): { lower: Buffer[]; upper: Buffer[] } {
  const fail = (message: string): never => {
    throw HttpError.text(400, `Error in $: ${message}`);
  };
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail('expected BranchBounds, an object');
  const list = (key: 'lower' | 'upper'): Buffer[] => {
    const value = (body as Record<string, unknown>)[key];
    if (!Array.isArray(value)) return fail(`key "${key}" not found or not an array`);
    return value.map(
      (item) =>
        (typeof item === 'string' ? decodeHash(item) : undefined) ??
        fail(`${key}: not a block hash: ${JSON.stringify(item)}`),
    );
  };
  return { lower: list('lower'), upper: list('upper') };
}

function cursorJson(cursor: Cursor): string {
  return cursor === null ? 'null' : JSON.stringify(`${cursor.kind}:${toBase64Url(cursor.hash)}`);
}

function headerPageReply(
  version: ChainwebVersion,
  page: Page<StoredBlock>,
  encoding: 'base64' | 'object' | 'binary',
) {
  if (encoding === 'object') {
    const items = page.items.map((b) => encodeBlockHeaderObjectJson(b.header, version)).join(',');
    return jsonTextReply(
      `{"limit":${page.items.length},"items":[${items}],"next":${cursorJson(page.next)}}`,
      OBJECT_HEADER_CONTENT_TYPE,
    );
  }
  const items = page.items.map((b) => JSON.stringify(encodeBlockHeaderBase64Url(b.header))).join(',');
  return jsonTextReply(`{"limit":${page.items.length},"items":[${items}],"next":${cursorJson(page.next)}}`);
}

function hashPageReply(page: Page<StoredBlock>) {
  const items = page.items.map((b) => JSON.stringify(hashText(b))).join(',');
  return jsonTextReply(`{"limit":${page.items.length},"items":[${items}],"next":${cursorJson(page.next)}}`);
}

/** BlockHeaderDB/RestAPI.hs HeaderUpdate: powHash as big-endian hex, target as `%064x`. */
export function headerUpdateJson(
  header: BlockHeader,
  version: ChainwebVersion,
  txCount: number,
  payloadWithOutputs?: string,
): string {
  const pow = Buffer.from(powHash(header)).reverse().toString('hex');
  const target = u256FromLe(header.target).toString(16).padStart(64, '0');
  return (
    `{"header":${encodeBlockHeaderObjectJson(header, version)},"txCount":${txCount},` +
    `"powHash":"${pow}","target":"${target}"${payloadWithOutputs === undefined ? '' : `,"payloadWithOutputs":${payloadWithOutputs}`}}`
  );
}
