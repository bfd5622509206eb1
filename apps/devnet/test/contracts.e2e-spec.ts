import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseAnchorRecord,
  parseSpvProof,
  encodeSpvProofJson,
  sha512_256,
  toBase64Url,
  verifySpvProof,
} from '@spv-cloud/chainweb';
import { type RunningDevnet, startDevnet } from '../src';
import {
  newKeyPair,
  pollUntil,
  postJson,
  send,
  signedCommand,
  type TestKeyPair,
} from './support/devnet-test-kit';

const CONTRACTS = join(__dirname, '../../../contracts');
const source = (file: string) => readFileSync(join(CONTRACTS, file), 'utf8');

describe('devnet: SPV Cloud contracts through the declared effects table', () => {
  let dataDir: string;
  let devnet: RunningDevnet;
  let api: string;
  const admin = newKeyPair();
  const operator = newKeyPair();
  const stranger = newKeyPair();
  const root = toBase64Url(sha512_256(Buffer.from('batch root')));

  const run = async (
    chainId: number,
    code: string,
    data: Record<string, unknown>,
    signers: Parameters<typeof signedCommand>[0]['signers'],
  ) => {
    const command = signedCommand({ code, data, chainId, signers });
    const sent = await send(api, chainId, [command]);
    if (sent.status !== 200) throw new Error(sent.text);
    return { command, result: (await pollUntil(api, chainId, [command.hash]))[command.hash] };
  };
  const operatorOf = (key: TestKeyPair, module: string) => [
    { key, caps: [{ name: `free.${module}.OPERATOR`, args: [] }] },
  ];
  const recordBatch = (tenant: string, batch: string, key = operator) =>
    run(
      0,
      `(free.spv-anchor.record-batch "${tenant}" "${batch}" "${root}" 3 "SHA512t_256")`,
      {},
      operatorOf(key, 'spv-anchor'),
    );
  const deploy = (chainId: number, file: string, upgrade: boolean, key = admin, code = source(file)) =>
    run(chainId, code, { ns: 'free', upgrade }, [{ key }]);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spv-devnet-contracts-'));
    devnet = await startDevnet({ port: 0, dataDir, blockTimeMs: 50 });
    api = `${devnet.url}/chainweb/0.0/development`;
  });
  afterAll(async () => {
    await devnet.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('cannot resolve our modules before they are deployed', async () => {
    const { result } = await recordBatch('tenant-a', 'batch-0');
    expect(result.result).toMatchObject({
      status: 'failure',
      error: { message: 'Cannot find module:  free.spv-anchor' },
    });
  });

  it('deploys the keysets and the modules from their .pact sources', async () => {
    const keysetData = {
      ns: 'free',
      'spv-cloud-admin': { keys: [admin.publicKey], pred: 'keys-all' },
      'spv-cloud-operator': { keys: [operator.publicKey], pred: 'keys-all' },
    };
    for (const chainId of [0, 9]) {
      const keysets = await run(chainId, source('keysets/keysets.pact'), keysetData, [{ key: admin }]);
      expect(keysets.result.result).toEqual({ status: 'success', data: 'Keyset write success' });
    }
    const anchor = await deploy(0, 'spv-anchor/spv-anchor.pact', false);
    expect(anchor.result.result).toEqual({ status: 'success', data: ['TableCreated'] });
    const forwarder = await deploy(9, 'spv-forwarder/spv-forwarder.pact', false);
    expect(forwarder.result.result).toEqual({ status: 'success', data: ['TableCreated'] });
  });

  it('rejects a module source that differs from the effects table, and upgrades only with the admin keyset', async () => {
    const patched = source('spv-anchor/spv-anchor.pact').replace(
      '(defun valid-id:bool (id:string)',
      '(defun extra:bool () true)\n  (defun valid-id:bool (id:string)',
    );
    const mismatch = await deploy(0, 'spv-anchor/spv-anchor.pact', true, admin, patched);
    expect(mismatch.result.result.status).toBe('failure');
    expect(mismatch.result.result.error.message).toMatch(/declared effects table/);
    const byStranger = await deploy(0, 'spv-anchor/spv-anchor.pact', true, stranger);
    expect(byStranger.result.result).toMatchObject({ status: 'failure', error: { type: 'TxFailure' } });
    const upgrade = await deploy(0, 'spv-anchor/spv-anchor.pact', true);
    expect(upgrade.result.result).toEqual({ status: 'success', data: ['upgrade'] });
  });

  it('records a batch: the anchor record as result, BATCH-ANCHORED, a txId; a second call fails', async () => {
    const { command, result } = await recordBatch('tenant-a', 'batch-1');
    expect(result.result.status).toBe('success');
    const record = parseAnchorRecord(result.result.data);
    expect(record).toEqual({
      tenantId: 'tenant-a',
      batchId: 'batch-1',
      root: Buffer.from(root, 'base64url'),
      leafCount: 3,
    });
    expect(result.result.data['leaf-count']).toEqual({ int: 3 });
    expect(result.events).toEqual([
      {
        params: ['tenant-a', 'batch-1', root, { int: 3 }],
        name: 'BATCH-ANCHORED',
        module: { namespace: 'free', name: 'spv-anchor' },
        moduleHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      },
    ]);
    expect(typeof result.txId).toBe('number');
    expect(typeof result.logs).toBe('string');

    const again = await recordBatch('tenant-a', 'batch-1');
    expect(again.result.result).toMatchObject({
      status: 'failure',
      error: { type: 'TxFailure', message: 'Batch already anchored: tenant-a/batch-1' },
    });
    const notOperator = await recordBatch('tenant-a', 'batch-2', stranger);
    expect(notOperator.result.result).toMatchObject({ status: 'failure', error: { type: 'TxFailure' } });
    expect(notOperator.result.result.error.message).toMatch(/^Keyset failure/);

    const local = signedCommand({
      code: '(free.spv-anchor.get-anchor-record "tenant-a" "batch-1")',
      chainId: 0,
    });
    const read = (await postJson(`${api}/chain/0/pact/api/v1/local`, local)).json<{
      result: { status: string; data: unknown };
    }>();
    expect(read.result).toEqual(result.result);

    // The TXOUT proof of the transaction carries the anchor record.
    await devnet.waitForHeight(result.metaData.blockHeight + 2);
    const proof = await postJson(`${api}/chain/0/pact/spv`, { requestKey: command.hash, targetChainId: '9' });
    const verified = verifySpvProof(proof.text, { expectedChain: 9, expectedKind: 'TXOUT' });
    if (!verified.valid || verified.kind !== 'TXOUT') throw new Error('proof does not verify');
    expect(
      parseAnchorRecord(verified.output.result.status === 'success' ? verified.output.result.data : null),
    ).toEqual(record);
  });

  it('forwards an anchor to another chain with verify-spv on the devnet’s own headers', async () => {
    const { command, result } = await recordBatch('tenant-f', 'batch-f');
    const prepare = await run(
      9,
      `(free.spv-forwarder.prepare-forward "tenant-f" "batch-f" "${root}" 3 "0")`,
      {},
      operatorOf(operator, 'spv-forwarder'),
    );
    expect(prepare.result.result.status).toBe('success');
    await devnet.waitForHeight(result.metaData.blockHeight + 2);
    const proofText = (
      await postJson(`${api}/chain/0/pact/spv`, { requestKey: command.hash, targetChainId: '9' })
    ).text;
    const proof = JSON.parse(encodeSpvProofJson(parseSpvProof(proofText)));

    // A proof for another chain is refused by verify-spv.
    const elsewhere = parseSpvProof(
      (await postJson(`${api}/chain/0/pact/spv`, { requestKey: command.hash, targetChainId: '5' })).text,
    );
    const wrong = await run(
      9,
      '(free.spv-forwarder.commit-forward "tenant-f" "batch-f" (read-msg "proof"))',
      { proof: JSON.parse(encodeSpvProofJson(elsewhere)) },
      operatorOf(operator, 'spv-forwarder'),
    );
    expect(wrong.result.result.status).toBe('failure');
    expect(wrong.result.result.error.message).toMatch(
      /^SPV verification failure: cannot redeem spv\/continuation proof on wrong target chain/,
    );

    const commit = await run(
      9,
      '(free.spv-forwarder.commit-forward "tenant-f" "batch-f" (read-msg "proof"))',
      { proof },
      operatorOf(operator, 'spv-forwarder'),
    );
    expect(commit.result.result.status).toBe('success');
    expect(commit.result.events.map((e: { name: string }) => e.name)).toEqual(['FORWARD-COMMITTED']);
    const local = signedCommand({
      code: '(free.spv-forwarder.forwarded-anchor "tenant-f" "batch-f")',
      chainId: 9,
    });
    const forwarded = (await postJson(`${api}/chain/9/pact/api/v1/local`, local)).json<{
      result: { data: unknown };
    }>();
    expect(parseAnchorRecord(forwarded.result.data)).toMatchObject({
      tenantId: 'tenant-f',
      batchId: 'batch-f',
      leafCount: 3,
    });
  });

  it('keeps the contract state across a restart', async () => {
    await devnet.close();
    devnet = await startDevnet({ port: 0, dataDir, blockTimeMs: 50 });
    api = `${devnet.url}/chainweb/0.0/development`;
    const again = await recordBatch('tenant-a', 'batch-1');
    expect(again.result.result.error.message).toBe('Batch already anchored: tenant-a/batch-1');
    const fresh = await recordBatch('tenant-a', 'batch-3');
    expect(fresh.result.result.status).toBe('success');
  });
});
