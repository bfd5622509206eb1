import fc from 'fast-check';
import { refLeaf, refPath, refRoot } from '../../test/reference-merkle';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { buildEventBatch, EventBatch } from './event-batch';
import { inclusionStepCount } from './event-inclusion';
import { encodeEventLeaf, type EventScope } from './event-leaf';
import { verifyEventProof, type EventInclusionProof } from './event-proof';

const SCOPE: EventScope = { tenantId: 'tenant-a', namespace: 'orders', digestAlgorithm: 'sha256' };

/** n deterministic pseudo-random 32-byte digests in one flat Buffer (xorshift32, seeded). */
function flatDigests(n: number, seed: number): Buffer {
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

function withEvent(
  proof: EventInclusionProof,
  change: Partial<EventInclusionProof['event']>,
): EventInclusionProof {
  return { ...proof, event: { ...proof.event, ...change } };
}

describe('EventBatch', () => {
  it('every event proof of a random batch (1..10,000 events) verifies against its root (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer(), (n, seed) => {
        const batch = buildEventBatch({ ...SCOPE, digests: flatDigests(n, seed) });
        expect(batch.leafCount).toBe(n);
        const proofs = batch.inclusionProofs();
        for (let i = 0; i < n; i++) {
          const proof: EventInclusionProof = {
            event: batch.event(i),
            batch: { root: batch.root, leafCount: n },
            inclusion: proofs[i]!,
          };
          const result = verifyEventProof(proof, {
            expectedRoot: batch.root,
            expectedTenantId: SCOPE.tenantId,
          });
          if (!result.valid) throw new Error(`event ${i} of ${n}: ${result.reason}`);
          expect(proofs[i]!.stepCount).toBe(inclusionStepCount(i, n));
        }
      }),
      {
        numRuns: 8,
        examples: [
          [1, 1],
          [2, 2],
          [3, 3],
          [1024, 4],
          [1025, 5],
        ],
      },
    );
  });

  it('a proof never verifies for another index, tenant, namespace or digest algorithm (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer(), fc.nat(), fc.nat(), (n, seed, a, b) => {
        const batch = buildEventBatch({ ...SCOPE, digests: flatDigests(n, seed) });
        const i = a % n;
        const proof = batch.eventProof(i);
        expect(verifyEventProof(proof).valid).toBe(true);
        expect(verifyEventProof(withEvent(proof, { tenantId: 'tenant-b' })).valid).toBe(false);
        expect(verifyEventProof(withEvent(proof, { tenantId: 'tenant-a ' })).valid).toBe(false);
        expect(verifyEventProof(withEvent(proof, { namespace: 'invoices' })).valid).toBe(false);
        expect(verifyEventProof(withEvent(proof, { namespace: '' })).valid).toBe(false);
        expect(verifyEventProof(withEvent(proof, { digestAlgorithm: 'sha3-256' })).valid).toBe(false);
        expect(verifyEventProof(proof, { expectedTenantId: 'tenant-b' })).toMatchObject({
          valid: false,
          reason: 'tenant_mismatch',
        });
        if (n > 1) {
          const j = (i + 1 + (b % (n - 1))) % n;
          // Same digest at another index, another event's digest here, and this proof carried to index j.
          expect(verifyEventProof(withEvent(proof, { index: j })).valid).toBe(false);
          expect(verifyEventProof(withEvent(proof, { digest: batch.digest(j) })).valid).toBe(false);
          const moved = {
            ...withEvent(proof, { index: j, digest: batch.digest(j) }),
            inclusion: new MerkleProofObject(BigInt(j), proof.inclusion.steps),
          };
          expect(verifyEventProof(moved).valid).toBe(false);
        }
      }),
      {
        numRuns: 12,
        examples: [
          [2, 9, 0, 0],
          [5, 1, 4, 0],
          [7, 3, 6, 5],
        ],
      },
    );
  });

  it('matches a naive reference tree: root, steps and leaf hashes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), fc.nat(), (n, seed, a) => {
        const batch = buildEventBatch({ ...SCOPE, digests: flatDigests(n, seed) });
        const leaves = Array.from({ length: n }, (_, i) => refLeaf(encodeEventLeaf(batch.event(i))));
        expect(batch.root.equals(refRoot(leaves))).toBe(true);
        const i = a % n;
        expect(batch.leafHash(i).equals(leaves[i]!)).toBe(true);
        expect(batch.entry(i).equals(encodeEventLeaf(batch.event(i)))).toBe(true);
        const expected = Buffer.concat(
          refPath(leaves, i).map(([side, sibling]) => Buffer.concat([Buffer.from([side]), sibling])),
        );
        expect(batch.inclusionProof(i).steps.equals(expected)).toBe(true);
        expect(batch.inclusionProof(i).subjectPosition).toBe(BigInt(i));
      }),
      { numRuns: 60 },
    );
  });

  it('builds the same batch from a flat Buffer and from a Buffer list', () => {
    const flat = flatDigests(37, 7);
    const list = Array.from({ length: 37 }, (_, i) => flat.subarray(i * 32, (i + 1) * 32));
    const a = buildEventBatch({ ...SCOPE, digests: flat });
    const b = EventBatch.build({ ...SCOPE, digests: list });
    expect(a.root.equals(b.root)).toBe(true);
    // The batch copies its input: later changes to the caller's buffer do not reach it.
    flat.fill(0);
    expect(a.digest(0).equals(list[0]!)).toBe(false);
    expect(a.digest(0).equals(b.digest(0))).toBe(true);
  });

  it('a one-event batch: root = leaf hash, empty proof', () => {
    const batch = buildEventBatch({ ...SCOPE, digests: flatDigests(1, 3) });
    expect(batch.root.equals(batch.leafHash(0))).toBe(true);
    expect(batch.inclusionProof(0).stepCount).toBe(0);
    expect(verifyEventProof(batch.eventProof(0)).valid).toBe(true);
  });

  it('different scopes give different roots for the same digests', () => {
    const digests = flatDigests(16, 11);
    const roots = [
      buildEventBatch({ ...SCOPE, digests }),
      buildEventBatch({ ...SCOPE, tenantId: 'tenant-b', digests }),
      buildEventBatch({ ...SCOPE, namespace: 'other', digests }),
      buildEventBatch({ ...SCOPE, digestAlgorithm: 'keccak256', digests }),
    ].map((b) => b.root.toString('hex'));
    expect(new Set(roots).size).toBe(4);
  });

  it.each<[string, unknown]>([
    ['no digests', []],
    ['an empty flat buffer', Buffer.alloc(0)],
    ['a flat buffer that is not a multiple of 32', Buffer.alloc(33)],
    ['a short digest in a list', [Buffer.alloc(32), Buffer.alloc(31)]],
    ['a non-buffer digest', ['00'.repeat(32)]],
    ['a string', 'digests'],
  ])('rejects %s with invalid_input', (_name, digests) => {
    expect(() => buildEventBatch({ ...SCOPE, digests: digests as Buffer })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('rejects a bad scope and out-of-range indexes with invalid_input', () => {
    const digests = flatDigests(2, 1);
    expect(() => buildEventBatch({ ...SCOPE, tenantId: '', digests })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => buildEventBatch({ ...SCOPE, digestAlgorithm: 'crc32' as 'sha256', digests })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const batch = buildEventBatch({ ...SCOPE, digests });
    for (const index of [-1, 2, 0.5, NaN]) {
      expect(() => batch.eventProof(index)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      expect(() => batch.inclusionProof(index)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});

describe('verifyEventProof', () => {
  const batch = buildEventBatch({ ...SCOPE, digests: flatDigests(13, 42) });

  it('accepts a genuine proof and returns the leaf hash', () => {
    const result = verifyEventProof(batch.eventProof(6), { expectedRoot: batch.root });
    expect(result).toMatchObject({ valid: true });
    expect(result.valid && result.leafHash.equals(batch.leafHash(6))).toBe(true);
  });

  it('rejects a flipped bit in any step (inclusion_mismatch or position_mismatch)', () => {
    const proof = batch.eventProof(6);
    const steps = proof.inclusion.steps;
    for (let byte = 0; byte < steps.length; byte++) {
      const mutated = Buffer.from(steps);
      mutated[byte]! ^= byte % 33 === 0 ? 0x01 : 0x80;
      const result = verifyEventProof({ ...proof, inclusion: new MerkleProofObject(6n, mutated) });
      expect(result).toMatchObject({
        valid: false,
        reason: byte % 33 === 0 ? 'position_mismatch' : 'inclusion_mismatch',
      });
    }
  });

  it('rejects steps of the wrong shape: dropped, added, reordered (position_mismatch)', () => {
    const proof = batch.eventProof(6);
    const steps = proof.inclusion.steps;
    const variants = [
      steps.subarray(0, steps.length - 33),
      Buffer.concat([steps, steps.subarray(0, 33)]),
      Buffer.concat([steps.subarray(33, 66), steps.subarray(0, 33), steps.subarray(66)]),
    ];
    for (const variant of variants) {
      expect(verifyEventProof({ ...proof, inclusion: new MerkleProofObject(6n, variant) })).toMatchObject({
        valid: false,
        reason: 'position_mismatch',
      });
    }
    expect(verifyEventProof({ ...proof, inclusion: new MerkleProofObject(5n, steps) })).toMatchObject({
      valid: false,
      reason: 'position_mismatch',
    });
    expect(verifyEventProof({ ...proof, batch: { ...proof.batch, leafCount: 6 } })).toMatchObject({
      valid: false,
      reason: 'position_mismatch',
    });
  });

  it('rejects another root (root_mismatch) and a changed claimed root (inclusion_mismatch)', () => {
    const proof = batch.eventProof(3);
    const other = Buffer.from(batch.root);
    other[0]! ^= 1;
    expect(verifyEventProof(proof, { expectedRoot: other })).toMatchObject({
      valid: false,
      reason: 'root_mismatch',
    });
    expect(verifyEventProof({ ...proof, batch: { ...proof.batch, root: other } })).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });
  });

  it('throws invalid_input on malformed proofs instead of hashing them', () => {
    const proof = batch.eventProof(3);
    const malformed: unknown[] = [
      null,
      { ...proof, event: { ...proof.event, digest: Buffer.alloc(5) } },
      { ...proof, batch: { ...proof.batch, root: Buffer.alloc(31) } },
      { ...proof, batch: { ...proof.batch, leafCount: 0 } },
      { ...proof, inclusion: proof.inclusion.encode() },
      { ...proof, event: { ...proof.event, tenantId: 5 } },
    ];
    for (const value of malformed) {
      expect(() => verifyEventProof(value as EventInclusionProof)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
