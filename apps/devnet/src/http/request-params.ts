import { fromBase64Url } from '@spv-cloud/chainweb';
import type { ChainStore } from '../chain/chain-store';
import { HttpError, type RouteContext } from './http-reply';

/** A chain of the devnet from the `:chain` path segment; other chains have no routes (servant's 404). */
export function chainParam(context: RouteContext, store: ChainStore): number {
  const text = context.params['chain'] ?? '';
  const chainId = /^(0|[1-9]\d{0,9})$/.test(text) ? Number(text) : -1;
  if (!store.hasChain(chainId)) throw HttpError.notFound();
  return chainId;
}

export function hashParam(context: RouteContext, name: string, what: string): Buffer {
  const text = context.params[name] ?? '';
  const bytes = decodeHash(text);
  if (bytes === undefined) {
    throw HttpError.text(
      400,
      `Error parsing path parameter ${what} failed: not a base64url encoded 32-byte hash: ${text}`,
    );
  }
  return bytes;
}

export function decodeHash(text: string): Buffer | undefined {
  try {
    const bytes = fromBase64Url(text, 'hash');
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** A non-negative integer query parameter (Natural / BlockHeight), or undefined when absent. */
export function naturalQuery(context: RouteContext, name: string): number | undefined {
  const text = context.query.get(name);
  if (text === null) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw HttpError.text(
      400,
      `Error parsing query parameter ${name} failed: could not parse: \`${text}' (input does not start with a digit)`,
    );
  }
  return Number(text);
}

/** chainweb's paging cursor (Chainweb/Utils/Paging.hs NextItem): `inclusive:<hash>` or `exclusive:<hash>`. */
export interface NextItem {
  readonly inclusive: boolean;
  readonly hash: Buffer;
}

export function nextQuery(context: RouteContext): NextItem | undefined {
  const text = context.query.get('next');
  if (text === null) return undefined;
  const match = /^(inclusive|exclusive):(.*)$/.exec(text);
  const hash = match ? decodeHash(match[2]!) : undefined;
  if (match === null || hash === undefined) {
    throw HttpError.text(
      400,
      `Error parsing query parameter next failed: ${JSON.stringify(text)} is not a valid NextItem`,
    );
  }
  return { inclusive: match[1] === 'inclusive', hash };
}

export type HeaderEncoding = 'base64' | 'object' | 'binary';

/**
 * chainweb's header media types: `application/json` (base64url of the binary header),
 * `application/json;blockheader-encoding=object`, and (single headers) `application/octet-stream`.
 */
export function headerEncoding(context: RouteContext, allowBinary: boolean): HeaderEncoding {
  const accept = (context.request.headers.accept ?? '').toLowerCase();
  if (accept === '' || accept.includes('*/*'))
    return accept.includes('blockheader-encoding=object') ? 'object' : 'base64';
  const types = accept.split(',').map((t) => t.trim().replace(/\s+/g, ''));
  if (types.some((t) => t.startsWith('application/json') && t.includes('blockheader-encoding=object')))
    return 'object';
  if (types.some((t) => t.startsWith('application/json'))) return 'base64';
  if (allowBinary && types.some((t) => t.startsWith('application/octet-stream'))) return 'binary';
  throw new HttpError(406, '');
}

/** JSON request bodies, with servant's 400 text for text that is not JSON. */
export async function jsonBody(context: RouteContext): Promise<unknown> {
  const text = await context.body();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw HttpError.text(
      400,
      `Error in $: Failed reading: not a valid json value (${(error as Error).message})`,
    );
  }
}
