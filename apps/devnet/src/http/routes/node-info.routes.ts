import type { ChainwebVersion } from '@spv-cloud/chainweb';
import { devnetNodeInfo } from '../../chain/devnet-version';
import { jsonReply, type Route, TEXT_CONTENT_TYPE } from '../http-reply';

/** `GET /info` (Chainweb/RestAPI/NodeInfo.hs) and `GET /health-check` (Chainweb/RestAPI/Health.hs). */
export function nodeInfoRoutes(version: ChainwebVersion): Route[] {
  const info = devnetNodeInfo(version);
  return [
    { method: 'GET', path: '/info', handler: () => jsonReply(info) },
    {
      method: 'GET',
      path: '/health-check',
      handler: () => ({ status: 200, contentType: TEXT_CONTENT_TYPE, body: 'Health check OK.\n' }),
    },
  ];
}
