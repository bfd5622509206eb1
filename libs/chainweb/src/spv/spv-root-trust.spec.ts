import {
  c15Block,
  mainnetGenesisC0,
  mainnetValidationHeaders,
  MemoryHeaderSource,
} from '../../test/spv-chain-fixtures';
import { derivedProofs } from '../../test/spv-fixtures';
import type { BlockHeader } from '../header';
import { chainwebVersion, DEVELOPMENT } from '../version';
import { parseSpvProof } from './spv-proof-json';
import { assessSpvRoot, checkRootTrusted } from './spv-root-trust';
import type { HeaderSource } from './spv-sources';
import { verifySpvProof } from './spv-verify';

const mainnet = chainwebVersion('mainnet01');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const block = c15Block();
const [canonical, sibling] = block.headers as [BlockHeader, BlockHeader];
const genesis = mainnetGenesisC0().header;
const linked = mainnetValidationHeaders();
const c0At6321599 = linked.find((h) => h.chainId === 0 && h.height === 6_321_599)!;

function source(): MemoryHeaderSource {
  const headers = new MemoryHeaderSource().add(canonical).add(sibling, { canonical: false }).add(genesis);
  linked.forEach((h) => headers.add(h));
  return headers;
}

describe('assessSpvRoot / checkRootTrusted', () => {
  const headers = source();

  it('trusts canonical headers of the chain', async () => {
    expect(await checkRootTrusted(15, canonical.hash, headers)).toBe(true);
    expect(await checkRootTrusted(0, genesis.hash, headers)).toBe(true);
    const assessed = await assessSpvRoot(0, c0At6321599.hash, headers);
    expect(assessed).toMatchObject({ trusted: true });
    if (assessed.trusted) expect(assessed.header.height).toBe(6_321_599);
  });

  it('refuses a header that lost a fork', async () => {
    expect(await assessSpvRoot(15, sibling.hash, headers)).toMatchObject({
      trusted: false,
      reason: 'not_canonical',
    });
  });

  it('refuses unknown roots and roots of another chain', async () => {
    expect(await assessSpvRoot(15, Buffer.alloc(32, 3), headers)).toMatchObject({
      trusted: false,
      reason: 'unknown_root',
    });
    expect(await assessSpvRoot(0, canonical.hash, headers)).toMatchObject({
      trusted: false,
      reason: 'unknown_root',
    });
  });

  it('does not believe a source that answers with another chain’s or a doctored header', async () => {
    const sloppy: HeaderSource = {
      header: (_chain, hash) => Promise.resolve(hash.equals(canonical.hash) ? canonical : undefined),
      canonicalHeaderAt: () => Promise.resolve(canonical),
    };
    expect(await assessSpvRoot(0, canonical.hash, sloppy)).toMatchObject({
      trusted: false,
      reason: 'inconsistent_source',
    });
    const doctored: HeaderSource = {
      header: () => Promise.resolve({ ...canonical, height: canonical.height + 1 }),
      canonicalHeaderAt: () => Promise.resolve({ ...canonical, height: canonical.height + 1 }),
    };
    expect(await assessSpvRoot(15, canonical.hash, doctored)).toMatchObject({
      trusted: false,
      reason: 'inconsistent_source',
    });
  });

  describe('with the current height (chainweb’s HeaderOracle bounds)', () => {
    const height = c0At6321599.height;

    it('accepts the root from its own height up to 20,000 blocks above it (mainnet since 2.31)', async () => {
      expect(
        await checkRootTrusted(0, c0At6321599.hash, headers, { currentHeight: height, version: mainnet }),
      ).toBe(true);
      expect(
        await checkRootTrusted(0, c0At6321599.hash, headers, {
          currentHeight: height + 20_000,
          version: mainnet,
        }),
      ).toBe(true);
    });

    it('refuses a root above the current height', async () => {
      expect(
        await assessSpvRoot(0, c0At6321599.hash, headers, { currentHeight: height - 1, version: mainnet }),
      ).toMatchObject({
        trusted: false,
        reason: 'not_yet_valid',
      });
    });

    it('refuses a root more than 20,000 blocks below the current height', async () => {
      expect(
        await assessSpvRoot(0, c0At6321599.hash, headers, {
          currentHeight: height + 20_001,
          version: mainnet,
        }),
      ).toMatchObject({
        trusted: false,
        reason: 'expired',
      });
    });

    it('applies the window only once the version has it', async () => {
      // mainnet's window starts at 6,269,345: an older redeeming height accepts any canonical ancestor
      expect(
        await checkRootTrusted(15, canonical.hash, headers, { currentHeight: 6_269_344, version: mainnet }),
      ).toBe(true);
      expect(
        await assessSpvRoot(15, canonical.hash, headers, { currentHeight: 6_269_345, version: mainnet }),
      ).toMatchObject({ reason: 'expired' });
      expect(
        await checkRootTrusted(0, genesis.hash, headers, { currentHeight: 9_000_000, version: DEVELOPMENT }),
      ).toBe(true);
    });

    it('checks its inputs', async () => {
      await expect(checkRootTrusted(0, Buffer.alloc(31), headers)).rejects.toMatchObject({
        code: 'invalid_input',
      });
      await expect(checkRootTrusted(-1, genesis.hash, headers)).rejects.toMatchObject({
        code: 'invalid_input',
      });
      await expect(checkRootTrusted(0, genesis.hash, {} as HeaderSource)).rejects.toMatchObject({
        code: 'invalid_input',
      });
      await expect(
        checkRootTrusted(0, genesis.hash, headers, { currentHeight: -5, version: mainnet }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        checkRootTrusted(0, genesis.hash, headers, { currentHeight: 5 } as never),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
});

describe('verification plus trust over a proof whose root header is known (c15 @4841250, tx 0 output)', () => {
  const headers = source();
  const vector = derivedProofs().sameChainPayloadProofs_mainnet01_c15_h4841250.find(
    (v) => v.proofType === 'TransactionOutputProof',
  )!;
  const proofJson = JSON.parse(vector.proofJsonText) as {
    chain: number;
    object: string;
    subject: { input: string };
    algorithm: string;
  };
  const object = Buffer.from(proofJson.object, 'base64url');

  it('accepts the proof and trusts its root', async () => {
    const result = verifySpvProof(vector.proofB64, { expectedChain: 15 });
    if (!result.valid) throw new Error(result.message);
    expect(await checkRootTrusted(result.chain, result.root, headers)).toBe(true);
  });

  it('every single-bit flip of the proof object is rejected or reaches a root the trust check refuses (position bytes excepted)', async () => {
    const outcomes = new Map<string, number>();
    const wrong: number[] = [];
    for (let bit = 0; bit < object.length * 8; bit++) {
      const flipped = Buffer.from(object);
      const byte = bit >> 3;
      flipped[byte]! ^= 0x80 >> (bit & 7);
      const result = verifySpvProof({ ...proofJson, object: b64(flipped) }, { expectedChain: 15 });
      let outcome: string;
      if (!result.valid) outcome = result.reason;
      else
        outcome = (await checkRootTrusted(result.chain, result.root, headers)) ? 'trusted' : 'untrusted root';
      const inPosition = byte >= 4 && byte < 12;
      if (inPosition !== (outcome === 'trusted')) wrong.push(bit);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    expect(outcomes.get('trusted')).toBe(64);
    expect(outcomes.get('untrusted root')).toBeGreaterThan(0);
    expect(outcomes.get('bad_encoding')).toBeGreaterThan(0);
  });

  it('a proof for chain 15 presented as a proof for chain 0 is rejected', async () => {
    // The chain field is not committed by the Merkle run, so relabelling it keeps the root...
    const relabelled = verifySpvProof({ ...proofJson, chain: 0 }, { expectedChain: 0 });
    if (!relabelled.valid) throw new Error(relabelled.message);
    // ...and the trust check is what refuses it: the root is no header of chain 0.
    expect(await assessSpvRoot(0, relabelled.root, headers)).toMatchObject({
      trusted: false,
      reason: 'unknown_root',
    });
    // A verifier that knows which chain it redeems on rejects the honest label outright.
    expect(verifySpvProof(vector.proofB64, { expectedChain: 0 })).toMatchObject({
      valid: false,
      reason: 'wrong_chain',
    });
    expect(parseSpvProof(vector.proofB64).chain).toBe(15);
  });
});
