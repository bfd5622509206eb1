import { EventEmitter } from 'node:events';
import {
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
  encodeBlockHeader,
  type HeaderSource,
  type PayloadSource,
} from '@spv-cloud/chainweb';

/** One block of one chain: its header (with the binary form served over REST) and its full payload. */
export interface StoredBlock {
  readonly header: BlockHeader;
  readonly headerBytes: Buffer;
  readonly payload: BlockPayload;
}

/** Where a transaction is: the block holding it and its index in the payload. */
export interface TransactionLocation {
  readonly chainId: number;
  readonly height: number;
  readonly blockHash: Buffer;
  readonly txIndex: number;
}

interface ChainIndex {
  readonly blocks: StoredBlock[];
  readonly byHash: Map<string, StoredBlock>;
  readonly byPayloadHash: Map<string, StoredBlock>;
  readonly requestKeys: Map<string, TransactionLocation>;
}

export function storedBlock(header: BlockHeader, payload: BlockPayload): StoredBlock {
  return { header, headerBytes: encodeBlockHeader(header), payload };
}

const key = (hash: Uint8Array): string => Buffer.from(hash).toString('base64url');

/**
 * The devnet's chains in memory: one canonical branch per chain (the devnet never forks), indexed by
 * height, block hash, payload hash and request key. Every chain has the same height: blocks are
 * added one cut at a time. Emits 'cut' with the new blocks after each append.
 */
export class ChainStore extends EventEmitter<{ cut: [readonly StoredBlock[]] }> {
  private readonly chains = new Map<number, ChainIndex>();

  constructor(readonly version: ChainwebVersion) {
    super();
    this.setMaxListeners(0);
    for (const chainId of version.chainIds) {
      this.chains.set(chainId, {
        blocks: [],
        byHash: new Map(),
        byPayloadHash: new Map(),
        requestKeys: new Map(),
      });
    }
  }

  get chainIds(): readonly number[] {
    return this.version.chainIds;
  }

  hasChain(chainId: number): boolean {
    return this.chains.has(chainId);
  }

  /** The height of the latest cut (every chain's head height); -1 before genesis. */
  get height(): number {
    return this.index(this.version.chainIds[0]!).blocks.length - 1;
  }

  head(chainId: number): StoredBlock {
    const blocks = this.index(chainId).blocks;
    const head = blocks[blocks.length - 1];
    if (head === undefined) throw new Error(`chain ${chainId} has no blocks yet`);
    return head;
  }

  /** The headers of the latest cut, ascending by chain id. */
  cut(): StoredBlock[] {
    return this.version.chainIds.map((chainId) => this.head(chainId));
  }

  at(chainId: number, height: number): StoredBlock | undefined {
    return this.index(chainId).blocks[height];
  }

  /** Blocks of a chain with minHeight ≤ height ≤ maxHeight, ascending. */
  range(chainId: number, minHeight: number, maxHeight: number): StoredBlock[] {
    return this.index(chainId).blocks.slice(Math.max(0, minHeight), Math.max(0, maxHeight + 1));
  }

  byHash(chainId: number, hash: Uint8Array): StoredBlock | undefined {
    return this.index(chainId).byHash.get(key(hash));
  }

  byPayloadHash(chainId: number, payloadHash: Uint8Array): StoredBlock | undefined {
    return this.index(chainId).byPayloadHash.get(key(payloadHash));
  }

  locate(chainId: number, requestKey: string): TransactionLocation | undefined {
    return this.index(chainId).requestKeys.get(requestKey);
  }

  /** Adds one block per chain at the next height (genesis first); emits 'cut'. */
  appendCut(blocks: readonly StoredBlock[], requestKeysOf: (block: StoredBlock) => readonly string[]): void {
    const height = this.height + 1;
    if (blocks.length !== this.chains.size)
      throw new Error(`a cut needs one block per chain (${this.chains.size})`);
    for (const block of blocks) {
      if (block.header.height !== height) {
        throw new Error(
          `block of chain ${block.header.chainId} has height ${block.header.height}, expected ${height}`,
        );
      }
    }
    for (const block of blocks) {
      const index = this.index(block.header.chainId);
      index.blocks.push(block);
      index.byHash.set(key(block.header.hash), block);
      index.byPayloadHash.set(key(block.header.payloadHash), block);
      requestKeysOf(block).forEach((requestKey, txIndex) => {
        index.requestKeys.set(requestKey, {
          chainId: block.header.chainId,
          height: block.header.height,
          blockHash: block.header.hash,
          txIndex,
        });
      });
    }
    this.emit('cut', blocks);
  }

  /** Proof creation reads headers and payloads through libs/chainweb's source interfaces. */
  headerSource(): HeaderSource {
    return {
      header: (chainId, hash) =>
        Promise.resolve(this.hasChain(chainId) ? this.byHash(chainId, hash)?.header : undefined),
      canonicalHeaderAt: (chainId, height) =>
        Promise.resolve(this.hasChain(chainId) ? this.at(chainId, height)?.header : undefined),
    };
  }

  payloadSource(): PayloadSource {
    return {
      payload: (chainId, payloadHash) =>
        Promise.resolve(
          this.hasChain(chainId) ? this.byPayloadHash(chainId, payloadHash)?.payload : undefined,
        ),
    };
  }

  private index(chainId: number): ChainIndex {
    const index = this.chains.get(chainId);
    if (index === undefined) throw new Error(`chain ${chainId} is not a chain of this devnet`);
    return index;
  }
}
