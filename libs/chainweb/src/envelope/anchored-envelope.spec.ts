import { anchoredEventFixture, type AnchoredFixture } from '../../test/anchored-event-fixtures';
import { ChainwebError } from '../errors';
import { encodeSpvProofJson, encodeSpvResponse } from '../spv';
import {
  anchoredEventProofToJson,
  decodeAnyProof,
  decodeProofBinary,
  encodeAnchoredEventProofBinary,
  encodeAnchoredEventProofJson,
  encodeEventProofJson,
  encodeSpvProofBinary,
  verifyAnyProof,
} from './index';

describe('envelopes of a real anchored event proof', () => {
  let same: AnchoredFixture;
  let cross: AnchoredFixture;

  beforeAll(async () => {
    same = await anchoredEventFixture({ eventCount: 2048 });
    cross = await anchoredEventFixture({
      sourceChain: 0,
      targetChain: 1,
      namespace: '',
      digestAlgorithm: 'blake2b-256',
    });
  });

  it('every form decodes, round-trips exactly and verifies to the same result', () => {
    for (const [fixture, index] of [
      [same, 1234],
      [cross, 8],
    ] as const) {
      const proof = fixture.proof(index);
      const text = encodeAnchoredEventProofJson(proof);
      const binary = encodeAnchoredEventProofBinary(proof);
      const forms: Array<[Uint8Array | string | object, string]> = [
        [text, 'json'],
        [JSON.parse(text) as object, 'json'],
        [Buffer.from(text).toString('base64url'), 'base64url'],
        [binary, 'binary'],
        [binary.toString('base64'), 'binary-base64'],
      ];
      for (const [input, form] of forms) {
        const decoded = decodeAnyProof(input);
        expect(decoded).toMatchObject({ kind: 'anchored-event', form });
        expect(encodeAnchoredEventProofJson(decoded.proof as typeof proof)).toBe(text);
        expect(encodeAnchoredEventProofBinary(decoded.proof as typeof proof).equals(binary)).toBe(true);
        expect(verifyAnyProof(input, { expectedTenantId: fixture.batch.scope.tenantId })).toEqual({
          valid: true,
          kind: 'anchored-event',
          form,
          chain: fixture.targetHeader.chainId,
          algorithm: 'SHA512t_256',
          root: fixture.targetHeader.hash.toString('base64url'),
          subject: fixture.batch.digest(index).toString('base64url'),
          requestKey: fixture.anchorRequestKey,
          event: {
            tenantId: fixture.batch.scope.tenantId,
            namespace: fixture.batch.scope.namespace,
            index,
            digestAlgorithm: fixture.batch.scope.digestAlgorithm,
            digest: fixture.batch.digest(index).toString('base64url'),
          },
          batch: {
            id: fixture.batchId,
            root: fixture.batch.root.toString('base64url'),
            leafCount: fixture.batch.leafCount,
          },
        });
      }
    }
  });

  it('the anchor inside our JSON is chainweb-node JSON: it verifies on its own, in every chainweb form', () => {
    const proof = cross.proof(0);
    const json = anchoredEventProofToJson(proof);
    expect(JSON.stringify(json.anchor)).toBe(encodeSpvProofJson(cross.anchor));
    const root = cross.targetHeader.hash.toString('base64url');
    for (const [input, form] of [
      [JSON.stringify(json.anchor), 'json'],
      [encodeSpvResponse(cross.anchor), 'pact-spv-response'],
      [encodeSpvProofBinary(cross.anchor), 'binary'],
    ] as const) {
      expect(verifyAnyProof(input)).toMatchObject({
        valid: true,
        kind: 'spv',
        form,
        chain: 1,
        root,
        spvKind: 'TXOUT',
        requestKey: cross.anchorRequestKey,
      });
    }
  });

  it('options: tenant, chain and root expectations', () => {
    const text = encodeAnchoredEventProofJson(same.proof(7));
    expect(verifyAnyProof(text, { expectedTenantId: 'someone-else' })).toMatchObject({
      valid: false,
      kind: 'anchored-event',
      reason: 'tenant_mismatch',
      root: null,
    });
    expect(verifyAnyProof(text, { expectedChain: 3 })).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'wrong_chain',
    });
    expect(verifyAnyProof(text, { expectedRoot: same.sourceHeader.hash })).toMatchObject({ valid: true });
    expect(verifyAnyProof(text, { expectedRoot: same.sourceHeader.parent })).toMatchObject({
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'root_mismatch',
    });
    expect(() => verifyAnyProof(text, { expectedRoot: Buffer.alloc(3) })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => verifyAnyProof(text, { expectedChain: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('edited JSON fails with the reason of what was edited', () => {
    const json = JSON.parse(encodeAnchoredEventProofJson(same.proof(7))) as Record<string, any>;
    const edits: Array<[Record<string, any>, string]> = [
      [{ ...json, event: { ...json['event'], tenantId: 'tenant-b' } }, 'inclusion_mismatch'],
      [{ ...json, event: { ...json['event'], index: 8 } }, 'position_mismatch'],
      [
        { ...json, event: { ...json['event'], digest: same.batch.digest(8).toString('base64url') } },
        'inclusion_mismatch',
      ],
      [{ ...json, batch: { ...json['batch'], id: 'batch-x' } }, 'anchor_output_mismatch'],
      // 2,049 leaves add a level, so the path no longer fits; 2,047 keep its shape and only the record catches it.
      [{ ...json, batch: { ...json['batch'], leafCount: 2049 } }, 'position_mismatch'],
      [{ ...json, batch: { ...json['batch'], leafCount: 2047 } }, 'anchor_output_mismatch'],
      [
        {
          ...json,
          inclusion: encodeEventProofJson(same.batch.eventProof(8)).match(/"inclusion":"([^"]+)"/)![1],
        },
        'position_mismatch',
      ],
    ];
    for (const [value, reason] of edits)
      expect(verifyAnyProof(JSON.stringify(value))).toMatchObject({ valid: false, reason });
  });

  it('every truncation and every bit flip of the real binary form is rejected', () => {
    const binary = encodeAnchoredEventProofBinary(cross.proof(3));
    const accepted: string[] = [];
    for (let length = 0; length < binary.length; length++) {
      const truncated = binary.subarray(0, length);
      if (!throwsChainwebError(() => decodeProofBinary(truncated))) accepted.push(`truncated to ${length}`);
      const result = verifyAnyProof(truncated);
      if (result.valid || result.kind !== null) accepted.push(`verifyAnyProof of truncation ${length}`);
    }
    for (let bit = 0; bit < binary.length * 8; bit++) {
      const flipped = Buffer.from(binary);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      if (!throwsChainwebError(() => decodeProofBinary(flipped))) accepted.push(`bit ${bit}`);
    }
    expect(accepted).toEqual([]);
  });
});

function throwsChainwebError(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return error instanceof ChainwebError;
  }
}
