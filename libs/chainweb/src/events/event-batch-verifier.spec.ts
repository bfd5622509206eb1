import fc from 'fast-check';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { buildEventBatch } from './event-batch';
import { EventBatchVerifier } from './event-batch-verifier';
import type { EventScope } from './event-leaf';
import { verifyEventProof, type EventInclusionProof } from './event-proof';

const SCOPE: EventScope = { tenantId: 'tenant-a', namespace: 'orders', digestAlgorithm: 'sha256' };

function digests(n: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(n * 32);
  let x = seed | 1;
  for (let i = 0; i < out.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeInt32LE(x, i);
  }
  return out;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('EventBatchVerifier', () => {
  it('verifies every proof of a batch in any order, authenticating each node once', () => {
    const n = 1000;
    const batch = buildEventBatch({ ...SCOPE, digests: digests(n, 5) });
    const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: n });
    const proofs = batch.inclusionProofs();
    for (const i of shuffled([...Array(n).keys()], 9)) {
      expect(verifier.verify(i, batch.digest(i), proofs[i]!)).toBe(true);
    }
    // 1000 leaves: 1000 + 500 + 250 + 125 + 63 + 32 + 16 + 8 + 4 + 2 + 1 nodes (promoted ones counted per level).
    expect(verifier.authenticatedNodeCount).toBe(2001);
  });

  it('still rejects tampering once the whole tree is known (the early stop compares the rest)', () => {
    const n = 64;
    const batch = buildEventBatch({ ...SCOPE, digests: digests(n, 8) });
    const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: n });
    const proofs = batch.inclusionProofs();
    for (let i = 0; i < n; i++) expect(verifier.verify(i, batch.digest(i), proofs[i]!)).toBe(true);

    const steps = proofs[17]!.steps;
    for (let byte = 0; byte < steps.length; byte++) {
      const mutated = Buffer.from(steps);
      mutated[byte]! ^= byte % 33 === 0 ? 1 : 0x40;
      expect(verifier.verify(17, batch.digest(17), new MerkleProofObject(17n, mutated))).toBe(false);
      expect(verifier.verify(17, batch.digest(17), mutated)).toBe(false);
    }
    expect(verifier.verify(17, batch.digest(18), proofs[17]!)).toBe(false);
    expect(verifier.verify(18, batch.digest(17), proofs[17]!)).toBe(false);
    expect(verifier.verify(17, batch.digest(17), proofs[18]!)).toBe(false);
    expect(verifier.verify(17, batch.digest(17), steps.subarray(0, steps.length - 33))).toBe(false);
    expect(verifier.verify(17, batch.digest(17), Buffer.concat([steps, steps.subarray(0, 33)]))).toBe(false);
    expect(verifier.verify(64, batch.digest(17), steps)).toBe(false);
    expect(verifier.authenticatedNodeCount).toBe(127);
  });

  it('answers exactly like verifyEventProof on genuine and tampered proofs, in any order (property)', () => {
    const mutation = fc.record({ kind: fc.integer({ min: 0, max: 6 }), a: fc.nat(), b: fc.nat() });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer(),
        fc.array(mutation, { minLength: 1, maxLength: 60 }),
        (n, seed, queries) => {
          const batch = buildEventBatch({ ...SCOPE, digests: digests(n, seed) });
          const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: n });
          for (const { kind, a, b } of queries) {
            const i = a % n;
            let proof: EventInclusionProof = batch.eventProof(i);
            const steps = Buffer.from(proof.inclusion.steps);
            if (kind === 1 && steps.length > 0) {
              steps[b % steps.length]! ^= 1 << (b % 8);
              proof = {
                ...proof,
                inclusion: new MerkleProofObject(
                  BigInt(i),
                  steps.map((v, k) => (k % 33 === 0 ? v & 1 : v)),
                ),
              };
            } else if (kind === 2) {
              proof = { ...proof, event: { ...proof.event, digest: batch.digest(b % n) } };
            } else if (kind === 3) {
              const j = b % n;
              proof = {
                ...proof,
                event: { ...proof.event, index: j },
                inclusion: new MerkleProofObject(BigInt(j), steps),
              };
            } else if (kind === 4 && steps.length > 0) {
              proof = {
                ...proof,
                inclusion: new MerkleProofObject(BigInt(i), steps.subarray(0, steps.length - 33)),
              };
            }
            const expected = verifyEventProof(proof, { expectedRoot: batch.root }).valid;
            expect(verifier.verifyProof(proof).valid).toBe(expected);
            if (kind === 0) expect(expected).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('verifyProof names the reason: other tenant, other batch, wrong position', () => {
    const batch = buildEventBatch({ ...SCOPE, digests: digests(10, 1) });
    const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: 10 });
    const proof = batch.eventProof(4);
    expect(verifier.verifyProof(proof)).toMatchObject({ valid: true });
    expect(verifier.verifyProof({ ...proof, event: { ...proof.event, tenantId: 'tenant-b' } })).toMatchObject(
      { valid: false, reason: 'tenant_mismatch' },
    );
    expect(verifier.verifyProof({ ...proof, event: { ...proof.event, namespace: 'x' } })).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });
    expect(verifier.verifyProof({ ...proof, batch: { ...proof.batch, leafCount: 11 } })).toMatchObject({
      valid: false,
      reason: 'root_mismatch',
    });
    expect(
      verifier.verifyProof({ ...proof, inclusion: new MerkleProofObject(5n, proof.inclusion.steps) }),
    ).toMatchObject({
      valid: false,
      reason: 'position_mismatch',
    });
    expect(verifier.verify(4, batch.digest(4), new MerkleProofObject(5n, proof.inclusion.steps))).toBe(false);
  });

  it('checks its inputs', () => {
    const batch = buildEventBatch({ ...SCOPE, digests: digests(3, 1) });
    expect(() => new EventBatchVerifier(SCOPE, { root: Buffer.alloc(31), leafCount: 3 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(
      () => new EventBatchVerifier({ ...SCOPE, tenantId: '' }, { root: batch.root, leafCount: 3 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: 3 });
    expect(() => verifier.verify(0, Buffer.alloc(31), batch.inclusionProof(0))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => verifier.verify(-1, batch.digest(0), batch.inclusionProof(0))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => verifier.verify(0, batch.digest(0), 'steps' as unknown as Uint8Array)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(verifier.verify(0, batch.digest(0), Buffer.alloc(10))).toBe(false);
  });
});
