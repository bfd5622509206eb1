import {
  checkRootTrusted,
  chainwebVersionFromInfo,
  type ChainwebVersion,
  createSpvProof,
  encodeSpvResponse,
  PETERSEN_GRAPH,
  parseSpvProof,
  toBase64Url,
  verifySpvProof,
} from '@spv-cloud/chainweb';
import { SPV_ERRORS } from '../src';
import {
  http,
  newKeyPair,
  pollUntil,
  postJson,
  send,
  signedCommand,
  startTestDevnet,
  type TestDevnet,
} from './support/devnet-test-kit';
import { restHeaderSource, restPayloadSource } from './support/rest-chain-sources';

describe('devnet /pact/spv', () => {
  let net: TestDevnet;
  let version: ChainwebVersion;
  const key = newKeyPair();

  beforeAll(async () => {
    // Blocks slow enough that a proof can be asked for before its target height exists.
    net = await startTestDevnet({ blockTimeMs: 300 });
    version = chainwebVersionFromInfo((await http(`${net.devnet.url}/info`)).json());
  });
  afterAll(() => net.stop());

  const spv = (source: number, requestKey: string, target: string) =>
    postJson(`${net.api}/chain/${source}/pact/spv`, { requestKey, targetChainId: target });

  it('is "too young" until the target height exists, then proves a cross-chain TXOUT between non-adjacent chains', async () => {
    expect(PETERSEN_GRAPH.isAdjacent(0, 9)).toBe(false);
    expect(PETERSEN_GRAPH.distance(0, 9)).toBe(2);
    const command = signedCommand({ code: '(+ 40 2)', chainId: 0, signers: [{ key }] });
    await send(net.api, 0, [command]);
    const result = (await pollUntil(net.api, 0, [command.hash], 10_000))[command.hash];
    const height = result.metaData.blockHeight as number;

    const early = await spv(0, command.hash, '9');
    expect({ status: early.status, text: early.text }).toEqual({ status: 400, text: SPV_ERRORS.tooYoung });

    await net.devnet.waitForHeight(height + 2);
    const answer = await spv(0, command.hash, '9');
    expect(answer.status).toBe(200);
    const proof = parseSpvProof(answer.text);
    expect(proof.chain).toBe(9);
    const verified = verifySpvProof(answer.text, { expectedChain: 9, expectedKind: 'TXOUT' });
    if (!verified.valid || verified.kind !== 'TXOUT')
      throw new Error(`proof does not verify: ${JSON.stringify(verified)}`);
    expect(verified.output.reqKey).toBe(command.hash);
    expect(verified.output.json).toEqual({ ...result, metaData: null });

    // The root is the canonical header of chain 9 at h + 2, and a trust check over REST accepts it.
    const headers = restHeaderSource(net.api);
    const target = await headers.canonicalHeaderAt(9, height + 2);
    expect(verified.root.equals(target!.hash)).toBe(true);
    expect(await checkRootTrusted(9, verified.root, headers)).toBe(true);

    // Regenerated locally from the devnet's REST data with the same library: byte for byte.
    const local = await createSpvProof({
      version,
      kind: 'TXOUT',
      sourceChain: 0,
      blockHash: Buffer.from(result.metaData.blockHash, 'base64url'),
      requestKey: command.hash,
      targetChain: 9,
      headers,
      payloads: restPayloadSource(net.api),
    });
    expect(encodeSpvResponse(local)).toBe(answer.text);
  });

  it('proves on the same chain and on an adjacent one', async () => {
    const command = signedCommand({ code: '(+ 1 1)', chainId: 3, signers: [{ key }] });
    await send(net.api, 3, [command]);
    const result = (await pollUntil(net.api, 3, [command.hash], 10_000))[command.hash];
    await net.devnet.waitForHeight((result.metaData.blockHeight as number) + 1);
    for (const target of [3, 8]) {
      const answer = await spv(3, command.hash, String(target));
      const verified = verifySpvProof(answer.text, { expectedChain: target, expectedKind: 'TXOUT' });
      expect(verified.valid).toBe(true);
      if (target === 3 && verified.valid) expect(toBase64Url(verified.root)).toBe(result.metaData.blockHash);
    }
  });

  it('answers unknown request keys, bad keys and bad targets with 400s', async () => {
    const unknown = toBase64Url(Buffer.alloc(32, 3));
    const notFound = await spv(0, unknown, '1');
    expect({ status: notFound.status, text: notFound.text }).toEqual({
      status: 400,
      text: SPV_ERRORS.notFound(unknown),
    });
    const short = toBase64Url(Buffer.alloc(16, 3));
    expect((await spv(0, short, '1')).text).toBe(SPV_ERRORS.badKeyLength(short, 16));
    const command = signedCommand({ code: '(+ 1 1)', chainId: 1 });
    await send(net.api, 1, [command]);
    await pollUntil(net.api, 1, [command.hash], 10_000);
    expect((await spv(1, command.hash, '33')).status).toBe(400);
    expect(
      (await postJson(`${net.api}/chain/1/pact/spv`, { requestKey: command.hash, targetChainId: 2 })).status,
    ).toBe(400);
    expect((await postJson(`${net.api}/chain/1/pact/spv`, 'nope')).status).toBe(400);
  });
});
