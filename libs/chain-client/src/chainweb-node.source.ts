import type { BlockHeader, BlockPayload, HeaderSource, PayloadSource } from '@spv-cloud/chainweb';
import type { ChainwebNodeClient } from './chainweb-node.client';
import type { Cut } from './chainweb-node.types';

export interface ChainwebNodeSourceOptions {
  /** How long one /cut answers canonical-header queries (ms); default 1 000. */
  readonly cutMaxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * The chainweb library's HeaderSource and PayloadSource over a node, so SPV proofs can be built
 * (createSpvProof) and roots authenticated (assessSpvRoot) from live chain data. Headers come through
 * the client's verified cache; the canonical header at a height comes from a branch query bounded by
 * the current cut; payloads are PayloadWithOutputs (what TXOUT proofs need).
 */
export class ChainwebNodeSource implements HeaderSource, PayloadSource {
  private cut: { value: Cut; at: number } | undefined;
  private readonly cutMaxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: ChainwebNodeClient,
    options: ChainwebNodeSourceOptions = {},
  ) {
    this.cutMaxAgeMs = options.cutMaxAgeMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    return this.client.findHeader(chainId, hash);
  }

  async canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    const fresh = this.cut !== undefined && this.now() - this.cut.at <= this.cutMaxAgeMs;
    const cut = fresh ? this.cut!.value : await this.refreshCut();
    const found = await this.client.canonicalHeaderAt(chainId, height, { cut });
    // A cached cut may predate the height asked for: look again with a new cut before saying "none".
    if (found === undefined && fresh && height > (cut.hashes.get(chainId)?.height ?? -1)) {
      return this.client.canonicalHeaderAt(chainId, height, { cut: await this.refreshCut() });
    }
    return found;
  }

  payload(chainId: number, payloadHash: Buffer, height: number): Promise<BlockPayload | undefined> {
    return this.client.findPayloadWithOutputs(chainId, payloadHash, { height });
  }

  private async refreshCut(): Promise<Cut> {
    const value = await this.client.cut();
    this.cut = { value, at: this.now() };
    return value;
  }
}
