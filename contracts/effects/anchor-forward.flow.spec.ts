import {
  KeypairCommandSigner,
  PactCommandFactory,
  type Ed25519KeyPair,
  type SignedPactCommand,
} from '@spv-cloud/chain-client';
import {
  DEVELOPMENT,
  assessSpvRoot,
  buildPayload,
  computeBlockHash,
  createSpvProof,
  encodeSpvProofJson,
  genesisParentBlockHash,
  verifySpvProof,
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
  type HeaderSource,
  type PayloadSource,
  type SpvProof,
} from '@spv-cloud/chainweb';
import { generateKeyPairSync } from 'node:crypto';
import {
  InMemoryContractState,
  PactKeyset,
  PactTime,
  applyContractCall,
  contractEventJson,
  contractResultJson,
  encodePactValueJson,
  isPactObject,
  parseContractCall,
  parsePactValueJson,
  type ContractEnv,
  type PactObject,
  type PactSigner,
  type SpvVerifier,
} from './index';

/**
 * The whole anchoring path on a chain that does not run Pact, as the devnet will do it: the worker's
 * commands (PactCommandFactory) are parsed and applied through the declared effects; the anchoring
 * transaction and its output go into a block of a real (synthetic, fully hashed) chainweb; a TXOUT
 * proof of that output is created like chainweb-node does; the forwarder on another chain verifies it
 * with the chainweb library (verify-spv) and commits.
 */
function keyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    secretKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
  };
}

const admin = keyPair();
const operator = keyPair();
const gas = keyPair();
const ROOT = 'vGenXEWCbcH-s1BA_8PvgjwJcEcV7u0biKDeXnoeXeY';

const factory = new PactCommandFactory({
  networkId: 'development',
  namespace: 'spv',
  gasPayer: { account: `k:${gas.publicKey}`, publicKey: gas.publicKey },
  operatorPublicKey: operator.publicKey,
  clock: () => new Date('2025-06-01T12:00:00Z'),
});
const signer = new KeypairCommandSigner([gas, operator]);

function stateOfChain(): InMemoryContractState {
  const state = new InMemoryContractState('spv');
  state.defineKeyset('spv.spv-cloud-admin', new PactKeyset([admin.publicKey], 'keys-all'));
  state.defineKeyset('spv.spv-cloud-operator', new PactKeyset([operator.publicKey], 'keys-all'));
  return state;
}

/** What the devnet reads from a signed command: the call and the signers with their capabilities. */
function apply(state: InMemoryContractState, command: SignedPactCommand, env: Omit<ContractEnv, 'signers'>) {
  const cmd = JSON.parse(command.cmd) as {
    payload: { exec: { code: string; data: unknown } };
    signers: Array<{ pubKey: string; clist?: Array<{ name: string; args: unknown[] }> }>;
  };
  const call = parseContractCall(cmd.payload.exec.code, cmd.payload.exec.data);
  expect(call.namespace).toBe('spv');
  const signers: PactSigner[] = cmd.signers.map((s) => ({
    pubKey: s.pubKey,
    caps: (s.clist ?? []).map((c) => ({ name: c.name, args: c.args.map(parsePactValueJson) })),
  }));
  const outcome = applyContractCall(state, { ...env, signers }, call);
  if (outcome.ok) state.applyWrites(outcome.writes);
  return outcome;
}

describe('anchor on chain 0, forward to chain 5 with a TXOUT proof', () => {
  it('commits the forward with a proof chainweb-node would produce', async () => {
    // 1. The worker anchors a batch on chain 0.
    const chain0 = stateOfChain();
    const recordBatch = await signer.sign(
      factory.recordBatch(0, { tenantId: 'tenant-1', batchId: 'batch-1', root: ROOT, leafCount: 3 }),
    );
    const anchored = apply(chain0, recordBatch, {
      chainId: '0',
      blockHeight: 1n,
      blockTime: PactTime.parseIso('2025-06-01T12:00:00Z'),
    });
    expect(anchored.ok).toBe(true);
    if (!anchored.ok) return;

    // 2. The anchoring transaction and its output, in block 0@1 of a hashed chainweb.
    const output = Buffer.from(
      JSON.stringify({
        gas: 731,
        result: contractResultJson(anchored),
        reqKey: recordBatch.hash,
        logs: null,
        events: anchored.events.map((e) => contractEventJson(e, 'module-hash-of-spv-anchor')),
        metaData: null,
        continuation: null,
        txId: 11,
      }),
    );
    const transaction = Buffer.from(JSON.stringify(recordBatch));
    const blockPayload = payloadOf(0, 1, [{ transaction, output }]);
    const chainweb = braidedChainweb(DEVELOPMENT, 4, (chainId, height) =>
      chainId === 0 && height === 1 ? blockPayload : undefined,
    );

    // 3. The proof /pact/spv would answer for target chain 5 (adjacent to 0: target height 2).
    const proof = await createSpvProof({
      version: DEVELOPMENT,
      kind: 'TXOUT',
      sourceChain: 0,
      blockHash: chainweb.at(0, 1).hash,
      requestKey: recordBatch.hash,
      targetChain: 5,
      headers: chainweb.headers,
      payloads: chainweb.payloads,
    });
    expect(proof.chain).toBe(5);

    // 4. verify-spv on chain 5, as chainweb does it: run the proof, authenticate the root (a canonical
    //    header of chain 5 not above the redeeming block's parent, height 2 here), return result.data.
    const canonicalRoots = new Set([0, 1, 2].map((h) => chainweb.at(5, h).hash.toString('base64url')));
    const verifySpv: SpvVerifier = (type, proofObject) => {
      if (type !== 'TXOUT') return { ok: false, message: `Unsupported SPV type: ${type}` };
      const verified = verifySpvProof(encodePactValueJson(proofObject), {
        expectedChain: 5,
        expectedKind: 'TXOUT',
      });
      if (!verified.valid) return { ok: false, message: verified.message };
      if (!canonicalRoots.has(verified.root.toString('base64url')))
        return { ok: false, message: 'target header is not in the chain' };
      if (verified.kind !== 'TXOUT' || verified.output.result.status !== 'success')
        return { ok: false, message: 'Failed command result in tx output proof' };
      const data = parsePactValueJson(verified.output.result.data);
      return isPactObject(data) ? { ok: true, data } : { ok: false, message: 'command result not an object' };
    };
    const trust = await assessSpvRoot(5, verifySpvProofRoot(proof), chainweb.headers, {
      currentHeight: 4,
      version: DEVELOPMENT,
    });
    expect(trust.trusted).toBe(true);

    // 5. The operator forwards: prepare on chain 5, then commit with the proof.
    const chain5 = stateOfChain();
    const env5 = (iso: string) => ({
      chainId: '5',
      blockHeight: 3n,
      blockTime: PactTime.parseIso(iso),
      verifySpv,
    });
    const prepare = await signer.sign(
      factory.prepareForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-1',
        root: ROOT,
        leafCount: 3,
        sourceChainId: 0,
      }),
    );
    expect(apply(chain5, prepare, env5('2025-06-01T12:01:00Z'))).toMatchObject({
      ok: true,
      result: { status: 'prepared' },
    });
    const commit = await signer.sign(
      factory.commitForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-1',
        proof: encodeSpvProofJson(proof),
      }),
    );
    const committed = apply(chain5, commit, env5('2025-06-01T12:02:00Z'));
    expect(committed).toMatchObject({
      ok: true,
      result: { status: 'committed', 'source-chain': '0', 'target-chain': '5' },
    });
    expect(
      applyContractCall(
        chain5,
        { ...env5('2025-06-01T12:03:00Z'), signers: [] },
        { module: 'spv-forwarder', function: 'forwarded-anchor', args: ['tenant-1', 'batch-1'] },
      ),
    ).toMatchObject({
      ok: true,
      result: anchored.result as PactObject,
    });

    // A proof of the same output does not commit a lock for another root.
    const other = await signer.sign(
      factory.prepareForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-2',
        root: ROOT,
        leafCount: 3,
        sourceChainId: 0,
      }),
    );
    apply(chain5, other, env5('2025-06-01T12:04:00Z'));
    const wrong = await signer.sign(
      factory.commitForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-2',
        proof: encodeSpvProofJson(proof),
      }),
    );
    expect(apply(chain5, wrong, env5('2025-06-01T12:05:00Z'))).toMatchObject({
      ok: false,
      error: { message: 'Proven anchor record has another batch id' },
    });

    // A tampered proof fails in verify-spv.
    const tamperedJson = JSON.parse(encodeSpvProofJson(proof)) as { object: string };
    const objectBytes = Buffer.from(tamperedJson.object, 'base64url');
    objectBytes[objectBytes.length - 1] = objectBytes[objectBytes.length - 1]! ^ 1;
    tamperedJson.object = objectBytes.toString('base64url');
    const third = await signer.sign(
      factory.prepareForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-3',
        root: ROOT,
        leafCount: 3,
        sourceChainId: 0,
      }),
    );
    apply(chain5, third, env5('2025-06-01T12:06:00Z'));
    const tampered = await signer.sign(
      factory.commitForward(5, {
        tenantId: 'tenant-1',
        batchId: 'batch-3',
        proof: JSON.stringify(tamperedJson),
      }),
    );
    const rejected = apply(chain5, tampered, env5('2025-06-01T12:07:00Z'));
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.error.message).toMatch(/^SPV verification failure: /);
  });

  it('every command the factory builds parses back to the call it describes', async () => {
    const commands = [
      factory.recordBatch(0, { tenantId: 't', batchId: 'b', root: ROOT, leafCount: 4294967296n }),
      factory.recordCheckpoint(0, { logId: 'log:1', size: 9007199254740991n, root: ROOT }),
      factory.cancelForward(3, { tenantId: 't', batchId: 'b' }),
    ];
    const calls = commands.map((c) => {
      const cmd = JSON.parse(c.cmd) as { payload: { exec: { code: string; data: unknown } } };
      return parseContractCall(cmd.payload.exec.code, cmd.payload.exec.data);
    });
    expect(calls).toEqual([
      {
        namespace: 'spv',
        module: 'spv-anchor',
        function: 'record-batch',
        args: ['t', 'b', ROOT, 4294967296n, 'SHA512t_256'],
      },
      {
        namespace: 'spv',
        module: 'provenance-log',
        function: 'record-checkpoint',
        args: ['log:1', 9007199254740991n, ROOT],
      },
      { namespace: 'spv', module: 'spv-forwarder', function: 'cancel-forward', args: ['t', 'b'] },
    ]);
    await expect(signer.sign(commands[0]!)).resolves.toMatchObject({ hash: commands[0]!.hash });
  });
});

function verifySpvProofRoot(proof: SpvProof): Buffer {
  const verified = verifySpvProof(encodeSpvProofJson(proof), { expectedChain: 5 });
  if (!verified.valid) throw new Error(verified.message);
  return verified.root;
}

function payloadOf(
  chainId: number,
  height: number,
  transactions: Array<{ transaction: Buffer; output: Buffer }> = [],
): BlockPayload {
  const coinbase = {
    gas: 0,
    result: { status: 'success', data: `coinbase ${chainId}@${height}` },
    reqKey: 'AAAA',
    logs: null,
    events: [],
    metaData: null,
    continuation: null,
    txId: null,
  };
  return buildPayload({
    minerData: Buffer.from(
      JSON.stringify({ account: `miner-${chainId}`, predicate: 'keys-all', 'public-keys': [] }),
    ),
    coinbase: Buffer.from(JSON.stringify(coinbase)),
    transactions,
  });
}

/**
 * Every chain of the version from genesis to maxHeight, each header hashed for real and linked to its
 * parent and to the adjacent parents of graph(h − 1), as chainweb-node builds them.
 */
function braidedChainweb(
  version: ChainwebVersion,
  maxHeight: number,
  payloadFor: (chainId: number, height: number) => BlockPayload | undefined,
): { headers: HeaderSource; payloads: PayloadSource; at(chainId: number, height: number): BlockHeader } {
  const canonical = new Map<string, BlockHeader>();
  const byHash = new Map<string, BlockHeader>();
  const payloads = new Map<string, BlockPayload>();
  const at = (chainId: number, height: number): BlockHeader => canonical.get(`${chainId}@${height}`)!;
  for (let height = 0; height <= maxHeight; height++) {
    for (const chainId of version.chainIds) {
      const payload = payloadFor(chainId, height) ?? payloadOf(chainId, height);
      const genesis = height === 0;
      const draft: BlockHeader = {
        featureFlags: 0n,
        creationTime: 1_700_000_000_000_000n + BigInt(height) * 30_000_000n,
        parent: genesis ? genesisParentBlockHash(version.code, chainId) : at(chainId, height - 1).hash,
        adjacents: version
          .graphAt(genesis ? 0 : height - 1)
          .adjacents(chainId)
          .map((a) => ({
            chainId: a,
            hash: genesis ? genesisParentBlockHash(version.code, a) : at(a, height - 1).hash,
          })),
        target: Buffer.alloc(32, 0xff),
        payloadHash: payload.payloadHash,
        chainId,
        weight: Buffer.alloc(32),
        height,
        versionCode: version.code,
        epochStart: 1_700_000_000_000_000n,
        nonce: 0n,
        hash: Buffer.alloc(32),
      };
      const header = { ...draft, hash: computeBlockHash(draft) };
      canonical.set(`${chainId}@${height}`, header);
      byHash.set(header.hash.toString('base64url'), header);
      payloads.set(payload.payloadHash.toString('base64url'), payload);
    }
  }
  return {
    at,
    headers: {
      header: (chainId, hash) =>
        Promise.resolve([byHash.get(hash.toString('base64url'))].find((h) => h?.chainId === chainId)),
      canonicalHeaderAt: (chainId, height) => Promise.resolve(canonical.get(`${chainId}@${height}`)),
    },
    payloads: {
      payload: (_chainId, payloadHash) => Promise.resolve(payloads.get(payloadHash.toString('base64url'))),
    },
  };
}
