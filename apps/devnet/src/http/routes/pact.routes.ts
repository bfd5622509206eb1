import type { ChainStore } from '../../chain/chain-store';
import { PactApiError, type PactApiService } from '../../pact/pact-api.service';
import type { SpvProofService } from '../../spv/spv-proof.service';
import { HttpError, jsonReply, jsonTextReply, type Route, type RouteContext } from '../http-reply';
import { chainParam, jsonBody, naturalQuery } from '../request-params';

export interface PactRouteOptions {
  /** How long /listen waits for the request key (chainweb-node: 180 s, then 504). */
  readonly listenTimeoutMs: number;
}

/** `/chain/{c}/pact/api/v1/{send,poll,listen,local}` and `/chain/{c}/pact/spv`. */
export function pactRoutes(
  base: string,
  store: ChainStore,
  pact: PactApiService,
  spv: SpvProofService,
  options: PactRouteOptions,
): Route[] {
  const api = `${base}/chain/:chain/pact/api/v1`;
  return [
    {
      method: 'POST',
      path: `${api}/send`,
      handler: (c) => answer(c, store, (chainId, body) => pact.send(chainId, body)),
    },
    {
      method: 'POST',
      path: `${api}/poll`,
      handler: (c) =>
        answer(c, store, (chainId, body) =>
          pact.poll(chainId, body, naturalQuery(c, 'confirmationDepth') ?? 0),
        ),
    },
    {
      method: 'POST',
      path: `${api}/listen`,
      handler: (c) =>
        answer(c, store, (chainId, body) => pact.listen(chainId, body, c.closed, options.listenTimeoutMs)),
    },
    {
      method: 'POST',
      path: `${api}/local`,
      handler: (c) =>
        answer(c, store, (chainId, body) =>
          pact.local(chainId, body, {
            preflight: booleanQuery(c, 'preflight') ?? false,
            signatureVerification: booleanQuery(c, 'signatureVerification') ?? true,
          }),
        ),
    },
    {
      method: 'POST',
      path: `${base}/chain/:chain/pact/spv`,
      handler: async (c) => {
        const chainId = chainParam(c, store);
        const body = await jsonBody(c);
        try {
          return jsonTextReply(await spv.proofResponse(chainId, body));
        } catch (error) {
          throw toHttpError(error);
        }
      },
    },
  ];
}

async function answer(
  context: RouteContext,
  store: ChainStore,
  run: (chainId: number, body: unknown) => unknown,
): Promise<ReturnType<typeof jsonReply>> {
  const chainId = chainParam(context, store);
  const body = await jsonBody(context);
  try {
    return jsonReply(await run(chainId, body));
  } catch (error) {
    throw toHttpError(error);
  }
}

function toHttpError(error: unknown): unknown {
  if (error instanceof PactApiError)
    return error.status === 504 ? new HttpError(504, '') : HttpError.text(400, error.text);
  return error;
}

function booleanQuery(context: RouteContext, name: string): boolean | undefined {
  const text = context.query.get(name);
  if (text === null) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw HttpError.text(400, `Error parsing query parameter ${name} failed: could not parse: \`${text}'`);
}
