import type { BlockHeader } from '../header';
import type { BlockPayload } from '../payload';

/**
 * Where proof creation and root authentication read chain data from: a chainweb-node client, a
 * database of indexed headers, or an in-memory set in tests. Nothing read here is trusted: every
 * header is re-hashed and every link re-checked before it goes into a proof.
 */
export interface HeaderSource {
  /** The header of `chainId` with this block hash, on any branch; undefined when unknown. */
  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined>;
  /** The header at `height` on the current canonical branch of `chainId`; undefined above its head. */
  canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined>;
}

export interface PayloadSource {
  /** The payload with this hash (PayloadWithOutputs for TXOUT proofs); undefined when unknown. */
  payload(chainId: number, payloadHash: Buffer, height: number): Promise<BlockPayload | undefined>;
}
