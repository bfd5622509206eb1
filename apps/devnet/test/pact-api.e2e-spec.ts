import { createClient, createSignWithKeypair, isSignedTransaction, Pact } from '@kadena/client';
import {
  computeRequestKey,
  decodeBlockHeaderBase64Url,
  decodeCommandResult,
  findTransactionIndex,
  parsePayloadJson,
  toBase64Url,
} from '@spv-cloud/chainweb';
import { ARBITRARY_PACT_MESSAGE, INSERT_ERROR } from '../src';
import {
  http,
  newKeyPair,
  pollUntil,
  postJson,
  send,
  signedCommand,
  type SignedCommand,
  startTestDevnet,
  type TestDevnet,
} from './support/devnet-test-kit';

const rejected = (command: SignedCommand, index: number, error: string): string =>
  `One or more transactions were invalid: Transaction ${JSON.stringify(command.hash)} at index ${index} failed with: ${error}`;

describe('devnet Pact API', () => {
  let net: TestDevnet;
  const alice = newKeyPair();

  beforeAll(async () => {
    net = await startTestDevnet({ blockTimeMs: 60, listenTimeoutMs: 2_000 });
  });
  afterAll(() => net.stop());

  it('takes a command signed with @kadena/client: send → listen → poll, included as a failed transaction', async () => {
    const transaction = Pact.builder
      .execution('(+ 1 2)')
      .addSigner(alice.publicKey)
      .setMeta({ chainId: '2', senderAccount: 'alice' })
      .setNetworkId('development')
      .createTransaction();
    const signed = await createSignWithKeypair({ publicKey: alice.publicKey, secretKey: alice.secretKey })(
      transaction,
    );
    if (!isSignedTransaction(signed)) throw new Error('@kadena/client did not sign the transaction');
    const client = createClient(({ chainId }) => `${net.api}/chain/${chainId}/pact`);
    const descriptor = await client.submitOne(signed);
    expect(descriptor.requestKey).toBe(computeRequestKey(signed.cmd));

    const listened = await client.listen(descriptor);
    expect(listened.reqKey).toBe(descriptor.requestKey);
    expect(listened.result).toEqual({
      status: 'failure',
      error: { callStack: [], type: 'EvalError', message: ARBITRARY_PACT_MESSAGE, info: '' },
    });
    const polled = (
      await postJson(`${net.api}/chain/2/pact/api/v1/poll`, { requestKeys: [descriptor.requestKey] })
    ).json<Record<string, any>>();
    const result = polled[descriptor.requestKey];
    expect(Object.keys(result)).toEqual([
      'gas',
      'result',
      'reqKey',
      'logs',
      'metaData',
      'continuation',
      'txId',
    ]);
    expect(Object.keys(result.metaData)).toEqual(['blockHash', 'blockHeight', 'blockTime', 'prevBlockHash']);
    expect(result.continuation).toBeNull();
    expect(result.txId).toBeNull();

    // The block named by metaData holds the command and its output (with metaData null there).
    const header = decodeBlockHeaderBase64Url(
      (await http(`${net.api}/chain/2/header/${result.metaData.blockHash}`)).json<string>(),
    );
    expect(header.height).toBe(result.metaData.blockHeight);
    expect(Number(header.creationTime)).toBe(result.metaData.blockTime);
    expect(toBase64Url(header.parent)).toBe(result.metaData.prevBlockHash);
    const payload = parsePayloadJson(
      (await http(`${net.api}/chain/2/payload/${toBase64Url(header.payloadHash)}/outputs`)).json(),
    );
    const index = findTransactionIndex(payload, descriptor.requestKey);
    expect(index).toBeGreaterThanOrEqual(0);
    // Stored as chainweb stores commands: {hash, sigs: [{sig}], cmd}, the cmd text exactly as signed.
    expect(JSON.parse(payload.transactions[index]!.toString())).toEqual({
      hash: signed.hash,
      sigs: signed.sigs.map((s) => ({ sig: s?.sig })),
      cmd: signed.cmd,
    });
    const stored = decodeCommandResult(payload.outputs![index]!);
    expect(stored.json).toEqual({ ...result, metaData: null });
  });

  it('listens (long poll) until the block and answers 504 after the timeout for unknown keys', async () => {
    const command = signedCommand({ code: '(free.nothing.here)', chainId: 4, signers: [{ key: alice }] });
    const listening = postJson(`${net.api}/chain/4/pact/api/v1/listen`, { listen: command.hash });
    await new Promise((r) => setTimeout(r, 100));
    expect((await send(net.api, 4, [command])).json()).toEqual({ requestKeys: [command.hash] });
    const answer = await listening;
    expect(answer.status).toBe(200);
    expect(answer.json<{ reqKey: string; metaData: { blockHeight: number } }>().reqKey).toBe(command.hash);

    const never = await postJson(`${net.api}/chain/4/pact/api/v1/listen`, {
      listen: toBase64Url(Buffer.alloc(32, 1)),
    });
    expect(never.status).toBe(504);
  });

  it('honours confirmationDepth in /poll and returns only known keys', async () => {
    const command = signedCommand({ code: '(+ 2 2)', chainId: 6 });
    await send(net.api, 6, [command]);
    const results = await pollUntil(net.api, 6, [command.hash]);
    const height = results[command.hash].metaData.blockHeight as number;
    await net.devnet.waitForHeight(height + 3);
    const deep = (
      await postJson(`${net.api}/chain/6/pact/api/v1/poll?confirmationDepth=50`, {
        requestKeys: [command.hash],
      })
    ).json();
    expect(deep).toEqual({});
    const unknown = toBase64Url(Buffer.alloc(32, 9));
    const both = (
      await postJson(`${net.api}/chain/6/pact/api/v1/poll?confirmationDepth=2`, {
        requestKeys: [command.hash, unknown],
      })
    ).json<Record<string, unknown>>();
    expect(Object.keys(both)).toEqual([command.hash]);
  });

  it('rejects bad commands with chainweb-node’s errors and keeps running', async () => {
    const bob = newKeyPair();
    const good = signedCommand({ code: '(+ 1 1)', chainId: 0, signers: [{ key: alice }] });

    const badHash = { ...good, hash: computeRequestKey(`${good.cmd} `) };
    expect((await send(net.api, 0, [badHash])).text).toBe(rejected(badHash, 0, INSERT_ERROR.invalidHash));

    const badSig = { ...good, sigs: [{ sig: bob.signHash(good.hash) }] };
    const sigAnswer = await send(net.api, 0, [badSig]);
    expect(sigAnswer.status).toBe(400);
    expect(sigAnswer.contentType).toBe('text/plain;charset=utf-8');
    expect(sigAnswer.text).toBe(
      rejected(
        badSig,
        0,
        'Invalid transaction sigs: The signature at position 0 is invalid: invalid ed25519 signature.',
      ),
    );

    const missingSig = { ...good, sigs: [] };
    expect((await send(net.api, 0, [missingSig])).text).toBe(
      rejected(
        missingSig,
        0,
        'Invalid transaction sigs: The number of signers and signatures do not match. Number of signers: 1. Number of signatures: 0.',
      ),
    );

    const wrongChain = signedCommand({ code: '(+ 1 1)', chainId: 1, signers: [{ key: alice }] });
    expect((await send(net.api, 0, [wrongChain])).text).toBe(
      rejected(wrongChain, 0, INSERT_ERROR.metadataMismatch),
    );
    const wrongNetwork = signedCommand({ code: '(+ 1 1)', chainId: 0, networkId: 'mainnet01' });
    expect((await send(net.api, 0, [wrongNetwork])).text).toBe(
      rejected(wrongNetwork, 0, INSERT_ERROR.metadataMismatch),
    );
    const expired = signedCommand({
      code: '(+ 1 1)',
      chainId: 0,
      creationTime: Math.floor(Date.now() / 1000) - 3600,
      ttl: 60,
    });
    expect((await send(net.api, 0, [expired])).text).toBe(rejected(expired, 0, INSERT_ERROR.ttlExpired));
    const future = signedCommand({
      code: '(+ 1 1)',
      chainId: 0,
      creationTime: Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await send(net.api, 0, [future])).text).toBe(rejected(future, 0, INSERT_ERROR.timeInFuture));

    // One bad command rejects the whole batch: the good one is not queued either.
    const other = signedCommand({ code: '(+ 5 5)', chainId: 0, signers: [{ key: alice }] });
    const otherBadSig = { ...other, sigs: [{ sig: bob.signHash(other.hash) }] };
    const batch = await send(net.api, 0, [good, otherBadSig]);
    expect(batch.text).toBe(
      rejected(
        otherBadSig,
        1,
        'Invalid transaction sigs: The signature at position 0 is invalid: invalid ed25519 signature.',
      ),
    );

    const notJson = await postJson(`${net.api}/chain/0/pact/api/v1/send`, '{"cmds": [');
    expect(notJson.status).toBe(400);
    expect(notJson.text).toMatch(/^Error in \$: /);
    expect((await postJson(`${net.api}/chain/0/pact/api/v1/send`, { cmds: [] })).text).toBe(
      'Error in $.cmds: parsing NonEmpty failed, unexpected empty list',
    );
    expect(
      (await postJson(`${net.api}/chain/0/pact/api/v1/send`, { cmds: [{ hash: good.hash, sigs: [] }] })).text,
    ).toBe('Error in $.cmds[0]: key "cmd" not found');
    const cmdNotJson = { hash: computeRequestKey('nope'), sigs: [], cmd: 'nope' };
    const cmdAnswer = await send(net.api, 0, [cmdNotJson]);
    expect(cmdAnswer.status).toBe(400);
    expect(cmdAnswer.text).toMatch(/^reading JSON for transaction failed: Error in \$: /);
    expect((await send(net.api, 42, [good])).status).toBe(404);

    // Duplicates: while pending and once in a block.
    expect((await send(net.api, 0, [good])).status).toBe(200);
    expect((await send(net.api, 0, [good])).text).toBe(rejected(good, 0, INSERT_ERROR.duplicate));
    await pollUntil(net.api, 0, [good.hash]);
    expect((await send(net.api, 0, [good])).text).toBe(rejected(good, 0, INSERT_ERROR.duplicate));
    const inBatch = signedCommand({ code: '(+ 3 3)', chainId: 0 });
    expect((await send(net.api, 0, [inBatch, inBatch])).text).toBe(
      rejected(inBatch, 1, INSERT_ERROR.duplicate),
    );

    // Still mining and serving.
    const before = net.devnet.height();
    await net.devnet.waitForHeight(before + 2);
    expect((await http(`${net.api}/cut`)).status).toBe(200);
  });

  it('answers /local without committing, with preflight and signature checks', async () => {
    const command = signedCommand({ code: '(+ 1 2)', chainId: 1, signers: [{ key: alice }] });
    const local = await postJson(`${net.api}/chain/1/pact/api/v1/local`, command);
    expect(local.status).toBe(200);
    expect(local.json<{ result: unknown; reqKey: string }>()).toMatchObject({
      reqKey: command.hash,
      result: { status: 'failure', error: { message: ARBITRARY_PACT_MESSAGE } },
    });
    const preflight = (await postJson(`${net.api}/chain/1/pact/api/v1/local?preflight=true`, command)).json<
      Record<string, any>
    >();
    expect(Object.keys(preflight)).toEqual(['preflightResult', 'preflightWarnings']);
    expect(preflight['preflightResult'].metaData.publicMeta.chainId).toBe('1');

    const bob = newKeyPair();
    const badSig = { ...command, sigs: [{ sig: bob.signHash(command.hash) }] };
    expect((await postJson(`${net.api}/chain/1/pact/api/v1/local`, badSig)).text).toBe(
      'Metadata validation failed: ["The signature at position 0 is invalid: invalid ed25519 signature."]',
    );
    expect(
      (await postJson(`${net.api}/chain/1/pact/api/v1/local?signatureVerification=false`, badSig)).status,
    ).toBe(200);
    expect(
      (await postJson(`${net.api}/chain/1/pact/api/v1/local?preflight=true`, { ...command })).status,
    ).toBe(200);
    const wrongChain = await postJson(`${net.api}/chain/3/pact/api/v1/local?preflight=true`, command);
    expect(wrongChain.text).toBe('Metadata validation failed: ["Chain id mismatch"]');
    // /local never puts the command in a block.
    await net.devnet.waitForHeight(net.devnet.height() + 2);
    expect(
      (await postJson(`${net.api}/chain/1/pact/api/v1/poll`, { requestKeys: [command.hash] })).json(),
    ).toEqual({});
  });
});
