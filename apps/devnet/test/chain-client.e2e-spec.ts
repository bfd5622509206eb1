import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChainClientError,
  ChainwebNodeClient,
  ChainwebNodeSource,
  KeypairCommandSigner,
  PactCommandFactory,
} from '@spv-cloud/chain-client';
import {
  createSpvProof,
  encodeSpvProofBase64Url,
  parseAnchorRecord,
  sha512_256,
  toBase64Url,
  verifySpvProof,
} from '@spv-cloud/chainweb';
import { newKeyPair, startTestDevnet, type TestDevnet } from './support/devnet-test-kit';

const CONTRACTS = join(__dirname, '../../../contracts');

describe('libs/chain-client against the devnet', () => {
  let net: TestDevnet;
  let client: ChainwebNodeClient;
  const gas = newKeyPair();
  const admin = newKeyPair();
  const operator = newKeyPair();
  let factory: PactCommandFactory;
  let signer: KeypairCommandSigner;

  beforeAll(async () => {
    net = await startTestDevnet({ blockTimeMs: 80 });
    const network = {
      name: 'devnet',
      baseUrl: net.devnet.url,
      chainwebVersion: 'development',
      chainIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      networkId: 'development',
      versionCode: 2,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    };
    client = new ChainwebNodeClient(network);
    factory = new PactCommandFactory({
      networkId: 'development',
      namespace: 'free',
      gasPayer: { account: 'devnet-gas', publicKey: gas.publicKey },
      operatorPublicKey: operator.publicKey,
    });
    signer = new KeypairCommandSigner(
      [gas, admin, operator].map((k) => ({ publicKey: k.publicKey, secretKey: k.secretKey })),
    );
  });
  afterAll(() => net.stop());

  const execute = async (chainId: number, command: ReturnType<PactCommandFactory['exec']>) => {
    const signed = await signer.sign(command);
    const [requestKey] = await client.send(chainId, [signed]);
    const listened = await client.listen(chainId, requestKey!);
    return { signed, requestKey: requestKey!, listened };
  };

  it('learns the 10-chain development graph from /info rather than the built-in 20-chain version', async () => {
    const version = await client.chainwebVersion();
    expect(version.chainIdsAt(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(version.graphAt(0).adjacents(0)).toEqual([2, 3, 5]);
  });

  it('reads the cut, pages headers and streams header updates, all verified by the client', async () => {
    await net.devnet.waitForHeight(3);
    const cut = await client.cut();
    expect(cut.hashes.size).toBe(10);
    const page = await client.headers(4, { minHeight: 0, maxHeight: 3 });
    expect(page.items.map((h) => h.height)).toEqual([0, 1, 2, 3]);
    const canonical = await client.canonicalHeaderAt(4, 2);
    expect(canonical!.hash.equals(page.items[2]!.hash)).toBe(true);

    const controller = new AbortController();
    const updates: number[] = [];
    for await (const update of client.headerUpdates({ signal: controller.signal })) {
      updates.push(update.header.height);
      if (updates.length === 10) controller.abort();
      if (updates.length >= 10) break;
    }
    expect(updates).toHaveLength(10);
  });

  it('deploys, records a batch (send → listen → poll), proves it cross-chain and regenerates the proof locally', async () => {
    const keysets = await execute(
      0,
      factory.exec(0, {
        code: readFileSync(join(CONTRACTS, 'keysets/keysets.pact'), 'utf8'),
        data: {
          ns: 'free',
          'spv-cloud-admin': { keys: [admin.publicKey], pred: 'keys-all' },
          'spv-cloud-operator': { keys: [operator.publicKey], pred: 'keys-all' },
        },
        signers: [{ publicKey: admin.publicKey, caps: [] }],
      }),
    );
    expect(keysets.listened.result).toEqual({ status: 'success', data: 'Keyset write success' });
    const module = await execute(
      0,
      factory.exec(0, {
        code: readFileSync(join(CONTRACTS, 'spv-anchor/spv-anchor.pact'), 'utf8'),
        data: { ns: 'free', upgrade: false },
        signers: [{ publicKey: admin.publicKey, caps: [] }],
      }),
    );
    expect(module.listened.result.status).toBe('success');

    const root = sha512_256(Buffer.from('chain-client batch'));
    const { requestKey, listened } = await execute(
      0,
      factory.recordBatch(0, { tenantId: 't-1', batchId: 'b-1', root, leafCount: 5 }),
    );
    expect(parseAnchorRecord(listened.result.status === 'success' ? listened.result.data : null)).toEqual({
      tenantId: 't-1',
      batchId: 'b-1',
      root,
      leafCount: 5,
    });
    const polled = (await client.poll(0, [requestKey])).get(requestKey)!;
    expect(polled.metaData).toEqual(listened.metaData);
    const block = await client.header(0, Buffer.from(polled.metaData!.blockHash, 'base64url'));
    const payload = await client.payloadWithOutputs(0, block.payloadHash, { height: block.height });
    expect(payload.transactions).toHaveLength(1);

    // The proof for chain 9 (two hops from chain 0): retry while the node says "too young".
    let proofText: string | undefined;
    while (proofText === undefined) {
      try {
        proofText = await client.spv(0, requestKey, 9);
      } catch (error) {
        if (!(error instanceof ChainClientError) || error.code !== 'target_not_reachable') throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const verified = verifySpvProof(proofText, { expectedChain: 9, expectedKind: 'TXOUT' });
    expect(verified.valid).toBe(true);
    const local = await createSpvProof({
      version: await client.chainwebVersion(),
      kind: 'TXOUT',
      sourceChain: 0,
      blockHash: block.hash,
      requestKey,
      targetChain: 9,
      headers: new ChainwebNodeSource(client),
      payloads: new ChainwebNodeSource(client),
    });
    expect(encodeSpvProofBase64Url(local)).toBe(proofText);
  });

  it('maps the devnet’s errors to the client’s codes', async () => {
    const command = await signer.sign(factory.exec(1, { code: '(+ 1 1)' }));
    await client.send(1, [command]);
    await expect(client.send(1, [command])).rejects.toMatchObject({ code: 'duplicate' });
    await expect(client.spv(1, toBase64Url(Buffer.alloc(32, 5)), 2)).rejects.toMatchObject({
      code: 'tx_not_found',
    });
    const forged = {
      ...command,
      sigs: [{ sig: command.sigs[0]!.sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) }],
    };
    await expect(client.local(1, forged)).rejects.toMatchObject({ code: 'invalid_command' });
  });
});
