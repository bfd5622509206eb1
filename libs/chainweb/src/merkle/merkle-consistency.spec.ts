import fc from 'fast-check';
import { refNode, refRoot } from '../../test/reference-merkle';
import { ChainwebError } from '../errors';
import { sha512_256 } from '../hash';
import { merkleConsistencyProof, verifyMerkleConsistency } from './merkle-consistency';
import { EMPTY_TREE_ROOT, leafHash, MerkleTree } from './merkle-log';

/** RFC 6962 §2.1.2 written out literally over arrays of leaf hashes, to cross-check the flat version. */
function refSubproof(m: number, leaves: readonly Buffer[], complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [refRoot(leaves)];
  let k = 1;
  while (k * 2 < n) k *= 2;
  if (m <= k) return [...refSubproof(m, leaves.slice(0, k), complete), refRoot(leaves.slice(k))];
  return [...refSubproof(m - k, leaves.slice(k), false), refRoot(leaves.slice(0, k))];
}

function refProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (m === 0 || m === leaves.length) return [];
  return refSubproof(m, leaves, true);
}

const leavesOf = (n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

const rootOf = (leaves: readonly Buffer[]): Buffer => MerkleTree.fromLeafHashes(leaves).root;

describe('merkleConsistencyProof', () => {
  it('matches the RFC 6962 recursion for every pair of sizes up to 40', () => {
    const leaves = leavesOf(40);
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = merkleConsistencyProof(leaves, m, n);
        expect(proof).toEqual(Buffer.concat(refProof(m, leaves.slice(0, n))));
      }
    }
  });

  it('reproduces the RFC 6962 example shapes (7-leaf tree: proofs from 3, 4 and 6)', () => {
    const leaves = leavesOf(7);
    const [d0, d1, d2, d3, d4, d5, d6] = leaves as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const k = refNode(d4, d5);
    const l = refNode(k, d6);
    const g = refNode(d0, d1);
    const h = refNode(d2, d3);
    // RFC 6962 §2.1.3: PROOF(3, D[7]) = [c, d, g, l]; PROOF(4, D[7]) = [l]; PROOF(6, D[7]) = [i, j, k]
    expect(merkleConsistencyProof(leaves, 3, 7)).toEqual(Buffer.concat([d2, d3, g, l]));
    expect(merkleConsistencyProof(leaves, 4, 7)).toEqual(l);
    expect(merkleConsistencyProof(leaves, 6, 7)).toEqual(Buffer.concat([k, d6, refNode(g, h)]));
  });

  it('accepts a flat Buffer of leaf hashes and defaults newSize to every leaf', () => {
    const leaves = leavesOf(13);
    expect(merkleConsistencyProof(Buffer.concat(leaves), 5)).toEqual(merkleConsistencyProof(leaves, 5, 13));
  });

  it('rejects sizes outside the tree and malformed leaves with invalid_input', () => {
    const leaves = leavesOf(4);
    for (const call of [
      () => merkleConsistencyProof(leaves, 5, 4),
      () => merkleConsistencyProof(leaves, 1, 5),
      () => merkleConsistencyProof(leaves, -1, 4),
      () => merkleConsistencyProof(leaves, 1.5, 4),
      () => merkleConsistencyProof(Buffer.alloc(33), 1),
      () => merkleConsistencyProof([Buffer.alloc(31)], 1),
      () => merkleConsistencyProof('nope' as unknown as Buffer, 1),
    ]) {
      expect(call).toThrow(ChainwebError);
      try {
        call();
      } catch (error) {
        expect((error as ChainwebError).code).toBe('invalid_input');
      }
    }
  });
});

describe('verifyMerkleConsistency', () => {
  it('accepts every honest proof up to 40 leaves', () => {
    const leaves = leavesOf(40);
    for (let n = 1; n <= 40; n++) {
      const newRoot = rootOf(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) {
        const oldRoot = m === 0 ? EMPTY_TREE_ROOT : rootOf(leaves.slice(0, m));
        const proof = merkleConsistencyProof(leaves, m, n);
        expect(verifyMerkleConsistency({ oldSize: m, newSize: n, oldRoot, newRoot, proof })).toBe(true);
      }
    }
  });

  it('rejects a proof against a rewritten history (one old leaf changed)', () => {
    const leaves = leavesOf(21);
    const tampered = [...leaves];
    tampered[3] = leafHash(Buffer.from('rewritten'));
    for (const m of [4, 5, 8, 13, 16, 20]) {
      const oldRoot = rootOf(leaves.slice(0, m));
      // The log now claims a 21-leaf tree built over the rewritten entry.
      const newRoot = rootOf(tampered);
      const proof = merkleConsistencyProof(tampered, m, 21);
      expect(verifyMerkleConsistency({ oldSize: m, newSize: 21, oldRoot, newRoot, proof })).toBe(false);
    }
  });

  it('rejects every single-bit flip, truncation, extension and wrong size', () => {
    const leaves = leavesOf(27);
    const oldRoot = rootOf(leaves.slice(0, 11));
    const newRoot = rootOf(leaves);
    const proof = merkleConsistencyProof(leaves, 11, 27);
    const ok = (p: Buffer, oldSize = 11, newSize = 27, o = oldRoot, r = newRoot) =>
      verifyMerkleConsistency({ oldSize, newSize, oldRoot: o, newRoot: r, proof: p });
    expect(ok(proof)).toBe(true);
    let accepted = 0;
    for (let bit = 0; bit < proof.length * 8; bit++) {
      const flipped = Buffer.from(proof);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      if (ok(flipped)) accepted++;
    }
    expect(accepted).toBe(0);
    expect(ok(proof.subarray(0, proof.length - 32))).toBe(false);
    expect(ok(Buffer.concat([proof, sha512_256(Buffer.from('extra'))]))).toBe(false);
    expect(ok(proof, 10)).toBe(false);
    // Sizes are not hashed (signed tree heads bind them), so only sizes that change the path's
    // shape can be caught here: 11→17 … 11→32 all walk like 11→27.
    expect(ok(proof, 11, 16)).toBe(false);
    expect(ok(proof, 11, 33)).toBe(false);
    expect(ok(proof, 11, 27, newRoot, newRoot)).toBe(false);
    expect(ok(proof, 11, 27, oldRoot, oldRoot)).toBe(false);
    expect(ok(Buffer.alloc(0))).toBe(false);
  });

  it('handles equal sizes and the empty old tree', () => {
    const leaves = leavesOf(5);
    const root = rootOf(leaves);
    const other = rootOf(leaves.slice(0, 4));
    expect(verifyMerkleConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(
      true,
    );
    expect(
      verifyMerkleConsistency({ oldSize: 5, newSize: 5, oldRoot: other, newRoot: root, proof: [] }),
    ).toBe(false);
    expect(
      verifyMerkleConsistency({ oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [root] }),
    ).toBe(false);
    expect(
      verifyMerkleConsistency({ oldSize: 0, newSize: 5, oldRoot: EMPTY_TREE_ROOT, newRoot: root, proof: [] }),
    ).toBe(true);
    expect(verifyMerkleConsistency({ oldSize: 0, newSize: 5, oldRoot: root, newRoot: root, proof: [] })).toBe(
      false,
    );
  });

  it('throws invalid_input for malformed input', () => {
    const root = rootOf(leavesOf(2));
    const bad = [
      { oldSize: 3, newSize: 2, oldRoot: root, newRoot: root, proof: [] },
      { oldSize: -1, newSize: 2, oldRoot: root, newRoot: root, proof: [] },
      { oldSize: 1, newSize: 2, oldRoot: Buffer.alloc(31), newRoot: root, proof: [] },
      { oldSize: 1, newSize: 2, oldRoot: root, newRoot: root, proof: Buffer.alloc(33) },
      { oldSize: 1, newSize: 2, oldRoot: root, newRoot: root, proof: [Buffer.alloc(3)] },
      { oldSize: 1, newSize: 2, oldRoot: root, newRoot: root, proof: 'x' as unknown as Buffer },
    ];
    for (const input of bad) {
      expect(() => verifyMerkleConsistency(input)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(() => verifyMerkleConsistency(null as never)).toThrow(ChainwebError);
  });

  it('property: the fast proof equals the naive one and verifies; another new leaf breaks it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (n, rawM, seed) => {
          const m = rawM % (n + 1);
          const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${seed}/${i}`)));
          const proof = merkleConsistencyProof(leaves, m, n);
          expect(proof).toEqual(Buffer.concat(refProof(m, leaves)));
          const oldRoot = m === 0 ? EMPTY_TREE_ROOT : refRoot(leaves.slice(0, m));
          const newRoot = refRoot(leaves);
          expect(verifyMerkleConsistency({ oldSize: m, newSize: n, oldRoot, newRoot, proof })).toBe(true);
          if (m > 0 && m < n) {
            const forked = [...leaves];
            forked[m - 1] = leafHash(Buffer.from(`fork ${seed}`));
            expect(
              verifyMerkleConsistency({ oldSize: m, newSize: n, oldRoot, newRoot: refRoot(forked), proof }),
            ).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
