import fc from 'fast-check';
import {
  ALL_HEADER_RECORDS,
  h25ChainwebApi,
  mainnetValidationCases,
  recordBytes,
  testnetInvalidCases,
} from '../../test/header-fixtures';
import { ChainwebError } from '../errors';
import { defineChainwebVersion, MAINNET01, PETERSEN_GRAPH } from '../version';
import type { BlockHeader } from './block-header';
import { decodeBlockHeader, encodeBlockHeader } from './block-header-codec';
import {
  blockHeaderFromObjectJson,
  blockHeaderToObjectJson,
  encodeBlockHeaderObjectJson,
} from './block-header-json';
import { computeBlockHash } from './block-header-merkle';
import { parseJsonWithBigInts } from './json-with-bigints';

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

const sample = decodeBlockHeader(
  recordBytes((mainnetValidationCases[0] as (typeof mainnetValidationCases)[0]).header),
);

describe('block header object JSON', () => {
  it.each(ALL_HEADER_RECORDS)(
    '%s round-trips through the object JSON (text and object)',
    (_label, record) => {
      const header = decodeBlockHeader(recordBytes(record));
      const name = record.decoded.chainwebVersion;
      const text = encodeBlockHeaderObjectJson(header, name);
      const fromText = blockHeaderFromObjectJson(text, { labels: 'current' });
      expect(encodeBlockHeader(fromText).equals(recordBytes(record))).toBe(true);
      const object = blockHeaderToObjectJson(header, name);
      expect(object.featureFlags.toString()).toBe(record.decoded.featureFlags);
      expect(object.nonce).toBe(record.decoded.nonce);
      if (typeof object.featureFlags === 'number') {
        expect(blockHeaderFromObjectJson(JSON.parse(JSON.stringify(object)), { labels: 'current' })).toEqual(
          header,
        );
      }
      expect(blockHeaderFromObjectJson(object, { labels: 'current' })).toEqual(header);
      // The default labelling agrees wherever the hash verifies.
      if (record.hashMatches) expect(blockHeaderFromObjectJson(text)).toEqual(header);
    },
  );

  it('round-trips arbitrary headers through the text form (property)', () => {
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));
    const header = fc.record({
      featureFlags: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      creationTime: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      parent: hash,
      adjacents: fc
        .uniqueArray(fc.nat(0xffffffff), { maxLength: 6 })
        .chain((ids) =>
          fc.tuple(...ids.sort((a, b) => a - b).map((chainId) => hash.map((h) => ({ chainId, hash: h })))),
        ),
      target: hash,
      payloadHash: hash,
      chainId: fc.nat(0xffffffff),
      weight: hash,
      height: fc.maxSafeNat(),
      versionCode: fc.constant(MAINNET01.code),
      epochStart: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      nonce: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      hash,
    });
    fc.assert(
      fc.property(header, (h) => {
        const text = encodeBlockHeaderObjectJson(h, MAINNET01);
        expect(blockHeaderFromObjectJson(text, { labels: 'current' })).toEqual(h);
        expect(blockHeaderFromObjectJson(parseJsonWithBigInts(text), { labels: 'current' })).toEqual(h);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the node key order and featureFlags beyond 2^53 as exact digits', () => {
    const header: BlockHeader = { ...sample, featureFlags: 13587439086007832832n };
    const text = encodeBlockHeaderObjectJson(header, 'mainnet01');
    expect(Object.keys(JSON.parse(text))).toEqual([
      'nonce',
      'creationTime',
      'parent',
      'adjacents',
      'target',
      'payloadHash',
      'chainId',
      'weight',
      'height',
      'chainwebVersion',
      'epochStart',
      'featureFlags',
      'hash',
    ]);
    expect(text).toContain('"featureFlags":13587439086007832832,');
    expect(blockHeaderToObjectJson(header, MAINNET01).featureFlags).toBe(13587439086007832832n);
    // A consumer that used JSON.parse has lost the low bits: refuse rather than mis-hash.
    expectCode(() => blockHeaderFromObjectJson(JSON.parse(text)), 'bad_encoding');
    expect(blockHeaderFromObjectJson(text, { labels: 'current' })).toEqual(header);
    // Times beyond 2^53 µs (only in corrupted headers) stay exact in the text form too.
    const far: BlockHeader = { ...header, creationTime: 2n ** 63n - 1n, epochStart: -(2n ** 63n) };
    expect(
      blockHeaderFromObjectJson(encodeBlockHeaderObjectJson(far, 'mainnet01'), { labels: 'current' }),
    ).toEqual(far);
    expect(() => blockHeaderToObjectJson(far, 'mainnet01')).toThrow(ChainwebError);
  });

  it('reads the 2019 layout of chainweb-api (nonce/featureFlags labels swapped) by its hash', () => {
    const json = h25ChainwebApi.objectJson;
    const expected = decodeBlockHeader(recordBytes(h25ChainwebApi.header));
    const header = blockHeaderFromObjectJson(json);
    expect(encodeBlockHeader(header).equals(recordBytes(h25ChainwebApi.header))).toBe(true);
    expect(header).toEqual(expected);
    expect(header.featureFlags).toBe(15652723681697760986n);
    expect(header.nonce).toBe(0n);
    expect(blockHeaderFromObjectJson(json, { labels: 'legacy' })).toEqual(expected);
    const asCurrent = blockHeaderFromObjectJson(json, { labels: 'current' });
    expect(computeBlockHash(asCurrent).equals(asCurrent.hash)).toBe(false);
  });

  it('auto labelling recognises a header written in the pre-2020 layout (testnet04 invalid case 7)', () => {
    const record = (testnetInvalidCases[7] as (typeof testnetInvalidCases)[0]).header;
    const header = decodeBlockHeader(recordBytes(record));
    expect(record.hashMatches).toBe(false);
    const text = encodeBlockHeaderObjectJson(header, 'testnet04');
    const auto = blockHeaderFromObjectJson(text);
    expect(computeBlockHash(auto).equals(auto.hash)).toBe(true);
    expect([auto.featureFlags, auto.nonce]).toEqual([header.nonce, header.featureFlags]);
  });

  it('writes adjacents in the HashMap order of current nodes', () => {
    const text = encodeBlockHeaderObjectJson(sample, 'mainnet01');
    const [six, two, eight] = ['"6":', '"2":', '"8":'].map((key) => text.indexOf(key));
    expect(
      (six as number) > 0 && (six as number) < (two as number) && (two as number) < (eight as number),
    ).toBe(true); // [9,0,6,4,1,2,3,5,8,7]
  });

  it('needs the version for a network name it does not know', () => {
    const devnet = defineChainwebVersion({
      name: 'devnet10',
      code: 5,
      graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }],
    });
    const text = encodeBlockHeaderObjectJson(sample, devnet);
    expectCode(() => blockHeaderFromObjectJson(text), 'unknown_version');
    expect(blockHeaderFromObjectJson(text, { version: devnet })).toEqual(sample);
    expectCode(
      () => blockHeaderFromObjectJson(encodeBlockHeaderObjectJson(sample, 'mainnet01'), { version: devnet }),
      'unknown_version',
    );
  });

  it('rejects malformed object JSON with typed errors', () => {
    const good = blockHeaderToObjectJson(sample, 'mainnet01');
    const bad = (patch: Record<string, unknown>) => ({ ...good, ...patch });
    expectCode(() => blockHeaderFromObjectJson(null), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson([]), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ parent: 'AAAA' })), 'bad_length');
    expectCode(() => blockHeaderFromObjectJson(bad({ parent: `+${good.parent.slice(1)}` })), 'bad_encoding');
    expect(blockHeaderFromObjectJson(bad({ parent: `${good.parent}=` })).parent).toEqual(sample.parent); // padded is accepted
    expectCode(() => blockHeaderFromObjectJson(bad({ nonce: '-1' })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ nonce: '18446744073709551616' })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ height: -1 })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ chainId: '0' })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ adjacents: { x: good.parent } })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ adjacents: [] })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ creationTime: 1.5 })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ chainwebVersion: undefined })), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson(bad({ chainwebVersion: 'mainnet02' })), 'unknown_version');
    expectCode(() => blockHeaderFromObjectJson('{"nonce": "1",}'), 'bad_encoding');
    expectCode(() => blockHeaderFromObjectJson('{"a":1,"a":2}'), 'bad_encoding');
  });
});

describe('JSON with big integers', () => {
  it('parses strict JSON, keeping integers beyond 2^53 exact', () => {
    expect(parseJsonWithBigInts('{"a":[1,-2,3.5,1e3,"x\\u0041",true,false,null],"b":{}}')).toEqual({
      a: [1, -2, 3.5, 1000, 'xA', true, false, null],
      b: {},
    });
    expect(parseJsonWithBigInts(' 18446744073709551615 ')).toBe(18446744073709551615n);
    expect(parseJsonWithBigInts('-9007199254740993')).toBe(-9007199254740993n);
    expect(parseJsonWithBigInts('9007199254740991')).toBe(9007199254740991);
    const proto = parseJsonWithBigInts('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it.each([
    '',
    '{',
    '[1,]',
    '01',
    '1.',
    '"\u0001"',
    'tru',
    '{"a" 1}',
    '[1] 2',
    "'a'",
    'NaN',
    '-',
    '['.repeat(100),
  ])('rejects %j with bad_encoding', (text) => expectCode(() => parseJsonWithBigInts(text), 'bad_encoding'));
});
