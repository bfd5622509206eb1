import { payloadWithOutputsToJson } from '@spv-cloud/chainweb';
import type { ChainStore, StoredBlock } from '../../chain/chain-store';
import type { Route, RouteContext } from '../http-reply';
import { headerUpdateJson } from './header.routes';

/**
 * `GET /header/updates` and `GET /block/updates` (BlockHeaderDB/RestAPI/Server.hs blockStreamHandler):
 * a server-sent event stream with one `BlockHeader` event per new header of any chain, whose data is
 * the HeaderUpdate JSON (object-encoded header, txCount, powHash, target; /block/updates also carries
 * payloadWithOutputs). It starts with the next cut, as the node's stream starts at its current cut.
 */
export function updateStreamRoutes(base: string, store: ChainStore): Route[] {
  return [
    { method: 'GET', path: `${base}/header/updates`, handler: (context) => stream(context, store, false) },
    { method: 'GET', path: `${base}/block/updates`, handler: (context) => stream(context, store, true) },
  ];
}

function stream(context: RouteContext, store: ChainStore, withPayloads: boolean): undefined {
  const { response } = context;
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'access-control-allow-origin': '*',
  });
  response.flushHeaders();
  const onCut = (blocks: readonly StoredBlock[]): void => {
    for (const { header, payload } of blocks) {
      const data = headerUpdateJson(
        header,
        store.version,
        payload.transactions.length,
        withPayloads ? JSON.stringify(payloadWithOutputsToJson(payload)) : undefined,
      );
      response.write(`event: BlockHeader\ndata: ${data}\n\n`);
    }
  };
  store.on('cut', onCut);
  void context.closed.then(() => {
    store.off('cut', onCut);
    if (!response.writableEnded) response.end();
  });
  return undefined;
}
