import { blake2b256, parseSpvProof } from '@spv-cloud/chainweb';
import { generateKeyPairSync } from 'node:crypto';
import { vectorJson } from '../../../chainweb/test/vectors';
import { ChainClientError } from '../chain-client.errors';
import { KeypairCommandSigner, signersOf, verifySignature, type Ed25519KeyPair } from './command-signer';
import { PactCommandFactory } from './pact-command.factory';

function keyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    secretKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
  };
}

const gas = keyPair();
const operator = keyPair();
const ROOT = 'vGenXEWCbcH-s1BA_8PvgjwJcEcV7u0biKDeXnoeXeY';

function factory(
  overrides: Partial<ConstructorParameters<typeof PactCommandFactory>[0]> = {},
): PactCommandFactory {
  return new PactCommandFactory({
    networkId: 'development',
    namespace: 'spv',
    gasPayer: { account: `k:${gas.publicKey}`, publicKey: gas.publicKey },
    operatorPublicKey: operator.publicKey,
    clock: () => new Date('2025-06-01T12:00:00Z'),
    nonce: () => 'nonce-1',
    ...overrides,
  });
}

const cmdOf = (tx: { cmd: string }) => JSON.parse(tx.cmd);

describe('PactCommandFactory', () => {
  it('builds record-batch as one call with literal arguments and scoped signatures', () => {
    const tx = factory().recordBatch(3, {
      tenantId: 'tenant-1',
      batchId: 'batch-1',
      root: Buffer.from(ROOT, 'base64url'),
      leafCount: 3,
    });
    const cmd = cmdOf(tx);
    expect(cmd.payload.exec.code).toBe(
      `(spv.spv-anchor.record-batch "tenant-1" "batch-1" "${ROOT}" 3 "SHA512t_256")`,
    );
    expect(cmd.meta).toEqual({
      chainId: '3',
      sender: `k:${gas.publicKey}`,
      gasLimit: 10000,
      gasPrice: 1e-8,
      ttl: 600,
      creationTime: 1748779200,
    });
    expect(cmd.networkId).toBe('development');
    expect(cmd.nonce).toBe('nonce-1');
    expect(cmd.signers).toEqual([
      { pubKey: gas.publicKey, scheme: 'ED25519', clist: [{ name: 'coin.GAS', args: [] }] },
      {
        pubKey: operator.publicKey,
        scheme: 'ED25519',
        clist: [{ name: 'spv.spv-anchor.OPERATOR', args: [] }],
      },
    ]);
    expect(tx.hash).toBe(blake2b256(Buffer.from(tx.cmd, 'utf8')).toString('base64url'));
  });

  it('merges the capabilities when the gas payer is the operator', () => {
    const tx = factory({ operatorPublicKey: gas.publicKey }).recordCheckpoint(0, {
      logId: 'log-1',
      size: 10n,
      root: ROOT,
    });
    expect(cmdOf(tx).signers).toEqual([
      {
        pubKey: gas.publicKey,
        scheme: 'ED25519',
        clist: [
          { name: 'coin.GAS', args: [] },
          { name: 'spv.provenance-log.OPERATOR', args: [] },
        ],
      },
    ]);
    expect(cmdOf(tx).payload.exec.code).toBe(`(spv.provenance-log.record-checkpoint "log-1" 10 "${ROOT}")`);
  });

  it('builds the forwarder phases; the proof travels in the message data', () => {
    const f = factory();
    expect(
      cmdOf(f.prepareForward(1, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 2, sourceChainId: 0 }))
        .payload.exec.code,
    ).toBe(`(spv.spv-forwarder.prepare-forward "t" "b" "${ROOT}" 2 "0")`);
    const real = vectorJson('spv_proofs_real.json').proofs[0];
    const body: string = real.proofB64;
    const tx = f.commitForward(1, { tenantId: 't', batchId: 'b', proof: body });
    const cmd = cmdOf(tx);
    expect(cmd.payload.exec.code).toBe('(spv.spv-forwarder.commit-forward "t" "b" (read-msg "proof"))');
    expect(Object.keys(cmd.payload.exec.data.proof)).toEqual(['chain', 'object', 'subject', 'algorithm']);
    expect(cmd.payload.exec.data.proof.chain).toBe(1);
    expect(() => f.commitForward(2, { tenantId: 't', batchId: 'b', proof: parseSpvProof(body) })).toThrow(
      /targets chain 1/,
    );
    expect(cmdOf(f.cancelForward(1, { tenantId: 't', batchId: 'b' })).payload.exec.code).toBe(
      '(spv.spv-forwarder.cancel-forward "t" "b")',
    );
  });

  it.each([
    [
      'a tenant id with a slash',
      () => factory().recordBatch(0, { tenantId: 't/1', batchId: 'b', root: ROOT, leafCount: 1 }),
    ],
    [
      'a quote in a batch id',
      () => factory().recordBatch(0, { tenantId: 't', batchId: 'b"', root: ROOT, leafCount: 1 }),
    ],
    [
      'a padded root',
      () => factory().recordBatch(0, { tenantId: 't', batchId: 'b', root: `${ROOT}=`, leafCount: 1 }),
    ],
    [
      'a non-canonical root',
      () =>
        factory().recordBatch(0, {
          tenantId: 't',
          batchId: 'b',
          root: `${ROOT.slice(0, 42)}Z`,
          leafCount: 1,
        }),
    ],
    [
      'a leaf count of 0',
      () => factory().recordBatch(0, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 0 }),
    ],
    [
      'a fractional leaf count',
      () => factory().recordBatch(0, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 1.5 }),
    ],
    [
      'a size above 2^53 - 1',
      () => factory().recordCheckpoint(0, { logId: 'l', size: 2n ** 53n, root: ROOT }),
    ],
    [
      'a forward from the same chain',
      () =>
        factory().prepareForward(1, {
          tenantId: 't',
          batchId: 'b',
          root: ROOT,
          leafCount: 1,
          sourceChainId: 1,
        }),
    ],
    ['a bad namespace', () => factory({ namespace: '1ns' })],
    ['a bad operator key', () => factory({ operatorPublicKey: 'xyz' })],
  ])('rejects %s with invalid_argument', (_name, build) => {
    expect(build).toThrow(ChainClientError);
    try {
      build();
    } catch (error) {
      expect((error as ChainClientError).code).toBe('invalid_argument');
    }
  });
});

describe('KeypairCommandSigner', () => {
  it('signs every signer of the command with verifiable ed25519 signatures', async () => {
    const tx = factory().recordBatch(0, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 1 });
    const signed = await new KeypairCommandSigner([operator, gas]).sign(tx);
    expect(signed.hash).toBe(tx.hash);
    expect(signed.sigs).toHaveLength(2);
    const hash = Buffer.from(tx.hash, 'base64url');
    expect(signersOf(tx).map((key, i) => verifySignature(key, hash, signed.sigs[i]!.sig))).toEqual([
      true,
      true,
    ]);
    expect(Object.keys(signed.sigs[0]!)).toEqual(['sig']);
  });

  it("refuses commands it lacks a key for, and a secret key that is not the public key's", async () => {
    const tx = factory().recordBatch(0, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 1 });
    await expect(new KeypairCommandSigner([gas]).sign(tx)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining(operator.publicKey),
    });
    const wrong = { publicKey: operator.publicKey, secretKey: keyPair().secretKey };
    await expect(new KeypairCommandSigner([gas, wrong]).sign(tx)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('does not verify'),
    });
    expect(() => new KeypairCommandSigner([{ publicKey: 'AB', secretKey: 'CD' }])).toThrow(ChainClientError);
  });
});
