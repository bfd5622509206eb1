import fc from 'fast-check';
import { allDerivedProofs, realSpvProofs, realSpvResponses } from '../../test/spv-fixtures';
import { ChainwebError } from '../errors';
import { sha512_256 } from '../hash';
import {
  buildEventBatch,
  anchorEventProof,
  type AnchoredEventProof,
  type EventInclusionProof,
} from '../events';
import { encodeSpvProofJson, encodeSpvResponse, parseSpvProof, type SpvProof } from '../spv';
import {
  ANCHORED_EVENT_PROOF_TYPE,
  decodeAnyProof,
  decodeProofBinary,
  encodeAnchoredEventProofBinary,
  encodeAnchoredEventProofJson,
  encodeEventProofBinary,
  encodeEventProofJson,
  encodeSpvProofBinary,
  EVENT_PROOF_TYPE,
  parseAnchoredEventProofJson,
  parseEventProofJson,
  PROOF_BINARY_CHECKSUM_LENGTH,
  verifyAnyProof,
} from './index';

/**
 * Codec and sniffing tests. The anchored proofs here carry a real chainweb SPV proof as their
 * anchor, which is well formed but does not record their batch: enough for the codecs. The whole
 * anchored chain (payload, header, createSpvProof) is verified in events/anchored-event-proof.spec.ts.
 */

const CODES = [
  'unknown_format',
  'bad_encoding',
  'bad_length',
  'bad_checksum',
  'unsupported_version',
  'unsupported_algorithm',
];

const spvJsonTexts = (): string[] => [
  ...realSpvProofs().map((p) => p.proofJsonText),
  ...allDerivedProofs().map((p) => p.proofJsonText),
];

function makeEventProofs(): {
  event: EventInclusionProof;
  anchored: AnchoredEventProof;
  unicode: AnchoredEventProof;
} {
  const digests = Array.from({ length: 11 }, (_, i) => sha512_256(Buffer.from(`event ${i}`)));
  const batch = buildEventBatch({
    tenantId: 'tenant-a',
    namespace: 'orders',
    digestAlgorithm: 'sha512-256',
    digests,
  });
  const anchor = parseSpvProof(realSpvResponses()[0]!.body);
  const unicodeBatch = buildEventBatch({
    tenantId: 'ténant "quoted" \\ ✓',
    namespace: '日本\n',
    digestAlgorithm: 'sha512',
    digests: [Buffer.alloc(64, 1), Buffer.alloc(64, 2), Buffer.alloc(64, 3)],
  });
  return {
    event: batch.eventProof(7),
    anchored: anchorEventProof(batch.eventProof(7), 'batch-2026-11-25-0001', anchor),
    unicode: anchorEventProof(unicodeBatch.eventProof(2), 'b/ü', anchor),
  };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof ChainwebError ? error.code : `untyped: ${String(error)}`;
  }
}

/** Calls jest's expect only on a mismatch: loops over every bit stay fast. */
function expectCode(fn: () => unknown, codes: string[] = CODES): void {
  const code = codeOf(fn);
  if (!codes.includes(code)) expect(code).toBe(codes.join(' | '));
}

describe('SPV proofs: binary form and sniffing', () => {
  it.each(spvJsonTexts().map((text, i) => [i, text]))(
    'proof %i: JSON → binary → JSON is exact, binary re-encodes to the same bytes',
    (_i, text) => {
      const proof = parseSpvProof(text);
      const binary = encodeSpvProofBinary(proof);
      const decoded = decodeProofBinary(binary);
      expect(decoded.kind).toBe('spv');
      expect(encodeSpvProofJson(decoded.proof as SpvProof)).toBe(text);
      expect(encodeSpvProofBinary(decoded.proof as SpvProof).equals(binary)).toBe(true);
    },
  );

  it.each(realSpvResponses().map((r) => [r.file, r.body]))(
    '%s: every form a user may hold is recognised',
    (_file, body) => {
      const proof = parseSpvProof(body);
      const json = encodeSpvProofJson(proof);
      const b64 = Buffer.from(json).toString('base64url');
      const object = JSON.parse(json) as Record<string, unknown>;
      const reordered = JSON.stringify({
        subject: object['subject'],
        algorithm: object['algorithm'],
        object: object['object'],
        chain: object['chain'],
      });
      const binary = encodeSpvProofBinary(proof);
      const forms: Array<[Uint8Array | string | object, string]> = [
        [body, 'pact-spv-response'],
        [`  ${body}\n`, 'pact-spv-response'],
        [Buffer.from(body), 'pact-spv-response'],
        [b64, 'base64url'],
        [`${b64}\n`, 'base64url'],
        [json, 'json'],
        [reordered, 'json'],
        [JSON.stringify(object, null, 2), 'json'],
        [object, 'json'],
        [Buffer.from(`\uFEFF${json}`), 'json'],
        [JSON.stringify(json), 'json'],
        [binary, 'binary'],
        [new Uint8Array(binary), 'binary'],
        [binary.toString('base64url'), 'binary-base64'],
        [binary.toString('base64'), 'binary-base64'],
        [binary.toString('base64').replace(/(.{76})/g, '$1\n'), 'binary-base64'],
      ];
      expect(body).toBe(encodeSpvResponse(proof));
      for (const [input, form] of forms) {
        const decoded = decodeAnyProof(input);
        expect({ kind: decoded.kind, form: decoded.form }).toEqual({ kind: 'spv', form });
        expect(encodeSpvProofJson(decoded.proof as SpvProof)).toBe(json);
      }
    },
  );

  it('verifyAnyProof verifies real proofs from any form and prints one shape', () => {
    for (const vector of realSpvProofs()) {
      for (const input of [
        vector.responseBody,
        vector.proofB64,
        vector.proofJsonText,
        encodeSpvProofBinary(parseSpvProof(vector.proofJsonText)),
      ]) {
        const result = verifyAnyProof(input);
        expect(result).toMatchObject({
          valid: true,
          kind: 'spv',
          chain: vector.targetChain,
          algorithm: 'SHA512t_256',
          root: vector.computedRoot,
          subject: vector.subject.inputB64,
          spvKind: 'TXOUT',
          requestKey: vector.requestKey,
        });
        expect(result.reason).toBeUndefined();
      }
      expect(verifyAnyProof(vector.responseBody, { expectedChain: vector.targetChain + 1 })).toMatchObject({
        valid: false,
        kind: 'spv',
        reason: 'wrong_chain',
        root: null,
      });
    }
  });
});

describe('event proofs: JSON and binary forms', () => {
  const { event, anchored, unicode } = makeEventProofs();

  it('the anchored event proof JSON is the documented, versioned object', () => {
    const json = JSON.parse(encodeAnchoredEventProofJson(anchored)) as Record<string, any>;
    expect(Object.keys(json)).toEqual(['type', 'version', 'event', 'batch', 'inclusion', 'anchor']);
    expect(json).toMatchObject({
      type: ANCHORED_EVENT_PROOF_TYPE,
      version: 1,
      event: {
        tenantId: 'tenant-a',
        namespace: 'orders',
        index: 7,
        digestAlgorithm: 'sha512-256',
        digest: anchored.event.digest.toString('base64url'),
      },
      batch: {
        id: 'batch-2026-11-25-0001',
        root: anchored.batch.root.toString('base64url'),
        leafCount: 11,
        hashAlgorithm: 'SHA512t_256',
      },
      inclusion: anchored.inclusion.encode().toString('base64url'),
    });
    expect(Object.keys(json['anchor'])).toEqual(['chain', 'object', 'subject', 'algorithm']);
    expect(JSON.stringify(json['anchor'])).toBe(encodeSpvProofJson(anchored.anchor));
    const plain = JSON.parse(encodeEventProofJson(event)) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['type', 'version', 'event', 'batch', 'inclusion']);
    expect(plain['type']).toBe(EVENT_PROOF_TYPE);
  });

  it.each([
    ['anchored', anchored],
    ['anchored, unicode and JSON escapes', unicode],
  ])('%s: JSON and binary round-trip exactly, across forms', (_name, proof) => {
    const text = encodeAnchoredEventProofJson(proof);
    const binary = encodeAnchoredEventProofBinary(proof);
    expect(encodeAnchoredEventProofJson(parseAnchoredEventProofJson(text))).toBe(text);
    expect(encodeAnchoredEventProofJson(parseAnchoredEventProofJson(JSON.parse(text) as object))).toBe(text);
    const fromBinary = decodeProofBinary(binary);
    expect(fromBinary.kind).toBe('anchored-event');
    expect(encodeAnchoredEventProofBinary(fromBinary.proof as AnchoredEventProof).equals(binary)).toBe(true);
    expect(encodeAnchoredEventProofJson(fromBinary.proof as AnchoredEventProof)).toBe(text);
    expect(encodeAnchoredEventProofBinary(parseAnchoredEventProofJson(text)).equals(binary)).toBe(true);
  });

  it('unanchored: JSON and binary round-trip exactly', () => {
    const text = encodeEventProofJson(event);
    const binary = encodeEventProofBinary(event);
    expect(encodeEventProofJson(parseEventProofJson(text))).toBe(text);
    const decoded = decodeProofBinary(binary);
    expect(decoded.kind).toBe('event');
    expect(encodeEventProofBinary(decoded.proof as EventInclusionProof).equals(binary)).toBe(true);
    expect(encodeEventProofJson(decoded.proof as EventInclusionProof)).toBe(text);
  });

  it('round-trips random event proofs (property)', () => {
    const anchor = anchored.anchor;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        (tenantId, namespace, batchId, n, k) => {
          fc.pre(!/[\uD800-\uDFFF]/.test(tenantId + namespace + batchId));
          const digests = Array.from({ length: n }, (_, i) => sha512_256(Buffer.from(`${k}:${i}`)));
          const proof = buildEventBatch({
            tenantId,
            namespace,
            digestAlgorithm: 'sha256',
            digests,
          }).eventProof(k % n);
          const full = anchorEventProof(proof, batchId, anchor);
          const text = encodeAnchoredEventProofJson(full);
          const binary = encodeAnchoredEventProofBinary(full);
          expect(encodeAnchoredEventProofJson(decodeAnyProof(binary).proof as AnchoredEventProof)).toBe(text);
          expect(
            encodeAnchoredEventProofBinary(decodeAnyProof(text).proof as AnchoredEventProof).equals(binary),
          ).toBe(true);
          expect(
            encodeEventProofBinary(
              decodeAnyProof(encodeEventProofJson(proof)).proof as EventInclusionProof,
            ).equals(encodeEventProofBinary(proof)),
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('sniffs every form of our proofs', () => {
    const text = encodeAnchoredEventProofJson(anchored);
    const binary = encodeAnchoredEventProofBinary(anchored);
    const cases: Array<[Uint8Array | string | object, string, string]> = [
      [text, 'anchored-event', 'json'],
      [JSON.parse(text) as object, 'anchored-event', 'json'],
      [JSON.stringify(JSON.parse(text), null, 2), 'anchored-event', 'json'],
      [Buffer.from(text), 'anchored-event', 'json'],
      [Buffer.from(text).toString('base64url'), 'anchored-event', 'base64url'],
      [binary, 'anchored-event', 'binary'],
      [binary.toString('base64url'), 'anchored-event', 'binary-base64'],
      [binary.toString('base64'), 'anchored-event', 'binary-base64'],
      [encodeEventProofJson(event), 'event', 'json'],
      [encodeEventProofBinary(event), 'event', 'binary'],
      [encodeEventProofBinary(event).toString('base64url'), 'event', 'binary-base64'],
    ];
    for (const [input, kind, form] of cases) expect(decodeAnyProof(input)).toMatchObject({ kind, form });
  });

  it('rejects every truncation of every binary form with a typed error', () => {
    for (const binary of [
      encodeEventProofBinary(event),
      encodeAnchoredEventProofBinary(anchored),
      encodeSpvProofBinary(anchored.anchor),
    ]) {
      for (let length = 0; length < binary.length; length++) {
        expectCode(() => decodeProofBinary(binary.subarray(0, length)));
        expectCode(() => decodeAnyProof(binary.subarray(0, length)));
      }
      expectCode(() => decodeProofBinary(Buffer.concat([binary, Buffer.alloc(1)])), ['bad_checksum']);
    }
  });

  it('rejects every single bit flip of every binary form', () => {
    for (const binary of [
      encodeEventProofBinary(event),
      encodeAnchoredEventProofBinary(anchored),
      encodeSpvProofBinary(anchored.anchor),
    ]) {
      for (let bit = 0; bit < binary.length * 8; bit++) {
        const flipped = Buffer.from(binary);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        expectCode(
          () => decodeProofBinary(flipped),
          bit < 32 ? ['unknown_format'] : bit < 40 ? ['unsupported_version'] : ['bad_checksum'],
        );
      }
    }
  });

  it('never crashes on damaged bodies with a valid checksum (property)', () => {
    const binaries = [
      encodeEventProofBinary(event),
      encodeAnchoredEventProofBinary(anchored),
      encodeSpvProofBinary(anchored.anchor),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...binaries),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (binary, edits) => {
          const body = Buffer.from(binary.subarray(0, binary.length - PROOF_BINARY_CHECKSUM_LENGTH));
          for (const [at, xor] of edits) body[6 + (at % (body.length - 6))]! ^= xor;
          const damaged = Buffer.concat([body, sha512_256(body).subarray(0, PROOF_BINARY_CHECKSUM_LENGTH)]);
          try {
            const decoded = decodeProofBinary(damaged);
            // If it still decodes, it is a well-formed proof whose encoding is exactly these bytes.
            const again =
              decoded.kind === 'spv'
                ? encodeSpvProofBinary(decoded.proof)
                : decoded.kind === 'event'
                  ? encodeEventProofBinary(decoded.proof)
                  : encodeAnchoredEventProofBinary(decoded.proof);
            expect(again.equals(damaged)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(ChainwebError);
            expect(CODES).toContain((error as ChainwebError).code);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rejects JSON that is ours but broken, with typed errors', () => {
    const json = JSON.parse(encodeAnchoredEventProofJson(anchored)) as Record<string, any>;
    const variants: Array<[unknown, string]> = [
      [{ ...json, version: 2 }, 'unsupported_version'],
      [{ ...json, extra: 1 }, 'bad_encoding'],
      [{ ...json, event: { ...json['event'], digestAlgorithm: 'md5' } }, 'unsupported_algorithm'],
      [{ ...json, event: { ...json['event'], digest: 'AAAA' } }, 'bad_encoding'],
      [{ ...json, event: { ...json['event'], index: -1 } }, 'bad_encoding'],
      [{ ...json, event: { ...json['event'], index: '7' } }, 'bad_encoding'],
      [{ ...json, event: { ...json['event'], tenantId: '' } }, 'bad_encoding'],
      [{ ...json, batch: { ...json['batch'], hashAlgorithm: 'Keccak_256' } }, 'unsupported_algorithm'],
      [{ ...json, batch: { ...json['batch'], root: 'AAAA' } }, 'bad_length'],
      [{ ...json, batch: { ...json['batch'], leafCount: 0 } }, 'bad_encoding'],
      [{ ...json, batch: { ...json['batch'], id: 7 } }, 'bad_encoding'],
      [{ ...json, inclusion: 'AAAA' }, 'bad_length'],
      [{ ...json, inclusion: '***' }, 'bad_encoding'],
      [{ ...json, anchor: { ...json['anchor'], algorithm: 'Keccak_256' } }, 'unsupported_algorithm'],
      [{ ...json, anchor: 'x' }, 'bad_encoding'],
      [(({ anchor: _a, ...rest }) => rest)(json), 'bad_encoding'],
    ];
    for (const [value, code] of variants) {
      expectCode(() => decodeAnyProof(JSON.stringify(value)), [code]);
      expectCode(() => decodeAnyProof(value as object), [code]);
    }
  });

  it('rejects what is no proof at all: unknown_format', () => {
    const inputs: Array<Uint8Array | string | object> = [
      '',
      '   \n',
      'hello world',
      '{}',
      '{"type":"other","version":1}',
      '[1,2,3]',
      '"!!!"',
      `"${Buffer.from('[]').toString('base64url')}"`,
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.from('SPV'),
      [],
    ];
    for (const input of inputs) expectCode(() => decodeAnyProof(input), ['unknown_format']);
    expectCode(() => decodeAnyProof('{"chain":'), ['bad_encoding']);
    // A /pact/spv body whose content is damaged is a broken proof, not an unknown format.
    expectCode(() => decodeAnyProof('"eyJ"'), ['bad_encoding']);
    expectCode(() => decodeAnyProof('"eyJhIjox"'), ['bad_encoding']);
    expectCode(() => decodeAnyProof(42 as unknown as string), ['unknown_format']);
  });

  it('verifyAnyProof: event proofs, tenant expectation, undecodable input', () => {
    expect(verifyAnyProof(encodeEventProofJson(event))).toMatchObject({
      valid: true,
      kind: 'event',
      form: 'json',
      chain: null,
      root: event.batch.root.toString('base64url'),
      subject: event.event.digest.toString('base64url'),
      event: { tenantId: 'tenant-a', namespace: 'orders', index: 7 },
      batch: { leafCount: 11 },
    });
    expect(verifyAnyProof(encodeEventProofBinary(event), { expectedTenantId: 'tenant-b' })).toMatchObject({
      valid: false,
      kind: 'event',
      reason: 'tenant_mismatch',
      root: null,
    });
    expect(verifyAnyProof(encodeEventProofJson(event), { expectedChain: 0 })).toMatchObject({
      valid: false,
      reason: 'not_anchored',
    });
    expect(verifyAnyProof('nonsense!')).toMatchObject({
      valid: false,
      kind: null,
      form: null,
      reason: 'unknown_format',
      chain: null,
      root: null,
    });
    // The anchor here is a real proof of another transaction: the anchored check must fail on its output.
    expect(verifyAnyProof(encodeAnchoredEventProofBinary(anchored))).toMatchObject({
      valid: false,
      kind: 'anchored-event',
      form: 'binary',
      chain: anchored.anchor.chain,
      reason: 'anchor_output_mismatch',
    });
  });
});
