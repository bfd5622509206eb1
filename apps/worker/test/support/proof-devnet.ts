import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChainwebNodeClient,
  KeypairCommandSigner,
  PactCommandFactory,
  type Ed25519KeyPair,
  type SignedPactCommand,
} from '@spv-cloud/chain-client';

const CONTRACTS = join(__dirname, '../../../../contracts');

/**
 * The proof service's devnet fixture: keysets, spv-anchor (transactions to prove) and provenance-log
 * (checkpoint anchoring) in namespace `free`, and signed `record-batch` commands whose request keys
 * are known before they are sent (so a proof can be asked for before its transaction exists).
 */
export class ProofDevnet {
  readonly client: ChainwebNodeClient;
  private readonly signer: KeypairCommandSigner;
  private readonly factory: PactCommandFactory;
  private counter = 0;

  constructor(
    readonly nodeUrl: string,
    readonly chainIds: readonly number[],
    private readonly key: Ed25519KeyPair,
  ) {
    this.client = new ChainwebNodeClient({
      name: 'devnet',
      baseUrl: nodeUrl,
      chainwebVersion: 'development',
      chainIds: [...chainIds],
    });
    this.signer = new KeypairCommandSigner([key]);
    this.factory = new PactCommandFactory({
      networkId: 'development',
      namespace: 'free',
      gasPayer: { account: 'spv-cloud-operator', publicKey: key.publicKey },
      operatorPublicKey: key.publicKey,
      gasLimit: 150_000,
    });
  }

  /** Deploys the keysets and spv-anchor on `anchorChains`, and provenance-log on `provenanceChains`. */
  async deploy(anchorChains: readonly number[], provenanceChains: readonly number[]): Promise<void> {
    const keyset = { keys: [this.key.publicKey], pred: 'keys-all' };
    const units = [
      {
        chains: [...new Set([...anchorChains, ...provenanceChains])],
        code: 'keysets/keysets.pact',
        data: { ns: 'free', 'spv-cloud-admin': keyset, 'spv-cloud-operator': keyset },
      },
      { chains: anchorChains, code: 'spv-anchor/spv-anchor.pact', data: { ns: 'free', upgrade: false } },
      {
        chains: provenanceChains,
        code: 'provenance-log/provenance-log.pact',
        data: { ns: 'free', upgrade: false },
      },
    ];
    for (const unit of units) {
      const code = readFileSync(join(CONTRACTS, unit.code), 'utf8');
      const commands = await Promise.all(
        unit.chains.map(async (chainId) => ({
          chainId,
          command: await this.signer.sign(
            this.factory.exec(chainId, {
              code,
              data: unit.data,
              signers: [{ publicKey: this.key.publicKey, caps: [] }],
            }),
          ),
        })),
      );
      await Promise.all(commands.map(({ chainId, command }) => this.client.send(chainId, [command])));
      for (const { chainId, command } of commands) {
        const result = await this.client.listen(chainId, command.hash, { timeoutMs: 30_000 });
        if (result.result.status !== 'success')
          throw new Error(`deploying ${unit.code} on ${chainId}: ${JSON.stringify(result.result)}`);
      }
    }
  }

  /** A signed record-batch command on `chainId` (not sent): its `hash` is the request key. */
  async command(chainId: number): Promise<SignedPactCommand> {
    const n = ++this.counter;
    return this.signer.sign(
      this.factory.recordBatch(chainId, {
        tenantId: 'proof-e2e',
        batchId: `batch-${n}-${Date.now()}`,
        root: Buffer.alloc(32, n),
        leafCount: n,
      }),
    );
  }

  async send(chainId: number, command: SignedPactCommand): Promise<void> {
    await this.client.send(chainId, [command]);
  }

  /** Sends and waits until mined; returns the block height. */
  async sendAndWait(chainId: number, command: SignedPactCommand): Promise<number> {
    await this.send(chainId, command);
    const result = await this.client.listen(chainId, command.hash, { timeoutMs: 30_000 });
    if (result.result.status !== 'success')
      throw new Error(`command failed: ${JSON.stringify(result.result)}`);
    return result.metaData?.blockHeight ?? -1;
  }
}
