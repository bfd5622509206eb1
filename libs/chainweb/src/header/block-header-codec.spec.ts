import fc from 'fast-check';
import { ALL_HEADER_RECORDS, mainnetValidationCases } from '../../test/header-fixtures';
import { b64 } from '../../test/vectors';
import { ChainwebError } from '../errors';
import type { BlockHeader } from './block-header';
import {
  blockHeaderLength,
  decodeBlockHeader,
  decodeBlockHeaderBase64Url,
  encodeBlockHeader,
  encodeBlockHeaderBase64Url,
  encodeBlockHeaderWithoutHash,
} from './block-header-codec';
import { u256FromLe } from './uint256';

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

describe('block header binary codec', () => {
  it('covers 6 × 5 linked mainnet headers, 20 testnet04 headers, h25 and 40 genesis headers', () => {
    expect(ALL_HEADER_RECORDS).toHaveLength(30 + 20 + 1 + 40);
  });

  it.each(ALL_HEADER_RECORDS)(
    '%s decodes to its recorded fields and re-encodes byte-identically',
    (_label, record) => {
      const bytes = b64(record.binaryB64url);
      expect(bytes.length).toBe(record.binaryLength);
      const header = decodeBlockHeader(bytes);
      const d = record.decoded;
      expect(header.featureFlags).toBe(BigInt(d.featureFlags));
      expect(header.creationTime).toBe(BigInt(d.creationTime));
      expect(header.parent.toString('base64url')).toBe(d.parent);
      expect(header.adjacents.map((a) => [String(a.chainId), a.hash.toString('base64url')])).toEqual(
        Object.entries(d.adjacents).sort(([a], [b]) => Number(a) - Number(b)),
      );
      expect(header.target.toString('base64url')).toBe(d.target);
      expect(u256FromLe(header.target)).toBe(BigInt(d.targetHexBE));
      expect(header.payloadHash.toString('base64url')).toBe(d.payloadHash);
      expect(header.chainId).toBe(d.chainId);
      expect(u256FromLe(header.weight)).toBe(BigInt(d.weightDecimal));
      expect(header.height).toBe(d.height);
      expect(header.versionCode).toBe(d.chainwebVersionCode);
      expect(header.epochStart).toBe(BigInt(d.epochStart));
      expect(header.nonce).toBe(BigInt(d.nonce));
      expect(header.hash.toString('base64url')).toBe(record.hash);

      expect(encodeBlockHeader(header).equals(bytes)).toBe(true);
      expect(encodeBlockHeaderWithoutHash(header).equals(bytes.subarray(0, bytes.length - 32))).toBe(true);
      expect(encodeBlockHeaderBase64Url(header)).toBe(record.binaryB64url);
      expect(decodeBlockHeaderBase64Url(record.binaryB64url)).toEqual(header);
    },
  );

  const sample = decodeBlockHeader(
    b64((mainnetValidationCases[0] as (typeof mainnetValidationCases)[0]).header.binaryB64url),
  );
  const sampleBytes = encodeBlockHeader(sample);

  it('decodes any adjacent count, including none and many', () => {
    for (const count of [0, 1, 2, 5, 19]) {
      const header: BlockHeader = {
        ...sample,
        adjacents: Array.from({ length: count }, (_, i) => ({
          chainId: i * 3 + 1,
          hash: Buffer.alloc(32, i + 1),
        })),
      };
      const bytes = encodeBlockHeader(header);
      expect(bytes.length).toBe(blockHeaderLength(count));
      expect(decodeBlockHeader(bytes)).toEqual(header);
    }
  });

  it('round-trips arbitrary headers (property)', () => {
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));
    const arbitraryHeader = fc.record({
      featureFlags: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      creationTime: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      parent: hash,
      adjacents: fc
        .uniqueArray(fc.nat(0xffffffff), { maxLength: 8 })
        .chain((ids) =>
          fc.tuple(...ids.sort((a, b) => a - b).map((chainId) => hash.map((h) => ({ chainId, hash: h })))),
        ),
      target: hash,
      payloadHash: hash,
      chainId: fc.nat(0xffffffff),
      weight: hash,
      height: fc.maxSafeNat(),
      versionCode: fc.nat(0xffffffff),
      epochStart: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      nonce: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      hash,
    });
    fc.assert(
      fc.property(arbitraryHeader, (header) => {
        expect(decodeBlockHeader(encodeBlockHeader(header))).toEqual(header);
      }),
      { numRuns: 200 },
    );
  });

  it('never fails on arbitrary bytes with anything but a ChainwebError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.nat(0xffff), (bytes, count) => {
        const buf = Buffer.from(bytes);
        if (buf.length >= 50 && count % 2 === 0)
          buf.writeUInt16LE(Math.floor((buf.length - 210) / 36) & 0xffff, 48);
        try {
          const header = decodeBlockHeader(buf);
          expect(encodeBlockHeader(header).equals(buf)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ChainwebError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects truncated and over-long input with bad_length', () => {
    expectCode(() => decodeBlockHeader(sampleBytes.subarray(0, 40)), 'bad_length');
    expectCode(() => decodeBlockHeader(sampleBytes.subarray(0, sampleBytes.length - 1)), 'bad_length');
    expectCode(() => decodeBlockHeader(Buffer.concat([sampleBytes, Buffer.alloc(1)])), 'bad_length');
    const wrongCount = Buffer.from(sampleBytes);
    wrongCount.writeUInt16LE(4, 48);
    expectCode(() => decodeBlockHeader(wrongCount), 'bad_length');
    expectCode(() => decodeBlockHeader(Buffer.alloc(0)), 'bad_length');
  });

  it('rejects unsorted and duplicate adjacents with bad_encoding', () => {
    const unsorted = Buffer.from(sampleBytes);
    unsorted.writeUInt32LE(9, 50); // first adjacent chain 2 → 9, above the second (6)
    expectCode(() => decodeBlockHeader(unsorted), 'bad_encoding');
    const duplicate = Buffer.from(sampleBytes);
    duplicate.writeUInt32LE(6, 50); // first adjacent chain 2 → 6, equal to the second
    expectCode(() => decodeBlockHeader(duplicate), 'bad_encoding');
    expectCode(
      () => encodeBlockHeader({ ...sample, adjacents: [...sample.adjacents].reverse() }),
      'invalid_input',
    );
  });

  it('rejects heights beyond 2^53 and malformed header objects', () => {
    const tall = Buffer.from(sampleBytes);
    tall.writeBigUInt64LE(2n ** 60n, 50 + 3 * 36 + 100);
    expectCode(() => decodeBlockHeader(tall), 'bad_encoding');
    expectCode(() => decodeBlockHeader('AAAA' as unknown as Uint8Array), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, parent: Buffer.alloc(31) }), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, nonce: -1n }), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, featureFlags: 2n ** 64n }), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, height: 1.5 }), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, chainId: -1 }), 'invalid_input');
    expectCode(() => encodeBlockHeader({ ...sample, creationTime: 5 as unknown as bigint }), 'invalid_input');
  });

  it('rejects non-canonical and non-base64url text with bad_encoding', () => {
    const text = encodeBlockHeaderBase64Url(sample);
    // Header lengths (210 + 36·N) are multiples of 3: their base64url never carries padding.
    expectCode(() => decodeBlockHeaderBase64Url(`${text}==`), 'bad_encoding');
    expectCode(() => decodeBlockHeaderBase64Url(text.replace(/-/g, '+')), 'bad_encoding');
    // 317 bytes end in a character with 2 unused bits: setting one is non-canonical.
    const short = sampleBytes.subarray(0, 317).toString('base64url');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical =
      short.slice(0, -1) + alphabet[alphabet.indexOf(short[short.length - 1] as string) + 1];
    expectCode(() => decodeBlockHeaderBase64Url(nonCanonical), 'bad_encoding');
    expectCode(() => decodeBlockHeaderBase64Url(short), 'bad_length');
    expectCode(() => decodeBlockHeaderBase64Url(`${text} `), 'bad_encoding');
    expectCode(() => decodeBlockHeaderBase64Url(text.slice(0, -4)), 'bad_length');
  });
});
