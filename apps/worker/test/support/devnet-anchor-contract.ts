import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChainwebNodeClient,
  KeypairCommandSigner,
  PactCommandFactory,
  type Ed25519KeyPair,
} from '@spv-cloud/chain-client';

const CONTRACTS = join(__dirname, '../../../../contracts');

/**
 * Deploys the operator/admin keysets and spv-anchor (namespace `free`) on every chain of a devnet,
 * signed by one key (the devnet charges no gas), the way contracts/deploy does on real networks.
 */
export async function deploySpvAnchor(
  nodeUrl: string,
  chainIds: readonly number[],
  key: Ed25519KeyPair,
): Promise<void> {
  const client = new ChainwebNodeClient({
    name: 'devnet',
    baseUrl: nodeUrl,
    chainwebVersion: 'development',
    chainIds: [...chainIds],
  });
  const signer = new KeypairCommandSigner([key]);
  const factory = new PactCommandFactory({
    networkId: 'development',
    namespace: 'free',
    gasPayer: { account: 'spv-cloud-operator', publicKey: key.publicKey },
    operatorPublicKey: key.publicKey,
    gasLimit: 150_000,
  });
  const keyset = { keys: [key.publicKey], pred: 'keys-all' };
  const units = [
    {
      code: readFileSync(join(CONTRACTS, 'keysets/keysets.pact'), 'utf8'),
      data: { ns: 'free', 'spv-cloud-admin': keyset, 'spv-cloud-operator': keyset },
    },
    {
      code: readFileSync(join(CONTRACTS, 'spv-anchor/spv-anchor.pact'), 'utf8'),
      data: { ns: 'free', upgrade: false },
    },
  ];
  for (const unit of units) {
    const commands = await Promise.all(
      chainIds.map(async (chainId) => ({
        chainId,
        command: await signer.sign(
          factory.exec(chainId, { ...unit, signers: [{ publicKey: key.publicKey, caps: [] }] }),
        ),
      })),
    );
    await Promise.all(commands.map(({ chainId, command }) => client.send(chainId, [command])));
    for (const { chainId, command } of commands) {
      const result = await client.listen(chainId, command.hash, { timeoutMs: 30_000 });
      if (result.result.status !== 'success') {
        throw new Error(`deploying on chain ${chainId} failed: ${JSON.stringify(result.result)}`);
      }
    }
  }
}
