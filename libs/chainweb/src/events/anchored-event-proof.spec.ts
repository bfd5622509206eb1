import { anchoredEventFixture, type AnchoredFixture } from '../../test/anchored-event-fixtures';
import { MerkleProofObject, inputSubject } from '../merkle/merkle-proof';
import { checkRootTrusted, createSpvProof, type SpvProof } from '../spv';
import { buildEventBatch } from './event-batch';
import { anchorEventProof, verifyAnchoredEventProof, type AnchoredEventProof } from './anchored-event-proof';

function flipped(bytes: Buffer, at: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[at]! ^= mask;
  return copy;
}

const withAnchor = (proof: AnchoredEventProof, anchor: Partial<SpvProof>): AnchoredEventProof => ({
  ...proof,
  anchor: { ...proof.anchor, ...anchor },
});

describe('verifyAnchoredEventProof: a real anchored proof built end to end', () => {
  let same: AnchoredFixture;
  let cross: AnchoredFixture;

  beforeAll(async () => {
    same = await anchoredEventFixture();
    cross = await anchoredEventFixture({ sourceChain: 0, targetChain: 1 });
  });

  it('verifies every event of a same-chain anchor; the root is the anchoring block', async () => {
    for (let i = 0; i < same.batch.leafCount; i++) {
      const result = verifyAnchoredEventProof(same.proof(i), {
        expectedTenantId: 'tenant-0f9c2a7e',
        expectedChain: 0,
      });
      expect(result).toEqual({
        valid: true,
        chain: 0,
        rootBlockHash: same.sourceHeader.hash,
        event: same.batch.event(i),
        batch: { id: same.batchId, root: same.batch.root, leafCount: 9 },
        anchorRequestKey: same.anchorRequestKey,
      });
    }
    expect(await checkRootTrusted(0, same.sourceHeader.hash, same.headers)).toBe(true);
  });

  it('verifies a cross-chain anchor proof (chain 0 → 1): the root is the target header', async () => {
    const result = verifyAnchoredEventProof(cross.proof(4), {
      expectedRootBlockHash: cross.targetHeader.hash,
    });
    expect(result).toMatchObject({
      valid: true,
      chain: 1,
      rootBlockHash: cross.targetHeader.hash,
      anchorRequestKey: cross.anchorRequestKey,
    });
    expect(cross.targetHeader).toMatchObject({ chainId: 1, height: cross.sourceHeader.height + 3 });
    expect(await checkRootTrusted(1, cross.targetHeader.hash, cross.headers)).toBe(true);
  });

  it('a proof issued for tenant A never verifies as tenant B', async () => {
    const a = same.proof(3);
    expect(verifyAnchoredEventProof(a, { expectedTenantId: 'tenant-b' })).toMatchObject({
      valid: false,
      reason: 'tenant_mismatch',
    });
    // Relabelled as B: the leaf binds the tenant, so the inclusion no longer reaches the root.
    const relabelled = { ...a, event: { ...a.event, tenantId: 'tenant-b' } };
    expect(verifyAnchoredEventProof(relabelled)).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });
    expect(verifyAnchoredEventProof(relabelled, { expectedTenantId: 'tenant-b' })).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });
    // B's own batch with identical digests and batch id, anchored by B: A's event proof with B's anchor fails on the record.
    const b = await anchoredEventFixture({ tenantId: 'tenant-b' });
    expect(verifyAnchoredEventProof(b.proof(3), { expectedTenantId: 'tenant-b' }).valid).toBe(true);
    expect(verifyAnchoredEventProof({ ...a, anchor: b.anchor })).toMatchObject({
      valid: false,
      reason: 'anchor_output_mismatch',
    });
    // A consistent tenant-B event proof over B's tree, re-pointed at A's anchor: the record names A.
    const bInA = { ...b.proof(3), anchor: a.anchor };
    expect(verifyAnchoredEventProof(bInA, { expectedTenantId: 'tenant-b' })).toMatchObject({
      valid: false,
      reason: 'anchor_output_mismatch',
    });
  });

  it('rejects any change to the inclusion steps', () => {
    const proof = same.proof(5);
    const steps = proof.inclusion.steps;
    for (let byte = 0; byte < steps.length; byte++) {
      const sideByte = byte % 33 === 0;
      const mutated = {
        ...proof,
        inclusion: new MerkleProofObject(5n, flipped(steps, byte, sideByte ? 0x01 : 0x10)),
      };
      expect(verifyAnchoredEventProof(mutated)).toMatchObject({
        valid: false,
        reason: sideByte ? 'position_mismatch' : 'inclusion_mismatch',
      });
    }
    expect(
      verifyAnchoredEventProof({ ...proof, inclusion: new MerkleProofObject(5n, steps.subarray(33)) }),
    ).toMatchObject({
      valid: false,
      reason: 'position_mismatch',
    });
    expect(verifyAnchoredEventProof({ ...proof, inclusion: same.proof(6).inclusion })).toMatchObject({
      valid: false,
      reason: 'position_mismatch',
    });
  });

  it('rejects a changed event: digest, index, namespace, digest algorithm', () => {
    const proof = same.proof(5);
    const cases: Array<[Partial<AnchoredEventProof['event']>, string[]]> = [
      [{ digest: flipped(proof.event.digest, 0) }, ['inclusion_mismatch']],
      [{ digest: same.batch.digest(4) }, ['inclusion_mismatch']],
      [{ index: 4 }, ['position_mismatch', 'inclusion_mismatch']],
      [{ namespace: 'invoices' }, ['inclusion_mismatch']],
      [{ digestAlgorithm: 'keccak256' }, ['inclusion_mismatch']],
    ];
    for (const [change, reasons] of cases) {
      const result = verifyAnchoredEventProof({ ...proof, event: { ...proof.event, ...change } });
      expect(result.valid).toBe(false);
      expect(reasons).toContain(!result.valid && result.reason);
    }
  });

  it('rejects a changed batch: root, id, leaf count (the anchor record binds all three)', () => {
    const proof = same.proof(0);
    expect(
      verifyAnchoredEventProof({ ...proof, batch: { ...proof.batch, root: flipped(proof.batch.root, 31) } }),
    ).toMatchObject({
      valid: false,
      reason: 'inclusion_mismatch',
    });
    expect(
      verifyAnchoredEventProof({ ...proof, batch: { ...proof.batch, id: 'batch-2026-11-25-000043' } }),
    ).toMatchObject({
      valid: false,
      reason: 'anchor_output_mismatch',
    });
    // Leaf 0 has the same path shape in 9 and 10 leaves: only the on-chain record catches the lie.
    expect(verifyAnchoredEventProof({ ...proof, batch: { ...proof.batch, leafCount: 10 } })).toMatchObject({
      valid: false,
      reason: 'anchor_output_mismatch',
    });
    // A genuine proof of another batch of the same tenant, carried over to this anchor.
    const other = buildEventBatch({ ...proof.event, digests: [proof.event.digest, same.batch.digest(1)] });
    expect(
      verifyAnchoredEventProof(anchorEventProof(other.eventProof(0), same.batchId, same.anchor)),
    ).toMatchObject({
      valid: false,
      reason: 'anchor_output_mismatch',
    });
  });

  it('rejects a changed SPV proof: its object, subject, kind, algorithm and chain', async () => {
    const proof = same.proof(2);
    const object = proof.anchor.object;
    // Any bit of any step moves the root: with the expected block hash, spv_invalid/root_mismatch;
    // without it, the proof runs to a hash that no header of the chain has.
    for (let byte = 1; byte < object.steps.length; byte += 11) {
      const anchor = withAnchor(proof, {
        object: new MerkleProofObject(object.subjectPosition, flipped(object.steps, byte)),
      });
      expect(
        verifyAnchoredEventProof(anchor, { expectedRootBlockHash: same.sourceHeader.hash }),
      ).toMatchObject({
        valid: false,
        reason: 'spv_invalid',
        spvReason: 'root_mismatch',
      });
      const unpinned = verifyAnchoredEventProof(anchor);
      expect(unpinned.valid).toBe(true);
      expect(unpinned.valid && (await checkRootTrusted(0, unpinned.rootBlockHash, same.headers))).toBe(false);
    }
    const subject = proof.anchor.subject.kind === 'input' ? proof.anchor.subject.bytes : Buffer.alloc(0);
    expect(
      verifyAnchoredEventProof(withAnchor(proof, { subject: inputSubject(flipped(subject, 40)) }), {
        expectedRootBlockHash: same.sourceHeader.hash,
      }),
    ).toMatchObject({ valid: false, reason: 'spv_invalid' });
    expect(
      verifyAnchoredEventProof(withAnchor(proof, { subject: inputSubject(flipped(subject, 1, 0x07)) })),
    ).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'wrong_kind',
    });
    expect(
      verifyAnchoredEventProof(withAnchor(proof, { subject: inputSubject(flipped(subject, 1, 0x20)) })),
    ).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'bad_subject_tag',
    });
    expect(
      verifyAnchoredEventProof(withAnchor(proof, { algorithm: 'Keccak_256' as 'SHA512t_256' })),
    ).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'unsupported_algorithm',
    });
    expect(verifyAnchoredEventProof(proof, { expectedChain: 1 })).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'wrong_chain',
    });
    // A TX (inclusion) proof of the anchoring transaction is not a proof of its output.
    const txProof = await createSpvProof({
      version: same.version,
      kind: 'TX',
      sourceChain: 0,
      blockHash: same.sourceHeader.hash,
      requestKey: same.anchorRequestKey,
      targetChain: 0,
      headers: same.headers,
      payloads: same.payloads,
    });
    expect(verifyAnchoredEventProof({ ...proof, anchor: txProof })).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'wrong_kind',
    });
  });

  describe('the proven output must record exactly this batch', () => {
    const cases: Array<[string, (record: Record<string, unknown>) => unknown, string | true]> = [
      [
        'leaf-count as {"int": n}',
        (r) => ({ status: 'success', data: { ...r, 'leaf-count': { int: r['leaf-count'] } } }),
        true,
      ],
      [
        'leaf-count as {"int": "n"}',
        (r) => ({ status: 'success', data: { ...r, 'leaf-count': { int: String(r['leaf-count']) } } }),
        true,
      ],
      [
        'keys in another order, an extra key',
        (r) => ({
          status: 'success',
          data: { ...Object.fromEntries(Object.entries(r).reverse()), note: 'x' },
        }),
        true,
      ],
      [
        'a failed transaction',
        (r) => ({ status: 'failure', error: { message: 'tx failed', data: r } }),
        'anchor_failed',
      ],
      [
        'a failed transaction that still carries the record',
        (r) => ({ status: 'failure', data: r }),
        'anchor_failed',
      ],
      [
        'another tenant',
        (r) => ({ status: 'success', data: { ...r, 'tenant-id': 'tenant-b' } }),
        'anchor_output_mismatch',
      ],
      [
        'another batch id',
        (r) => ({ status: 'success', data: { ...r, 'batch-id': 'other' } }),
        'anchor_output_mismatch',
      ],
      [
        'another root',
        (r) => ({ status: 'success', data: { ...r, root: Buffer.alloc(32, 7).toString('base64url') } }),
        'anchor_output_mismatch',
      ],
      [
        'another leaf count',
        (r) => ({ status: 'success', data: { ...r, 'leaf-count': 10 } }),
        'anchor_output_mismatch',
      ],
      [
        'a fractional leaf count',
        (r) => ({ status: 'success', data: { ...r, 'leaf-count': { decimal: '9.0' } } }),
        'anchor_output_mismatch',
      ],
      [
        'another hash algorithm',
        (r) => ({ status: 'success', data: { ...r, 'hash-algorithm': 'Keccak_256' } }),
        'anchor_output_mismatch',
      ],
      [
        'no hash algorithm',
        (r) => ({ status: 'success', data: { ...r, 'hash-algorithm': undefined } }),
        'anchor_output_mismatch',
      ],
      [
        'a padded root',
        (r) => ({ status: 'success', data: { ...r, root: `${String(r['root'])}=` } }),
        'anchor_output_mismatch',
      ],
      [
        'a plain string result',
        () => ({ status: 'success', data: 'Write succeeded' }),
        'anchor_output_mismatch',
      ],
    ];
    it.each(cases)('%s', async (_name, result, expected) => {
      const fixture = await anchoredEventFixture({ result: result as (r: object) => unknown });
      const verification = verifyAnchoredEventProof(fixture.proof(1));
      if (expected === true)
        expect(verification).toMatchObject({ valid: true, rootBlockHash: fixture.sourceHeader.hash });
      else expect(verification).toMatchObject({ valid: false, reason: expected });
    });
  });

  it('checks the proof structure before verifying', () => {
    const proof = same.proof(1);
    const malformed: unknown[] = [
      null,
      { ...proof, anchor: null },
      { ...proof, anchor: { ...proof.anchor, object: proof.anchor.object.encode() } },
      { ...proof, batch: { ...proof.batch, id: '' } },
      { ...proof, batch: { ...proof.batch, root: Buffer.alloc(8) } },
      { ...proof, event: { ...proof.event, digest: Buffer.alloc(3) } },
    ];
    for (const value of malformed) {
      expect(() => verifyAnchoredEventProof(value as AnchoredEventProof)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(() => anchorEventProof(same.batch.eventProof(0), '', same.anchor)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
