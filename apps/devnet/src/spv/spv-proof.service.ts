import { ChainwebError, createSpvProof, encodeSpvResponse, fromBase64Url } from '@spv-cloud/chainweb';
import type { DevnetChain } from '../chain/devnet-chain';
import { PactApiError } from '../pact/pact-api.service';

/** chainweb-node's texts (Pact/RestAPI/Server.hs spvHandler, SPV/CreateProof.hs). */
export const SPV_ERRORS = {
  tooYoung: 'SPV target not reachable: target chain not reachable. Chainweb instance is too young',
  notFound: (requestKey: string) => `Transaction hash not found: ${JSON.stringify(requestKey)}`,
  badKeyLength: (requestKey: string, length: number) =>
    `Request Key ${requestKey} has incorrect hash of length ${length}`,
} as const;

/**
 * `POST /chain/{source}/pact/spv` (`{"requestKey", "targetChainId": "<t>"}`): the minimal TXOUT proof
 * that chainweb-node's createTransactionOutputProof builds, created with libs/chainweb's createSpvProof
 * from the devnet's own headers and payloads, as the node's answer (a JSON string of base64url).
 */
export class SpvProofService {
  constructor(private readonly chain: DevnetChain) {}

  async proofResponse(sourceChain: number, body: unknown): Promise<string> {
    const { requestKey, targetChainId } = parseSpvRequest(body);
    let keyBytes: Buffer;
    try {
      keyBytes = fromBase64Url(requestKey, 'requestKey');
    } catch {
      throw new PactApiError(
        400,
        `Error in $.requestKey: Base64URL decode failed: ${JSON.stringify(requestKey)}`,
      );
    }
    if (keyBytes.length !== 32)
      throw new PactApiError(400, SPV_ERRORS.badKeyLength(requestKey, keyBytes.length));
    const store = this.chain.store;
    const location = store.locate(sourceChain, requestKey);
    if (location === undefined) throw new PactApiError(400, SPV_ERRORS.notFound(requestKey));
    const targetChain = /^(0|[1-9]\d{0,9})$/.test(targetChainId) ? Number(targetChainId) : -1;
    if (!store.hasChain(targetChain)) {
      throw new PactApiError(
        400,
        `Internal error: SPV verification failed: target chain ${JSON.stringify(targetChainId)} is not a chain of ${this.chain.version.name}`,
      );
    }
    try {
      const proof = await createSpvProof({
        version: this.chain.version,
        kind: 'TXOUT',
        sourceChain,
        blockHash: location.blockHash,
        requestKey,
        targetChain,
        headers: store.headerSource(),
        payloads: store.payloadSource(),
      });
      return encodeSpvResponse(proof);
    } catch (error) {
      if (error instanceof ChainwebError && error.code === 'not_reachable')
        throw new PactApiError(400, SPV_ERRORS.tooYoung);
      throw new PactApiError(400, `Internal error: SPV verification failed: ${(error as Error).message}`);
    }
  }
}

function parseSpvRequest(body: unknown): { requestKey: string; targetChainId: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PactApiError(400, 'Error in $: parsing SpvRequest failed, expected Object');
  }
  const { requestKey, targetChainId } = body as Record<string, unknown>;
  if (typeof requestKey !== 'string')
    throw new PactApiError(400, 'Error in $: key "requestKey" not found or not a string');
  if (typeof targetChainId !== 'string') {
    throw new PactApiError(400, 'Error in $.targetChainId: parsing ChainId failed, expected a string');
  }
  return { requestKey, targetChainId };
}
