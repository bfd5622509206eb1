import fc from 'fast-check';
import { hex, vectorJson } from '../../test/vectors';
import { refLeaf, refPath, refRoot } from '../../test/reference-merkle';
import { EMPTY_TREE_ROOT, leafHash, MerkleTree, merkleRoot, nodeHash, STEP_LENGTH } from './merkle-log';
import { inputSubject, MerkleProofObject, treeSubject } from './merkle-proof';

interface BasicsVector {
  emptyTreeRootHex: string;
  trees: Array<{
    n: number;
    inputsAscii: string[];
    leafHashesHex: string[];
    rootHex: string;
    proofs: Array<{ position: number; sides: string; proofObjectHex: string }>;
  }>;
  nestedProof: {
    innerInputs: string[];
    innerPosition: number;
    innerRootHex: string;
    outerPosition: number;
    outerRootHex: string;
    proofObjectHex: string;
  };
}

const basics = vectorJson<BasicsVector>('merkle_log_basics_derived.json');
const ascii = (s: string) => Buffer.from(s, 'ascii');

describe('merkle log against merkle_log_basics_derived.json', () => {
  it('hashes the empty tree to H("")', () => {
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(basics.emptyTreeRootHex);
    expect(MerkleTree.fromLeafHashes([]).root.toString('hex')).toBe(basics.emptyTreeRootHex);
  });

  it.each(basics.trees.map((t) => [t.n, t] as const))(
    'builds the %i-leaf tree and every proof',
    (_n, tree) => {
      const built = MerkleTree.fromInputs(tree.inputsAscii.map(ascii));
      expect(tree.inputsAscii.map((s) => leafHash(ascii(s)).toString('hex'))).toEqual(tree.leafHashesHex);
      expect(built.root.toString('hex')).toBe(tree.rootHex);
      for (const proof of tree.proofs) {
        const object = new MerkleProofObject(BigInt(proof.position), built.proofSteps(proof.position));
        expect(object.encode().toString('hex')).toBe(proof.proofObjectHex);
        const decoded = MerkleProofObject.decode(hex(proof.proofObjectHex));
        expect(
          decoded.run(inputSubject(ascii(tree.inputsAscii[proof.position] as string))).toString('hex'),
        ).toBe(tree.rootHex);
      }
    },
  );

  it('chains a proof through a nested tree into one flat proof object', () => {
    const v = basics.nestedProof;
    const inner = MerkleTree.fromInputs(v.innerInputs.map(ascii));
    expect(inner.root.toString('hex')).toBe(v.innerRootHex);
    const outer = MerkleTree.fromLeafHashes([
      leafHash(ascii('x')),
      leafHash(ascii('y')),
      inner.root,
      leafHash(ascii('z')),
    ]);
    expect(outer.root.toString('hex')).toBe(v.outerRootHex);
    const chained = MerkleProofObject.chain(
      new MerkleProofObject(BigInt(v.innerPosition), inner.proofSteps(v.innerPosition)),
      outer.proofSteps(v.outerPosition),
    );
    expect(chained.encode().toString('hex')).toBe(v.proofObjectHex);
    const subject = inputSubject(ascii(v.innerInputs[v.innerPosition] as string));
    expect(chained.run(subject).toString('hex')).toBe(v.outerRootHex);
    const outerOnly = new MerkleProofObject(2n, outer.proofSteps(v.outerPosition));
    expect(outerOnly.run(treeSubject(inner.root)).toString('hex')).toBe(v.outerRootHex);
  });
});

describe('proof object decoding', () => {
  const valid = hex(basics.trees[2]!.proofs[0]!.proofObjectHex);

  it('rejects objects shorter than the header or with a count that disagrees with the length', () => {
    expect(() => MerkleProofObject.decode(valid.subarray(0, 11))).toThrow(
      expect.objectContaining({ code: 'bad_length' }),
    );
    expect(() => MerkleProofObject.decode(valid.subarray(0, valid.length - 1))).toThrow(
      expect.objectContaining({ code: 'bad_length' }),
    );
    expect(() => MerkleProofObject.decode(Buffer.concat([valid, Buffer.alloc(1)]))).toThrow(
      expect.objectContaining({ code: 'bad_length' }),
    );
  });

  it('rejects a side byte other than 0 or 1', () => {
    const bad = Buffer.from(valid);
    bad[12] = 2;
    expect(() => MerkleProofObject.decode(bad)).toThrow(expect.objectContaining({ code: 'bad_encoding' }));
  });

  it('checks hash lengths before hashing', () => {
    expect(() => nodeHash(Buffer.alloc(31), Buffer.alloc(32))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => MerkleTree.fromLeafHashes(Buffer.alloc(33))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => MerkleTree.fromLeafHashes([Buffer.alloc(32)]).proofSteps(1)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('merkle log properties', () => {
  const leavesOf = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => refLeaf(Buffer.from(`${seed}:${i}`)));

  it('agrees with a naive RFC 6962 reference for random trees of 1 to 10,000 leaves, and every leaf proves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer(), (n, seed) => {
        const leaves = leavesOf(n, seed);
        const tree = MerkleTree.fromLeafHashes(leaves);
        const root = tree.root;
        expect(root.equals(refRoot(leaves))).toBe(true);
        for (let i = 0; i < n; i++) {
          const object = new MerkleProofObject(BigInt(i), tree.proofSteps(i));
          expect(object.runFrom(leaves[i] as Buffer).equals(root)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('produces the same proof steps as the reference recursion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, p) => {
        const leaves = leavesOf(n, n);
        const position = p % n;
        const steps = MerkleTree.fromLeafHashes(leaves).proofSteps(position);
        const expected = Buffer.concat(
          refPath(leaves, position).map(([side, h]) => Buffer.concat([Buffer.from([side]), h])),
        );
        expect(steps.equals(expected)).toBe(true);
        expect(steps.length % STEP_LENGTH).toBe(0);
      }),
    );
  });

  it('never verifies a proof for one leaf against another leaf of the same tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.nat(), fc.nat(), (n, a, b) => {
        const i = a % n;
        const j = b % n;
        fc.pre(i !== j);
        const leaves = leavesOf(n, 7);
        const tree = MerkleTree.fromLeafHashes(leaves);
        const proof = new MerkleProofObject(BigInt(i), tree.proofSteps(i));
        expect(proof.runFrom(leaves[j] as Buffer).equals(tree.root)).toBe(false);
      }),
    );
  });

  it('merkleRoot of one leaf is that leaf', () => {
    const leaf = refLeaf(Buffer.from('only'));
    expect(merkleRoot([leaf]).equals(leaf)).toBe(true);
  });
});
