import {
  c15Block,
  mainnetGenesisC0,
  mainnetValidationHeaders,
  MemoryHeaderSource,
  MemoryPayloadSource,
  syntheticChainweb,
  syntheticPayload,
  type SyntheticChainweb,
} from '../../test/spv-chain-fixtures';
import { derivedProofs, realSpvProofs } from '../../test/spv-fixtures';
import { ChainwebError } from '../errors';
import { chainIdLeafHash, type BlockHeader } from '../header';
import { STEP_LENGTH } from '../merkle/merkle-log';
import { runSteps, subjectLeafHash } from '../merkle/merkle-proof';
import { chainwebVersion, defineChainwebVersion, PETERSEN_GRAPH, TWENTY_CHAIN_GRAPH } from '../version';
import {
  createHeaderChainProof,
  createSpvProof,
  createSpvProofDetailed,
  headerPathProof,
  type CreateSpvProofInput,
} from './spv-create';
import { encodeSpvProofJson, encodeSpvResponse, parseSpvProof } from './spv-proof-json';
import { checkRootTrusted } from './spv-root-trust';
import type { SpvProof } from './spv-proof';
import { verifySpvProof } from './spv-verify';

const mainnet = chainwebVersion('mainnet01');
const development = chainwebVersion('development');
const hash = (text: string) => Buffer.from(text, 'base64url');
const sides = (proof: SpvProof) => {
  let out = '';
  for (let i = 0; i < proof.object.steps.length; i += STEP_LENGTH)
    out += proof.object.steps[i] === 0 ? 'L' : 'R';
  return out;
};

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof ChainwebError ? error.code : `untyped: ${String(error)}`;
  }
  return 'no error';
}

describe('regenerates the derived proofs byte for byte from their real inputs', () => {
  const derived = derivedProofs();

  describe('same-chain proofs in the real mainnet block chain 15 @4841250', () => {
    const block = c15Block();
    const [canonical, sibling] = block.headers as [BlockHeader, BlockHeader];
    const headers = new MemoryHeaderSource().add(canonical).add(sibling, { canonical: false });
    const payloads = new MemoryPayloadSource().add(15, block.payload);

    it.each(derived.sameChainPayloadProofs_mainnet01_c15_h4841250.map((v) => [v.label, v] as const))(
      '%s',
      async (_label, vector) => {
        const kind = vector.proofType === 'TransactionProof' ? 'TX' : 'TXOUT';
        const base = {
          version: mainnet,
          kind,
          sourceChain: 15,
          blockHash: canonical.hash,
          targetChain: 15,
          headers,
          payloads,
        } as const;
        const byKey = await createSpvProof({ ...base, requestKey: vector.requestKey! });
        expect(encodeSpvProofJson(byKey)).toBe(vector.proofJsonText);
        const byIndex = await createSpvProof({ ...base, txIndex: vector.txIndex! });
        expect(encodeSpvProofJson(byIndex)).toBe(vector.proofJsonText);
        expect(b64(byKey.object.run(byKey.subject))).toBe(vector.expectedRoot);
      },
    );

    it('refuses a block that lost the fork: its sibling is canonical at that height', async () => {
      const forkHeaders = new MemoryHeaderSource().add(sibling).add(canonical, { canonical: false });
      const input = {
        version: mainnet,
        kind: 'TXOUT',
        sourceChain: 15,
        blockHash: canonical.hash,
        targetChain: 15,
        txIndex: 0,
        headers: forkHeaders,
        payloads,
      } as const;
      expect(await codeOf(() => createSpvProof(input))).toBe('not_reachable');
    });
  });

  describe('same-chain proofs in the mainnet genesis block of chain 0', () => {
    const genesis = mainnetGenesisC0();
    const headers = new MemoryHeaderSource().add(genesis.header);
    const payloads = new MemoryPayloadSource().add(0, genesis.payload);

    it.each(derived.sameChainPayloadProofs_mainnet01_genesis_c0.map((v) => [v.label, v] as const))(
      '%s',
      async (_label, vector) => {
        const kind = vector.proofType === 'TransactionProof' ? 'TX' : 'TXOUT';
        const proof = await createSpvProof({
          version: mainnet,
          kind,
          sourceChain: 0,
          blockHash: genesis.header.hash,
          txIndex: vector.txIndex!,
          targetChain: 0,
          headers,
          payloads,
        });
        expect(encodeSpvProofJson(proof)).toBe(vector.proofJsonText);
      },
    );
  });

  describe('header-chain proofs over real linked mainnet headers (6321598–6321600)', () => {
    const all = mainnetValidationHeaders();
    const headers = new MemoryHeaderSource();
    all.forEach((h) => headers.add(h));
    const find = (chain: number, hashText: string) => {
      const header = all.find((h) => h.chainId === chain && h.hash.equals(hash(hashText)));
      if (!header) throw new Error(`no header ${chain}:${hashText}`);
      return header;
    };
    const vectors = derived.headerChainProofs_mainnet01_h6321598_to_6321600;

    it.each(vectors.map((v) => [v.label, v] as const))('%s, from the headers it lists', (_label, vector) => {
      const source = find(vector.sourceHeader!.chain, vector.sourceHeader!.hash);
      const path = [...vector.chainSteps!, ...vector.crossSteps!].map((s) => find(s.chain, s.hash));
      expect(encodeSpvProofJson(headerPathProof(source, path))).toBe(vector.proofJsonText);
    });

    it.each(vectors.filter((v) => !v.label.includes('(cross) -> chain 0')).map((v) => [v.label, v] as const))(
      '%s, walked by chainweb’s own rule',
      async (_label, vector) => {
        const source = vector.sourceHeader!;
        const minimal = vector.targetHeader!.height === source.height + 1 && vector.chainSteps!.length === 0;
        const proof = await createHeaderChainProof({
          version: mainnet,
          sourceChain: source.chain,
          blockHash: hash(source.hash),
          targetChain: vector.targetChain,
          headers,
          ...(minimal ? {} : { targetBlockHash: hash(vector.targetHeader!.hash) }),
        });
        expect(encodeSpvProofJson(proof)).toBe(vector.proofJsonText);
      },
    );
  });
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('cross-chain proofs on a synthetic twenty-chain chainweb', () => {
  const sourceHeight = 10;
  // Five transactions put the subject at leaf 5 of a 6-leaf outputs tree, as in the real mainnet proof.
  const web = syntheticChainweb(development, 24, (chain, height) =>
    chain === 0 && height === sourceHeight ? syntheticPayload(0, height, 5) : undefined,
  );
  const source = web.at(0, sourceHeight);
  const input = (patch: Partial<CreateSpvProofInput> = {}): CreateSpvProofInput => ({
    version: development,
    kind: 'TXOUT',
    sourceChain: 0,
    blockHash: source.hash,
    txIndex: 4,
    targetChain: 1,
    headers: web.headers,
    payloads: web.payloads,
    ...patch,
  });

  it('builds the minimal proof chainweb builds: target at h + 3, path 1 ← 11 ← 10 ← 0', async () => {
    const created = await createSpvProofDetailed(input());
    expect(created.targetHeader.hash).toEqual(web.at(1, sourceHeight + 3).hash);
    expect(created.txIndex).toBe(4);
    const real = parseSpvProof(realSpvProofs().find((p) => p.id.startsWith('mainnet01'))!.responseBody);
    // Same layout as the real mainnet 0 → 1 proof: outputs LL | payload L | header RRLR | 10 LLRL | 11 RLL | 1 RLL.
    expect(sides(created.proof)).toBe(sides(real));
    expect(created.proof.object.steps.subarray(3 * STEP_LENGTH + 1, 4 * STEP_LENGTH)).toEqual(
      chainIdLeafHash(0),
    );

    const verified = verifySpvProof(parseSpvProof(encodeSpvResponse(created.proof)), {
      expectedChain: 1,
      expectedKind: 'TXOUT',
    });
    if (!verified.valid) throw new Error(verified.message);
    expect(verified.root).toEqual(web.at(1, sourceHeight + 3).hash);
    expect(verified.requestKey).toBe(created.requestKey);
    expect(await checkRootTrusted(1, verified.root, web.headers)).toBe(true);

    const afterHeader = runSteps(
      subjectLeafHash(created.proof.subject),
      created.proof.object.steps.subarray(0, 7 * STEP_LENGTH),
    );
    expect(afterHeader).toEqual(source.hash);
  });

  it('finds the transaction by request key and builds TX proofs too', async () => {
    const payload = (await web.payloads.payload(0, source.payloadHash))!;
    const requestKey = JSON.parse(payload.transactions[2]!.toString()).hash as string;
    const txout = await createSpvProofDetailed(input({ txIndex: undefined, requestKey }));
    expect(txout.txIndex).toBe(2);
    const tx = await createSpvProof(input({ txIndex: undefined, requestKey, kind: 'TX' }));
    const verified = verifySpvProof(tx, { expectedKind: 'TX', expectedChain: 1 });
    if (!verified.valid || verified.kind !== 'TX') throw new Error('expected a valid TX proof');
    expect(verified.requestKey).toBe(requestKey);
    expect(verified.root).toEqual(txout.targetHeader.hash);
  });

  it('reaches every target chain with a root at h + distance', async () => {
    for (const targetChain of development.chainIds) {
      const proof = await createSpvProof(input({ targetChain }));
      const verified = verifySpvProof(proof, {
        expectedChain: targetChain,
        expectedRoot: web.at(targetChain, sourceHeight + TWENTY_CHAIN_GRAPH.distance(targetChain, 0)).hash,
      });
      expect(verified.valid).toBe(true);
    }
  });

  it('builds a non-minimal proof to a later target header, through the source chain’s parents', async () => {
    const target = web.at(1, 20);
    const proof = await createSpvProof(input({ targetBlockHash: target.hash }));
    const verified = verifySpvProof(proof, { expectedRoot: target.hash });
    expect(verified.valid).toBe(true);
    // 3 hops to chain 1, so 20 − 3 − 10 = 7 parent steps of 4 steps each after the source header.
    const minimal = await createSpvProof(input());
    expect(proof.object.stepCount - minimal.object.stepCount).toBe(7 * 4);
  });

  it('raises an old transaction into the SPV root window when told the target head', async () => {
    const windowed = defineChainwebVersion({
      name: 'windowed',
      code: development.code,
      graphHistory: development.graphHistory,
      spvProofRootWindow: { fromHeight: 0, blocks: 5 },
    });
    const created = await createSpvProofDetailed(input({ version: windowed, targetHeadHeight: 24 }));
    // head 24, window 5, slack 100: the target is the head itself
    expect(created.targetHeader.height).toBe(24);
    expect(verifySpvProof(created.proof, { expectedRoot: web.at(1, 24).hash }).valid).toBe(true);
  });

  describe('typed failures', () => {
    it('tx_not_found: unknown request key or index', async () => {
      expect(
        await codeOf(() =>
          createSpvProof(input({ txIndex: undefined, requestKey: b64(Buffer.alloc(32, 1)) })),
        ),
      ).toBe('tx_not_found');
      expect(await codeOf(() => createSpvProof(input({ txIndex: 5 })))).toBe('tx_not_found');
    });

    it('not_reachable: the target chain is too young for the target height', async () => {
      const young = syntheticChainweb(development, sourceHeight + 2, (chain, height) =>
        chain === 0 && height === sourceHeight ? syntheticPayload(0, height, 5) : undefined,
      );
      const attempt = createSpvProof(
        input({
          headers: young.headers,
          payloads: young.payloads,
          blockHash: young.at(0, sourceHeight).hash,
        }),
      );
      await expect(attempt).rejects.toMatchObject({
        code: 'not_reachable',
        message: expect.stringContaining('too young'),
      });
    });

    it('header_missing: the source block, a header on the path, or the target', async () => {
      const holes = (skip: (h: BlockHeader) => boolean): MemoryHeaderSource => {
        const copy = new MemoryHeaderSource();
        for (const chainId of development.chainIds)
          for (let h = 0; h <= 24; h++) if (!skip(web.at(chainId, h))) copy.add(web.at(chainId, h));
        return copy;
      };
      expect(
        await codeOf(() => createSpvProof(input({ headers: holes((h) => h.hash.equals(source.hash)) }))),
      ).toBe('header_missing');
      expect(
        await codeOf(() =>
          createSpvProof(input({ headers: holes((h) => h.chainId === 10 && h.height === sourceHeight + 1) })),
        ),
      ).toBe('header_missing');
      expect(await codeOf(() => createSpvProof(input({ targetBlockHash: Buffer.alloc(32, 9) })))).toBe(
        'header_missing',
      );
    });

    it('payload_missing: no payload, or no outputs for a TXOUT proof', async () => {
      expect(await codeOf(() => createSpvProof(input({ payloads: new MemoryPayloadSource() })))).toBe(
        'payload_missing',
      );
      const full = (await web.payloads.payload(0, source.payloadHash))!;
      const { outputs: _o, coinbase: _c, ...withoutOutputs } = full;
      const payloadData = new MemoryPayloadSource().add(0, withoutOutputs);
      expect(await codeOf(() => createSpvProof(input({ payloads: payloadData })))).toBe('payload_missing');
      // a TX proof needs no outputs: the recorded outputsHash is the payload-tree sibling
      const tx = await createSpvProof(input({ payloads: payloadData, kind: 'TX' }));
      expect(verifySpvProof(tx, { expectedRoot: web.at(1, sourceHeight + 3).hash }).valid).toBe(true);
    });

    it('hash_mismatch: a source that returns a doctored header or payload', async () => {
      const lying = new MemoryHeaderSource();
      for (const chainId of development.chainIds) for (let h = 0; h <= 24; h++) lying.add(web.at(chainId, h));
      const doctored = { ...web.at(11, sourceHeight + 2), nonce: 42n };
      lying.add(doctored); // same recorded hash, different contents
      expect(await codeOf(() => createSpvProof(input({ headers: lying })))).toBe('hash_mismatch');

      const full = (await web.payloads.payload(0, source.payloadHash))!;
      const tampered = {
        ...full,
        outputs: full.outputs!.map((o, i) => (i === 4 ? Buffer.concat([o, Buffer.from(' ')]) : o)),
      };
      expect(
        await codeOf(() => createSpvProof(input({ payloads: new MemoryPayloadSource().add(0, tampered) }))),
      ).toBe('hash_mismatch');
    });

    it('not_reachable: the source block is not on the branch of the target', async () => {
      const forked = syntheticChainweb(development, 16, (chain, height) =>
        chain === 0 && height === sourceHeight ? syntheticPayload(0, height, 5) : undefined,
      );
      const orphan = forked.fork(0, sourceHeight);
      const attempt = createSpvProof({
        ...input(),
        headers: forked.headers,
        payloads: forked.payloads,
        blockHash: orphan.hash,
      });
      expect(await codeOf(() => attempt)).toBe('not_reachable');
    });

    it('invalid_input: malformed requests', async () => {
      expect(await codeOf(() => createSpvProof(input({ requestKey: 'x' })))).toBe('invalid_input'); // both key and index
      expect(await codeOf(() => createSpvProof(input({ txIndex: -1 })))).toBe('invalid_input');
      expect(await codeOf(() => createSpvProof(input({ kind: 'ETH' as never })))).toBe('invalid_input');
      expect(await codeOf(() => createSpvProof(input({ blockHash: Buffer.alloc(31) })))).toBe(
        'invalid_input',
      );
      expect(await codeOf(() => createSpvProof(input({ targetChain: -1 })))).toBe('invalid_input');
      expect(await codeOf(() => createSpvProof(input({ targetChain: 25 })))).toBe('unknown_chain');
      expect(
        await codeOf(() =>
          createSpvProof(input({ targetBlockHash: web.at(1, 20).hash, targetHeadHeight: 30 })),
        ),
      ).toBe('invalid_input');
    });
  });
});

describe('a graph change between source and target (Petersen → twenty chains at height 12)', () => {
  const changing = defineChainwebVersion({
    name: 'graph-change',
    code: 0x7f000010,
    graphHistory: [
      { height: 0, graph: PETERSEN_GRAPH },
      { height: 12, graph: TWENTY_CHAIN_GRAPH },
    ],
  });
  let web: SyntheticChainweb;
  beforeAll(() => {
    web = syntheticChainweb(changing, 20, (chain, height) =>
      chain === 0 && height === 10 ? syntheticPayload(0, height, 1) : undefined,
    );
  });

  it('targets h + d + d′ and walks the new graph, with parent steps on the source chain', async () => {
    const created = await createSpvProofDetailed({
      version: changing,
      kind: 'TXOUT',
      sourceChain: 0,
      blockHash: web.at(0, 10).hash,
      txIndex: 0,
      targetChain: 1,
      headers: web.headers,
      payloads: web.payloads,
    });
    expect(created.targetHeader.height).toBe(10 + 2 + 3);
    expect(verifySpvProof(created.proof, { expectedRoot: web.at(1, 15).hash }).valid).toBe(true);
  });
});
