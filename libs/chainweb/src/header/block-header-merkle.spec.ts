import {
  ALL_HEADER_RECORDS,
  genesisNetworks,
  type HeaderRecord,
  mainnetValidationCases,
} from '../../test/header-fixtures';
import { b64, vectorJson } from '../../test/vectors';
import { ChainwebError } from '../errors';
import { inputSubject, MerkleProofObject, treeSubject } from '../merkle/merkle-proof';
import { SIBLING_LEFT, STEP_LENGTH } from '../merkle/merkle-log';
import { MerkleTag } from '../merkle/merkle-tags';
import { chainwebVersion, defineChainwebVersion, MAINNET01, PETERSEN_GRAPH, TESTNET04 } from '../version';
import { decodeBlockHeader, encodeBlockHeader } from './block-header-codec';
import {
  adjacentLeafIndex,
  blockHeaderLeafHashes,
  blockHeaderTree,
  chainIdLeafHash,
  computeBlockHash,
  genesisParentBlockHash,
  HEADER_LEAF,
} from './block-header-merkle';
import { genesisBlockHeader } from './genesis-header';
import { checkProofOfWork, isGenesisBlockHeader, powHash } from './proof-of-work';
import { u256FromLe } from './uint256';

const genesisPayloads = vectorJson<Record<string, unknown>>('payloads_genesis_chainweb_node.json');

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ChainwebError);
    expect((error as ChainwebError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ChainwebError ${code}`);
}

/** Side bytes of a flat step list as R/L (R = sibling on the right), the notation of spec §3.2. */
const sides = (steps: Buffer): string =>
  Array.from({ length: steps.length / STEP_LENGTH }, (_, i) =>
    steps[i * STEP_LENGTH] === SIBLING_LEFT ? 'L' : 'R',
  ).join('');

describe('block hash Merkle tree', () => {
  it.each(ALL_HEADER_RECORDS)(
    '%s: leaves match merkleLeaves and the hash recomputes as recorded',
    (_label, record) => {
      const r: HeaderRecord = record;
      const header = decodeBlockHeader(b64(r.binaryB64url));
      const leaves = blockHeaderLeafHashes(header);
      expect(leaves).toHaveLength(11 + header.adjacents.length);
      if (r.merkleLeaves !== undefined) {
        expect(leaves.map((l) => l.toString('base64url'))).toEqual(r.merkleLeaves.map((l) => l.hash));
      }
      const computed = computeBlockHash(header);
      expect(computed.toString('base64url')).toBe(r.computedHash);
      expect(computed.equals(header.hash)).toBe(r.hashMatches);
      expect(blockHeaderTree(header).root.equals(computed)).toBe(true);
    },
  );

  it('proves the payload hash, the parent and every adjacent with the paths of spec §3.2', () => {
    const header = decodeBlockHeader(
      b64((mainnetValidationCases[0] as (typeof mainnetValidationCases)[0]).header.binaryB64url),
    );
    const tree = blockHeaderTree(header);
    const expected: Array<[number, string]> = [
      [HEADER_LEAF.payloadHash, 'RRLR'],
      [HEADER_LEAF.parent, 'RLRR'],
      [HEADER_LEAF.firstAdjacent, 'LLRL'],
      [HEADER_LEAF.firstAdjacent + 1, 'RLL'],
      [HEADER_LEAF.firstAdjacent + 2, 'LLL'],
    ];
    for (const [leaf, path] of expected) {
      const steps = tree.proofSteps(leaf);
      expect(sides(steps)).toBe(path);
      const subject = treeSubject(tree.leaf(leaf));
      expect(new MerkleProofObject(BigInt(leaf), steps).run(subject).equals(header.hash)).toBe(true);
    }
    // The payload hash's first sibling is the ChainId leaf: what SPV verifiers check.
    expect(
      tree.proofSteps(HEADER_LEAF.payloadHash).subarray(1, 33).equals(chainIdLeafHash(header.chainId)),
    ).toBe(true);
    expect(header.adjacents.map((a) => adjacentLeafIndex(header, a.chainId))).toEqual([11, 12, 13]);
    expect(tree.leaf(HEADER_LEAF.payloadHash).equals(header.payloadHash)).toBe(true);
    expect(tree.leaf(HEADER_LEAF.parent).equals(header.parent)).toBe(true);
    const chainIdEntry = Buffer.alloc(4);
    chainIdEntry.writeUInt32LE(header.chainId);
    const chainIdProof = new MerkleProofObject(
      BigInt(HEADER_LEAF.chainId),
      tree.proofSteps(HEADER_LEAF.chainId),
    );
    const entry = Buffer.concat([Buffer.from([0, MerkleTag.ChainId]), chainIdEntry]);
    expect(chainIdProof.run(inputSubject(entry)).equals(header.hash)).toBe(true);
    expectCode(() => adjacentLeafIndex(header, 0), 'invalid_input');
  });

  it('the hash covers every field: any change moves it', () => {
    const header = decodeBlockHeader(
      b64((mainnetValidationCases[0] as (typeof mainnetValidationCases)[0]).header.binaryB64url),
    );
    const bytes = encodeBlockHeader(header);
    const base = computeBlockHash(header);
    for (let offset = 0; offset < bytes.length - 32; offset += 7) {
      const changed = Buffer.from(bytes);
      changed[offset] = (changed[offset] as number) ^ 0x01;
      if (offset >= 48 && offset < 50) continue; // the adjacent count changes the length
      expect(computeBlockHash(decodeBlockHeader(changed)).equals(base)).toBe(false);
    }
  });
});

describe('genesis headers', () => {
  it.each(
    Object.entries(genesisNetworks).flatMap(([network, headers]) =>
      headers.map((record) => [network, record.decoded.chainId, record] as const),
    ),
  )('%s chain %i rebuilds from the version definition to the golden hash', (network, chainId, record) => {
    const version = chainwebVersion(network);
    expect(genesisParentBlockHash(version.code, chainId).toString('base64url')).toBe(
      record.genesisParentHash,
    );
    const built = genesisBlockHeader(version, chainId);
    expect(built.hash.toString('base64url')).toBe(record.goldenHash);
    expect(encodeBlockHeader(built).toString('base64url')).toBe(record.binaryB64url);
    expect(built.height).toBe(chainId < 10 ? 0 : version.genesisHeight(chainId));
    expect(isGenesisBlockHeader(built, version)).toBe(true);
    expect(checkProofOfWork(built)).toBe(true); // exempt, although no nonce was searched
  });

  it('uses the genesis payload hashes of payloads_genesis_chainweb_node.json', () => {
    const found: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      if (typeof o['payloadHash'] === 'string') found.push(`${path}=${o['payloadHash']}`);
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(genesisPayloads, '');
    const hashes = new Set(found.map((f) => f.split('=')[1]));
    // Every payload in that file is the genesis payload of some chain of ours, and 0, 1, 10..19 are there.
    const ours = new Set(
      [MAINNET01, TESTNET04].flatMap((v) =>
        v.chainIds.map((c) => (v.genesisPayloadHash(c) as Buffer).toString('base64url')),
      ),
    );
    expect(hashes.size).toBeGreaterThan(0);
    for (const h of hashes) expect(ours.has(h as string)).toBe(true);
    for (const c of [0, 1, 10, 19])
      expect(hashes.has((MAINNET01.genesisPayloadHash(c) as Buffer).toString('base64url'))).toBe(true);
  });

  it('needs genesis data the version lacks, and accepts overrides', () => {
    const bare = defineChainwebVersion({
      name: 'bare',
      code: 9,
      graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }],
    });
    expectCode(() => genesisBlockHeader(bare, 0), 'invalid_input');
    const built = genesisBlockHeader(bare, 3, {
      creationTime: 1n,
      target: 2n ** 200n,
      payloadHash: Buffer.alloc(32, 7),
    });
    expect(built.adjacents.map((a) => a.chainId)).toEqual([0, 1, 8]);
    expect(built.adjacents[0]?.hash.equals(genesisParentBlockHash(9, 0))).toBe(true);
    expect(u256FromLe(built.target)).toBe(2n ** 200n);
    expect(computeBlockHash(built).equals(built.hash)).toBe(true);
    expectCode(() => genesisBlockHeader(bare, 10), 'unknown_chain');
    expectCode(() => genesisParentBlockHash(-1, 0), 'invalid_input');
    expectCode(
      () => genesisBlockHeader(bare, 3, { creationTime: 1n, target: 1n, payloadHash: Buffer.alloc(31) }),
      'invalid_input',
    );
  });
});

describe('proof of work', () => {
  it('every real mainnet header meets its target with BLAKE2s-256', () => {
    const records = ALL_HEADER_RECORDS.filter(([label]) => label.startsWith('mainnet case'));
    expect(records).toHaveLength(30);
    for (const [, record] of records) {
      const header = decodeBlockHeader(b64(record.binaryB64url));
      expect(u256FromLe(powHash(header)) <= u256FromLe(header.target)).toBe(true);
      expect(checkProofOfWork(header)).toBe(true);
      expect(checkProofOfWork({ ...header, nonce: header.nonce ^ 1n })).toBe(false);
    }
  });
});
