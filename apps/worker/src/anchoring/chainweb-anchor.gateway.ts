import {
  ChainClientError,
  ChainwebNodeClient,
  ChainwebNodeSource,
  KeypairCommandSigner,
  PactCommandFactory,
  type SignedPactCommand,
} from '@spv-cloud/chain-client';
import { createSpvProof, type SpvProof } from '@spv-cloud/chainweb';
import type { AnchorNetworkSettings, WorkerSettings } from '../config/worker-settings';
import type {
  AnchorChainGateway,
  AnchorInclusion,
  AnchorRecordInput,
  AnchorSubmission,
} from './anchor-chain.gateway';

interface NetworkConnection {
  readonly client: ChainwebNodeClient;
  readonly source: ChainwebNodeSource;
}

/**
 * AnchorChainGateway over chainweb-node's REST API (@spv-cloud/chain-client): commands built by
 * PactCommandFactory and signed with the service key, TXOUT proofs built with libs/chainweb's
 * createSpvProof from the node's headers and payloads.
 */
export class ChainwebAnchorGateway implements AnchorChainGateway {
  private readonly connections = new Map<string, Promise<NetworkConnection>>();
  private readonly signer: KeypairCommandSigner | undefined;

  constructor(private readonly settings: WorkerSettings['anchoring']) {
    const sender = settings.sender;
    this.signer = sender
      ? new KeypairCommandSigner([{ publicKey: sender.publicKey, secretKey: sender.secretKey }])
      : undefined;
  }

  async chainIds(network: string): Promise<readonly number[]> {
    return (await this.connection(network)).client.network.chainIds;
  }

  async recordBatchCommand(
    network: string,
    chainId: number,
    record: AnchorRecordInput,
    submission: AnchorSubmission,
  ): Promise<SignedPactCommand> {
    const sender = this.settings.sender;
    if (!sender || !this.signer) {
      throw new ChainClientError(
        'invalid_argument',
        'anchoring is disabled: no sender account and key are configured',
      );
    }
    const { client } = await this.connection(network);
    const factory = new PactCommandFactory({
      networkId: client.network.networkId,
      namespace: this.settings.moduleNamespace,
      gasPayer: { account: sender.account, publicKey: sender.publicKey },
      operatorPublicKey: sender.publicKey,
      gasLimit: this.settings.gasLimit,
      gasPrice: this.settings.gasPrice,
      ttlSeconds: this.settings.commandTtlSeconds,
      clock: () => submission.creationTime,
      nonce: () => submission.nonce,
    });
    return this.signer.sign(factory.recordBatch(chainId, record));
  }

  async send(network: string, chainId: number, command: SignedPactCommand): Promise<'sent' | 'duplicate'> {
    const { client } = await this.connection(network);
    try {
      await client.send(chainId, [command]);
      return 'sent';
    } catch (error) {
      if (error instanceof ChainClientError && error.code === 'duplicate') return 'duplicate';
      throw error;
    }
  }

  async poll(network: string, chainId: number, requestKey: string): Promise<AnchorInclusion | undefined> {
    const { client } = await this.connection(network);
    const result = (await client.poll(chainId, [requestKey])).get(requestKey);
    if (!result?.metaData || typeof result.metaData.blockHash !== 'string') return undefined;
    const where = { blockHash: result.metaData.blockHash, blockHeight: result.metaData.blockHeight };
    if (result.result.status === 'success') return { status: 'success', data: result.result.data, ...where };
    return { status: 'failure', error: errorText(result.result.error), ...where };
  }

  async chainHeight(network: string, chainId: number): Promise<number> {
    const { client } = await this.connection(network);
    const head = (await client.cut()).hashes.get(chainId);
    if (!head)
      throw new ChainClientError('bad_response', `GET /cut: chain ${chainId} is missing from the cut`);
    return head.height;
  }

  async canonicalBlockHash(network: string, chainId: number, height: number): Promise<string | undefined> {
    const { client } = await this.connection(network);
    return (await client.canonicalHeaderAt(chainId, height))?.hash.toString('base64url');
  }

  async txOutProof(
    network: string,
    chainId: number,
    blockHash: string,
    requestKey: string,
  ): Promise<SpvProof> {
    const { client, source } = await this.connection(network);
    return createSpvProof({
      version: await client.chainwebVersion(),
      kind: 'TXOUT',
      sourceChain: chainId,
      blockHash: Buffer.from(blockHash, 'base64url'),
      requestKey,
      targetChain: chainId,
      headers: source,
      payloads: source,
    });
  }

  async nodeSpvResponse(network: string, chainId: number, requestKey: string): Promise<string> {
    const { client } = await this.connection(network);
    return client.spv(chainId, requestKey, chainId);
  }

  private connection(name: string): Promise<NetworkConnection> {
    let connection = this.connections.get(name);
    if (!connection) {
      const network = this.settings.networks.find((candidate) => candidate.name === name);
      if (!network)
        return Promise.reject(new ChainClientError('unknown_network', `no anchoring network named ${name}`));
      connection = connect(network);
      this.connections.set(name, connection);
      // A node that is down at first contact must not poison the cache.
      connection.catch(() => this.connections.delete(name));
    }
    return connection;
  }
}

async function connect(network: AnchorNetworkSettings): Promise<NetworkConnection> {
  const config = { name: network.name, baseUrl: network.nodeUrl, chainwebVersion: network.chainwebVersion };
  let chainIds = network.chainIds;
  if (chainIds === undefined) {
    // The node's own chain list: ask /info with a client that knows no chain yet.
    const info = await new ChainwebNodeClient({ ...config, chainIds: [0] }).info();
    const reported = info['nodeChains'];
    if (!Array.isArray(reported) || reported.length === 0) {
      throw new ChainClientError('bad_response', 'GET /info: nodeChains is missing');
    }
    chainIds = reported.map((chain) => Number(chain));
  }
  const client = new ChainwebNodeClient({ ...config, chainIds: [...chainIds] });
  return { client, source: new ChainwebNodeSource(client) };
}

function errorText(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message.slice(0, 500);
  }
  return JSON.stringify(error ?? null).slice(0, 500);
}
