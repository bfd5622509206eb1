import type { BlockHeader, ChainwebVersion, HeaderSource, PayloadSource } from '@spv-cloud/chainweb';

/** Where a transaction is: the block `/poll` names (the source block of its proofs). */
export interface TransactionLocation {
  readonly blockHash: Buffer;
  readonly height: number;
}

/**
 * What the proof service reads from one network's chain (a port: a chainweb-node in production and
 * on the devnet, an in-memory chainweb in unit tests). Nothing read here is trusted: proofs are built
 * and self-checked by @spv-cloud/chainweb from the headers and payloads, whose hashes it recomputes.
 */
export interface ChainAccess {
  /** The network's name: its chainweb version name (`mainnet01`, `development`…). */
  readonly network: string;
  /** Recorded in provenance entries. */
  readonly nodeUrl: string;
  version(): Promise<ChainwebVersion>;
  /** The block holding the transaction, or undefined while it is not mined. */
  locate(chainId: number, requestKey: string): Promise<TransactionLocation | undefined>;
  /** The height of the chain's head in the node's current cut. */
  headHeight(chainId: number): Promise<number>;
  readonly headers: HeaderSource;
  readonly payloads: PayloadSource;
  /**
   * The node's own TXOUT proof (the `/pact/spv` body), for cross-checking; undefined when the node
   * cannot give one now (not reachable yet, endpoint missing) — only a disagreement is an alarm.
   */
  nodeSpvProof(chainId: number, requestKey: string, targetChainId: number): Promise<string | undefined>;
  /** Headers entering the node's cut, for watches; ends when `signal` aborts. */
  headerUpdates?(signal: AbortSignal): AsyncIterable<BlockHeader>;
}

/** The configured networks. */
export interface ChainAccessRegistry {
  names(): readonly string[];
  /** Throws ProofServiceError `unknown_network`. */
  get(network: string): ChainAccess;
}
