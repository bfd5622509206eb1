import type { SpvProof } from '@spv-cloud/chainweb';
import type { SignedPactCommand } from '@spv-cloud/chain-client';

/** The record `spv-anchor.record-batch` is called with (and returns as its result). */
export interface AnchorRecordInput {
  readonly tenantId: string;
  readonly batchId: string;
  readonly root: Buffer;
  readonly leafCount: number;
}

/** What makes one submission's command unique: rebuilt from these, it is byte-identical. */
export interface AnchorSubmission {
  /** Whole seconds (Pact creation time). */
  readonly creationTime: Date;
  readonly nonce: string;
}

/** An anchoring transaction's result as `/poll` reports it on the current chain. */
export type AnchorInclusion =
  | {
      readonly status: 'success';
      readonly data: unknown;
      readonly blockHash: string;
      readonly blockHeight: number;
    }
  | {
      readonly status: 'failure';
      readonly error: string;
      readonly blockHash: string;
      readonly blockHeight: number;
    };

/**
 * Everything the worker asks of Chainweb, behind one port (immich style: services never see the
 * HTTP client). The implementation is ChainwebAnchorGateway over @spv-cloud/chain-client; tests
 * use an in-memory fake. Failures are ChainClientErrors (`retryable` says whether to try again).
 */
export interface AnchorChainGateway {
  /** The chains batches of `network` may anchor on. */
  chainIds(network: string): Promise<readonly number[]>;
  /** The signed record-batch command for this submission (deterministic). */
  recordBatchCommand(
    network: string,
    chainId: number,
    record: AnchorRecordInput,
    submission: AnchorSubmission,
  ): Promise<SignedPactCommand>;
  /** 'duplicate' when the node already has it (in its mempool or on chain). */
  send(network: string, chainId: number, command: SignedPactCommand): Promise<'sent' | 'duplicate'>;
  /** undefined while the transaction is in no block of the current chain. */
  poll(network: string, chainId: number, requestKey: string): Promise<AnchorInclusion | undefined>;
  /** Height of the chain's current head. */
  chainHeight(network: string, chainId: number): Promise<number>;
  /** The canonical block hash at `height` (unpadded base64url), undefined above the head. */
  canonicalBlockHash(network: string, chainId: number, height: number): Promise<string | undefined>;
  /** TXOUT SPV proof of the transaction in `blockHash`, built with libs/chainweb from node data. */
  txOutProof(network: string, chainId: number, blockHash: string, requestKey: string): Promise<SpvProof>;
  /** chainweb-node's own `/pact/spv` answer for the same output (for cross-checks). */
  nodeSpvResponse(network: string, chainId: number, requestKey: string): Promise<string>;
}

export const ANCHOR_CHAIN_GATEWAY = Symbol('AnchorChainGateway');
