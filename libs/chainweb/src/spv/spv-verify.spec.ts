import { allDerivedProofs, realSpvProofs } from '../../test/spv-fixtures';
import { chainIdLeafHash } from '../header';
import { STEP_LENGTH } from '../merkle/merkle-log';
import { inputSubject, runSteps, subjectLeafHash, treeSubject } from '../merkle/merkle-proof';
import { spvProof } from './spv-proof';
import { encodeSpvProofJson, parseSpvProof } from './spv-proof-json';
import { verifySpvProof, type SpvFailureReason } from './spv-verify';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const hash = (text: string) => Buffer.from(text, 'base64url');

/** Bytes 4..11 of a proof object: the subject position, which chainweb (and we) do not verify. */
const SUBJECT_POSITION_BYTES = { start: 4, end: 12 } as const;

describe('real /pact/spv proofs verify', () => {
  it.each(realSpvProofs().map((p) => [p.id, p] as const))('%s runs to its recorded root', (_id, vector) => {
    const result = verifySpvProof(vector.responseBody, {
      expectedChain: vector.targetChain,
      expectedKind: 'TXOUT',
    });
    if (!result.valid) throw new Error(result.message);
    expect(result.kind).toBe('TXOUT');
    expect(result.chain).toBe(vector.targetChain);
    expect(b64(result.root)).toBe(vector.computedRoot);
    expect(result.requestKey).toBe(vector.requestKey);
    expect(result.subject.toString('utf8')).toBe(vector.subject.payloadUtf8);
    if (result.kind !== 'TXOUT') throw new Error('expected TXOUT');
    expect(result.output.reqKey).toBe(vector.requestKey);
    expect(result.output.result.status).toBe('success');
    expect(verifySpvProof(vector.responseBody, { expectedRoot: hash(vector.computedRoot) }).valid).toBe(true);
  });

  it.each(realSpvProofs().map((p) => [p.id, p] as const))(
    '%s: the hash after the source header segment is the /poll block hash',
    (_id, vector) => {
      const proof = parseSpvProof(vector.responseBody);
      // Every intermediate hash of the run; the /poll block hash must be exactly one of them.
      const intermediates: string[] = [];
      for (let k = 0; k <= proof.object.stepCount; k++) {
        intermediates.push(
          b64(runSteps(subjectLeafHash(proof.subject), proof.object.steps.subarray(0, k * STEP_LENGTH))),
        );
      }
      const end = intermediates.indexOf(vector.independentCheck.pollBlockHash);
      expect(end).toBeGreaterThan(0);
      expect(intermediates.lastIndexOf(vector.independentCheck.pollBlockHash)).toBe(end);
      // ...reached by the source header segment: payload hash at leaf 4 of a 14-leaf header (sides
      // RRLR), whose first sibling is the ChainId leaf of the source chain.
      const segment = proof.object.steps.subarray((end - 4) * STEP_LENGTH, end * STEP_LENGTH);
      const sides = [0, 1, 2, 3].map((i) => (segment[i * STEP_LENGTH] === 1 ? 'R' : 'L')).join('');
      expect(sides).toBe('RRLR');
      expect(segment.subarray(1, STEP_LENGTH)).toEqual(chainIdLeafHash(vector.sourceChain));
      // and it is where the vector's own analysis put the end of that segment
      const recorded = vector.segmentsInferred.find((s) => s.tree.startsWith('BlockHeader source chain'));
      expect(recorded?.stepRange[1]).toBe(end);
    },
  );

  it('exposes the continuation of a cross-chain transfer output', () => {
    const devnet = realSpvProofs().find((p) => p.id.startsWith('devnet'))!;
    const result = verifySpvProof(devnet.proofB64);
    if (!result.valid || result.kind !== 'TXOUT') throw new Error('expected a valid TXOUT proof');
    expect(result.output.continuation).toMatchObject({ pactId: devnet.requestKey, step: 0 });
  });
});

describe('derived proofs verify to their real roots', () => {
  const derived = allDerivedProofs();
  it.each(
    derived
      .filter((p) => p.proofType !== 'TransactionProof' && p.proofType !== 'TransactionOutputProof')
      .map((p) => [p.label, p] as const),
  )('%s (tree subject) is refused as a TX/TXOUT proof but runs to its root', (_label, vector) => {
    const proof = parseSpvProof(vector.proofB64);
    expect(verifySpvProof(proof)).toMatchObject({ valid: false, reason: 'bad_subject' });
    expect(b64(proof.object.run(proof.subject))).toBe(vector.expectedRoot);
  });

  it.each(
    derived
      .filter((p) => p.proofType === 'TransactionProof' || p.proofType === 'TransactionOutputProof')
      .map((p) => [p.label, p] as const),
  )('%s', (_label, vector) => {
    const kind = vector.proofType === 'TransactionProof' ? 'TX' : 'TXOUT';
    const result = verifySpvProof(vector.proofB64, {
      expectedChain: vector.targetChain,
      expectedKind: kind,
      expectedRoot: hash(vector.expectedRoot),
    });
    if (!result.valid) throw new Error(result.message);
    expect(result.kind).toBe(kind);
    if (vector.requestKey) expect(result.requestKey).toBe(vector.requestKey);
  });
});

describe('rejections', () => {
  const vector = realSpvProofs()[0]!;
  const root = hash(vector.computedRoot);
  const base = vector.proofJson;

  it('rejects a proof for chain 1 presented as a proof for chain 0', () => {
    expect(verifySpvProof(vector.responseBody, { expectedChain: 0 })).toMatchObject({
      valid: false,
      reason: 'wrong_chain',
    });
  });

  it('rejects another algorithm', () => {
    expect(verifySpvProof({ ...base, algorithm: 'Keccak_256' })).toMatchObject({
      valid: false,
      reason: 'unsupported_algorithm',
    });
    const proof = parseSpvProof(base);
    expect(verifySpvProof({ ...proof, algorithm: 'SHA512' })).toMatchObject({
      valid: false,
      reason: 'unsupported_algorithm',
    });
  });

  it.each([0x0000, 0x0010, 0x0015, 0x0017, 0x0018, 0x0030, 0x1400])('rejects subject tag 0x%s', (tag) => {
    const entry = Buffer.from(base.subject.input, 'base64url');
    entry.writeUInt16BE(tag, 0);
    expect(verifySpvProof({ ...base, subject: { input: b64(entry) } })).toMatchObject({
      valid: false,
      reason: 'bad_subject_tag',
    });
  });

  it('rejects a subject shorter than its tag', () => {
    expect(verifySpvProof({ ...base, subject: { input: 'AA' } })).toMatchObject({
      valid: false,
      reason: 'bad_subject_tag',
    });
  });

  it('rejects an output proof relabelled as a transaction proof', () => {
    const entry = Buffer.from(base.subject.input, 'base64url');
    entry.writeUInt16BE(0x0013, 0);
    const relabelled = { ...base, subject: { input: b64(entry) } };
    expect(verifySpvProof(relabelled, { expectedKind: 'TXOUT' })).toMatchObject({
      valid: false,
      reason: 'wrong_kind',
    });
    expect(verifySpvProof(relabelled, { expectedRoot: root })).toMatchObject({
      valid: false,
      reason: 'root_mismatch',
    });
    // Without an expected root the Merkle run alone cannot tell; the subject no longer decodes as a command.
    expect(verifySpvProof(relabelled)).toMatchObject({ valid: false, reason: 'bad_subject' });
  });

  it('rejects a tree subject', () => {
    const proof = spvProof(1, parseSpvProof(base).object, treeSubject(root));
    expect(verifySpvProof(proof)).toMatchObject({ valid: false, reason: 'bad_subject' });
  });

  it('rejects a TXOUT subject that is not a CommandResult', () => {
    const proof = parseSpvProof(base);
    for (const body of ['{"gas":1}', 'not json', '[]', '{"reqKey":"x","result":{"status":"pending"}}']) {
      const subject = inputSubject(Buffer.concat([Buffer.from([0x00, 0x14]), Buffer.from(body)]));
      expect(verifySpvProof(spvProof(1, proof.object, subject))).toMatchObject({
        valid: false,
        reason: 'bad_subject',
      });
    }
  });

  it('rejects a malformed proof with bad_encoding instead of throwing', () => {
    for (const input of ['', '"', '{}', 42, null, [], { ...base, object: 'AAAA' }]) {
      expect(verifySpvProof(input)).toMatchObject({ valid: false, reason: 'bad_encoding' });
    }
    // a proof value assembled elsewhere is re-checked too
    const { object } = parseSpvProof(base);
    for (const broken of [
      { chain: 1.5, object, subject: inputSubject(Buffer.alloc(4)), algorithm: 'SHA512t_256' },
      { chain: 1, object, subject: { kind: 'input' }, algorithm: 'SHA512t_256' },
      { chain: 1, object, subject: { kind: 'tree', root: Buffer.alloc(5) }, algorithm: 'SHA512t_256' },
    ]) {
      expect(verifySpvProof(broken)).toMatchObject({ valid: false, reason: 'bad_encoding' });
    }
  });

  it('checks its options', () => {
    expect(() => verifySpvProof(base, { expectedChain: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => verifySpvProof(base, { expectedRoot: Buffer.alloc(31) })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe.each(realSpvProofs().map((p) => [p.id, p] as const))('mutations of %s', (_id, vector) => {
  const root = hash(vector.computedRoot);
  const object = Buffer.from(vector.proofJson.object, 'base64url');
  const entry = Buffer.from(vector.proofJson.subject.input, 'base64url');
  const withObject = (bytes: Buffer) => ({ ...vector.proofJson, object: b64(bytes) });
  const withSubject = (bytes: Buffer) => ({ ...vector.proofJson, subject: { input: b64(bytes) } });
  const options = { expectedChain: vector.targetChain, expectedRoot: root };

  it('every single-bit flip of the proof object fails, except in the subject position', () => {
    const reasons = new Map<SpvFailureReason | 'accepted', number>();
    const wrong: string[] = [];
    for (let bit = 0; bit < object.length * 8; bit++) {
      const flipped = Buffer.from(object);
      const byte = bit >> 3;
      flipped[byte]! ^= 0x80 >> (bit & 7);
      const result = verifySpvProof(withObject(flipped), options);
      const inPosition = byte >= SUBJECT_POSITION_BYTES.start && byte < SUBJECT_POSITION_BYTES.end;
      // Documented exception: merkle-log's runMerkleProof ignores the position, and so does chainweb.
      const expected = inPosition ? result.valid && result.root.equals(root) : !result.valid;
      if (!expected) wrong.push(`bit ${bit}`);
      const key = result.valid ? 'accepted' : result.reason;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    expect(reasons.get('accepted')).toBe(64);
    expect(reasons.get('bad_encoding')).toBeGreaterThan(0); // step count and side-byte flips
    expect(reasons.get('root_mismatch')).toBeGreaterThan(0); // sibling and side flips
    expect([...reasons.keys()].sort()).toEqual(['accepted', 'bad_encoding', 'root_mismatch']);
  });

  it('every single-bit flip of the subject fails', () => {
    const parsed = parseSpvProof(vector.proofJson);
    const reasons = new Set<string>();
    for (let bit = 0; bit < entry.length * 8; bit++) {
      const flipped = Buffer.from(entry);
      flipped[bit >> 3]! ^= 0x80 >> (bit & 7);
      const result = verifySpvProof(spvProof(parsed.chain, parsed.object, inputSubject(flipped)), options);
      reasons.add(result.valid ? `accepted bit ${bit}` : result.reason);
    }
    expect([...reasons].sort()).toEqual(['bad_subject_tag', 'root_mismatch']);
  });

  it('every truncation of the proof object and of the subject fails', () => {
    const objectReasons = new Set<string>();
    for (let length = 0; length < object.length; length++) {
      const result = verifySpvProof(withObject(object.subarray(0, length)), options);
      objectReasons.add(result.valid ? `accepted length ${length}` : result.reason);
    }
    expect([...objectReasons]).toEqual(['bad_encoding']);
    const subjectReasons = new Set<string>();
    for (let length = 0; length < entry.length; length++) {
      const result = verifySpvProof(withSubject(entry.subarray(0, length)), options);
      subjectReasons.add(result.valid ? `accepted length ${length}` : result.reason);
    }
    expect([...subjectReasons].sort()).toEqual(['bad_subject_tag', 'root_mismatch']);
  });

  it('every truncation of the response body fails to parse', () => {
    const reasons = new Set<string>();
    for (let length = 0; length < vector.responseBody.length; length++) {
      const result = verifySpvProof(vector.responseBody.slice(0, length), options);
      reasons.add(result.valid ? `accepted length ${length}` : result.reason);
    }
    expect([...reasons]).toEqual(['bad_encoding']);
  });

  it('re-encodes every accepted position flip with the flipped position, so the field is carried, not lost', () => {
    const flipped = Buffer.from(object);
    flipped[11]! ^= 1;
    const proof = parseSpvProof(withObject(flipped));
    expect(encodeSpvProofJson(proof)).not.toBe(vector.proofJsonText);
    expect(proof.object.subjectPosition).toBe(BigInt(vector.proofObject.subjectPosition) ^ 1n);
  });
});
