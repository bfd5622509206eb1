import type { BlockHeader } from '@spv-cloud/chainweb';

/** GET /cut */
export interface Cut {
  readonly height: number;
  /** Base64url u256 LE, as served. */
  readonly weight: string;
  readonly id: string;
  readonly instance: string;
  /** The head of each chain in this cut. */
  readonly hashes: ReadonlyMap<number, { readonly height: number; readonly hash: Buffer }>;
}

/** A page of a chainweb listing: `next` is the cursor (`inclusive:<hash>` / `exclusive:<hash>`) or null. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly limit: number;
  readonly next: string | null;
}

export interface HeaderPageQuery {
  readonly minHeight?: number;
  readonly maxHeight?: number;
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly next?: string;
}

export interface BranchBounds {
  /** Headers that are ancestors of these are excluded. */
  readonly lower?: readonly Buffer[];
  /** Only ancestors (inclusive) of these are listed. */
  readonly upper: readonly Buffer[];
}

export type HeaderEncoding = 'binary' | 'base64url' | 'object';

/** One event of GET /header/updates (chainweb HeaderUpdate). */
export interface HeaderUpdate {
  readonly header: BlockHeader;
  readonly txCount: number;
  /** Hex, as served. */
  readonly powHash: string;
  /** Hex, as served. */
  readonly target: string;
}

/** A signed Pact command as `/send` and `/local` take it. */
export interface SignedPactCommand {
  readonly hash: string;
  readonly sigs: ReadonlyArray<{ readonly sig: string }>;
  readonly cmd: string;
}

/** `/poll` metaData: where the transaction is (the source block of SPV proofs). */
export interface PactResultMetaData {
  readonly blockHash: string;
  readonly blockHeight: number;
  /** µs since the epoch. */
  readonly blockTime: number;
  readonly prevBlockHash: string;
  readonly [extra: string]: unknown;
}

/** A Pact CommandResult as `/poll`, `/listen` and `/local` answer it. */
export interface PactCommandResult {
  readonly reqKey: string;
  readonly txId: number | null;
  readonly result:
    | { readonly status: 'success'; readonly data: unknown }
    | { readonly status: 'failure'; readonly error: unknown };
  readonly gas: number;
  readonly logs: string | null;
  readonly continuation: unknown;
  readonly metaData: PactResultMetaData | null;
  readonly events: readonly unknown[];
  /** The whole answer, for fields not modelled here. */
  readonly json: Readonly<Record<string, unknown>>;
}

export interface LocalOptions {
  /** Run the command as the next block would (gas purchase, signatures, metadata). */
  readonly preflight?: boolean;
  readonly signatureVerification?: boolean;
  readonly rewindDepth?: number;
}
