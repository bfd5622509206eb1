import type { ChainwebNodeClient, CommandSigner, PactCommandFactory } from '@spv-cloud/chain-client';
import { ProofServiceError } from '../proof-service.errors';

export interface AnchorSubmission {
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
}

export interface AnchorConfirmation {
  readonly blockHash: string;
  readonly blockHeight: number;
}

/** Writes provenance checkpoints on chain (`provenance-log.record-checkpoint`). */
export interface CheckpointAnchor {
  readonly network: string;
  readonly chainId: number;
  submit(input: {
    readonly logId: string;
    readonly size: bigint;
    readonly root: Buffer;
  }): Promise<AnchorSubmission>;
  /** The block holding the submitted transaction, undefined while it is not mined; throws if it failed. */
  confirm(requestKey: string): Promise<AnchorConfirmation | undefined>;
}

/** CheckpointAnchor over a chainweb-node: PactCommandFactory builds the call, the signer signs it. */
export class PactCheckpointAnchor implements CheckpointAnchor {
  constructor(
    private readonly deps: {
      readonly network: string;
      readonly chainId: number;
      readonly client: Pick<ChainwebNodeClient, 'send' | 'poll'>;
      readonly factory: Pick<PactCommandFactory, 'recordCheckpoint'>;
      readonly signer: CommandSigner;
    },
  ) {}

  get network(): string {
    return this.deps.network;
  }

  get chainId(): number {
    return this.deps.chainId;
  }

  async submit(input: {
    readonly logId: string;
    readonly size: bigint;
    readonly root: Buffer;
  }): Promise<AnchorSubmission> {
    const command = this.deps.factory.recordCheckpoint(this.deps.chainId, {
      logId: input.logId,
      size: input.size,
      root: input.root,
    });
    const signed = await this.deps.signer.sign(command);
    const [requestKey] = await this.deps.client.send(this.deps.chainId, [signed]);
    return { network: this.deps.network, chainId: this.deps.chainId, requestKey: requestKey as string };
  }

  async confirm(requestKey: string): Promise<AnchorConfirmation | undefined> {
    const result = (await this.deps.client.poll(this.deps.chainId, [requestKey])).get(requestKey);
    if (!result) return undefined;
    if (result.result.status !== 'success') {
      throw new ProofServiceError(
        'proof_failed',
        `record-checkpoint ${requestKey} failed: ${JSON.stringify(result.result.error)}`,
      );
    }
    if (!result.metaData) return undefined;
    return { blockHash: result.metaData.blockHash, blockHeight: result.metaData.blockHeight };
  }
}
