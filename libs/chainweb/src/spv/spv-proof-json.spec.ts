import { allDerivedProofs, realSpvProofs, realSpvResponses } from '../../test/spv-fixtures';
import { ChainwebError } from '../errors';
import { inputSubject, MerkleProofObject, treeSubject } from '../merkle/merkle-proof';
import {
  encodeSpvProofBase64Url,
  encodeSpvProofJson,
  encodeSpvResponse,
  parseSpvProof,
} from './spv-proof-json';
import { spvProof } from './spv-proof';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ChainwebError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('real /pact/spv responses', () => {
  it.each(realSpvResponses().map((r) => [r.file, r.body] as const))(
    '%s parses and re-encodes byte for byte',
    (_file, body) => {
      const proof = parseSpvProof(body);
      expect(encodeSpvResponse(proof)).toBe(body);
    },
  );

  it.each(realSpvProofs().map((p) => [p.id, p] as const))(
    '%s: every form parses to the same proof',
    (_id, vector) => {
      const fromBody = parseSpvProof(vector.responseBody);
      expect(encodeSpvProofJson(fromBody)).toBe(vector.proofJsonText);
      expect(encodeSpvProofBase64Url(fromBody)).toBe(vector.proofB64);
      expect(fromBody.chain).toBe(vector.targetChain);
      expect(fromBody.object.encode().toString('hex')).toBe(vector.proofObject.hex);
      expect(fromBody.object.subjectPosition).toBe(BigInt(vector.proofObject.subjectPosition));
      expect(fromBody.subject).toEqual(inputSubject(Buffer.from(vector.subject.inputB64, 'base64url')));

      const forms: unknown[] = [
        vector.proofB64,
        vector.proofJsonText,
        JSON.parse(vector.proofJsonText),
        Buffer.from(vector.responseBody, 'utf8'),
        // the key order older nodes wrote (chainweb-openapi example)
        JSON.parse(
          JSON.stringify({
            subject: vector.proofJson.subject,
            algorithm: vector.proofJson.algorithm,
            object: vector.proofJson.object,
            chain: vector.proofJson.chain,
          }),
        ),
        // chainweb pads before decoding, so padded base64url is accepted
        vector.proofB64 + '='.repeat((4 - (vector.proofB64.length % 4)) % 4),
        `  ${vector.responseBody}\n`,
      ];
      for (const form of forms) expect(encodeSpvProofJson(parseSpvProof(form))).toBe(vector.proofJsonText);
    },
  );
});

describe('derived proofs (proofs_derived_from_real_data.json)', () => {
  it.each(allDerivedProofs().map((p) => [p.label, p] as const))(
    '%s round-trips byte for byte',
    (_label, vector) => {
      const proof = parseSpvProof(vector.proofB64);
      expect(encodeSpvProofJson(proof)).toBe(vector.proofJsonText);
      expect(encodeSpvProofBase64Url(proof)).toBe(vector.proofB64);
      expect(proof.object.encode().toString('base64url')).toBe(vector.proofObjectB64);
      expect(proof.object.stepCount).toBe(vector.stepCount);
      expect(proof.object.subjectPosition).toBe(BigInt(vector.subjectPosition));
      expect(parseSpvProof(JSON.parse(vector.proofJsonText)).chain).toBe(vector.targetChain);
    },
  );
});

describe('parseSpvProof is strict', () => {
  const vector = realSpvProofs()[0]!;
  const base = vector.proofJson;
  const standardBase64 = base.object.replace(/-/g, '+').replace(/_/g, '/');
  const withField = (patch: Record<string, unknown>) => ({ ...base, ...patch });

  it.each([
    ['a missing field', { chain: base.chain, object: base.object, subject: base.subject }, 'bad_encoding'],
    ['an extra field', withField({ rootType: 'block' }), 'bad_encoding'],
    ['chain as a string', withField({ chain: '1' }), 'bad_encoding'],
    ['chain in Pact stable encoding', withField({ chain: { int: 1 } }), 'bad_encoding'],
    ['a negative chain', withField({ chain: -1 }), 'bad_encoding'],
    ['a fractional chain', withField({ chain: 1.5 }), 'bad_encoding'],
    ['a chain beyond Word32', withField({ chain: 2 ** 32 }), 'bad_encoding'],
    ['another algorithm', withField({ algorithm: 'Keccak_256' }), 'unsupported_algorithm'],
    ['the algorithm in another case', withField({ algorithm: 'sha512t_256' }), 'unsupported_algorithm'],
    ['a non-string algorithm', withField({ algorithm: 1 }), 'bad_encoding'],
    ['an object in standard base64', withField({ object: standardBase64 }), 'bad_encoding'],
    [
      'an object that is not base64url',
      withField({ object: base.object.replace(/.$/, '+') }),
      'bad_encoding',
    ],
    [
      'a subject with non-canonical trailing bits',
      withField({ subject: { tree: 'A'.repeat(42) + 'B' } }),
      'bad_encoding',
    ],
    [
      'an object with a step too few',
      withField({ object: b64(Buffer.from(base.object, 'base64url').subarray(0, -33)) }),
      'bad_length',
    ],
    [
      'an object with a trailing byte',
      withField({ object: b64(Buffer.concat([Buffer.from(base.object, 'base64url'), Buffer.alloc(1)])) }),
      'bad_length',
    ],
    [
      'a subject with both keys',
      withField({ subject: { input: base.subject.input, tree: b64(Buffer.alloc(32)) } }),
      'bad_encoding',
    ],
    ['a subject with another key', withField({ subject: { bytes: base.subject.input } }), 'bad_encoding'],
    ['a subject that is a string', withField({ subject: base.subject.input }), 'bad_encoding'],
    ['a tree subject of 31 bytes', withField({ subject: { tree: b64(Buffer.alloc(31)) } }), 'bad_length'],
    ['an array', [base], 'bad_encoding'],
    ['null', null, 'bad_encoding'],
    ['a number', 1, 'bad_encoding'],
  ])('rejects %s', (_what, input, code) => {
    expect(codeOf(() => parseSpvProof(input))).toBe(code);
  });

  it('has a standard-base64 case that differs from base64url', () => {
    expect(standardBase64).not.toBe(base.object);
  });

  it.each([
    ['a response body holding a number', '123'],
    ['a response body holding an object string', JSON.stringify(JSON.stringify(base))],
    ['an unterminated response body', vector.responseBody.slice(0, -1)],
    ['base64url of a JSON array', b64(Buffer.from('[1]'))],
    ['base64url of invalid UTF-8', b64(Buffer.from([0xff, 0xfe, 0x7b]))],
    ['base64url of text that is not JSON', b64(Buffer.from('{chain:1}'))],
    [
      'base64url with a UTF-8 byte-order mark',
      b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vector.proofJsonText)])),
    ],
    ['an empty string', ''],
    ['JSON text with a trailing comma', vector.proofJsonText.replace(/}$/, ',}')],
  ])('rejects %s with bad_encoding', (_what, text) => {
    expect(codeOf(() => parseSpvProof(text))).toBe('bad_encoding');
  });
});

describe('encodeSpvProofJson', () => {
  it('writes a tree subject as {"tree": …}', () => {
    const root = Buffer.alloc(32, 7);
    const proof = spvProof(3, new MerkleProofObject(4n, Buffer.alloc(0)), treeSubject(root));
    expect(encodeSpvProofJson(proof)).toBe(
      `{"chain":3,"object":"AAAAAAAAAAAAAAAE","subject":{"tree":"${b64(root)}"},"algorithm":"SHA512t_256"}`,
    );
    expect(encodeSpvProofJson(parseSpvProof(encodeSpvResponse(proof)))).toBe(encodeSpvProofJson(proof));
  });

  it('refuses values that are not proofs', () => {
    const object = new MerkleProofObject(0n, Buffer.alloc(0));
    expect(
      codeOf(() =>
        encodeSpvProofJson({
          chain: -1,
          object,
          subject: inputSubject(Buffer.alloc(2)),
          algorithm: 'SHA512t_256',
        }),
      ),
    ).toBe('invalid_input');
    expect(
      codeOf(() =>
        encodeSpvProofJson({
          chain: 1,
          object: {} as MerkleProofObject,
          subject: inputSubject(Buffer.alloc(2)),
          algorithm: 'SHA512t_256',
        }),
      ),
    ).toBe('invalid_input');
    expect(
      codeOf(() =>
        encodeSpvProofJson({
          chain: 1,
          object,
          subject: inputSubject(Buffer.alloc(2)),
          algorithm: 'Keccak_256' as 'SHA512t_256',
        }),
      ),
    ).toBe('unsupported_algorithm');
  });
});
