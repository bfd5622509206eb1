import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { refLeaf, refRoot } from '../../test/reference-merkle';
import { ChainwebError } from '../errors';
import { MerkleTag } from '../merkle/merkle-tags';
import { buildEventBatch } from './event-batch';
import {
  decodeEventLeaf,
  encodeEventLeaf,
  EVENT_DIGEST_ALGORITHMS,
  EventLeafEncoder,
  eventLeafHash,
  type EventDigestAlgorithm,
  type EventRef,
} from './event-leaf';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Pinned vectors of leaf encoding version 1. Computed once with this implementation (2026-11-25)
 * and checked by hand against the layout in README.md "Event batches"; the leaf hash is
 * SHA-512/256(0x00 ‖ entry). Any change here is a breaking change of every issued proof.
 */
const VECTORS: Array<{ name: string; event: EventRef; entry: string; leafHash: string }> = [
  {
    name: 'tenant-a / orders / sha256 / index 0',
    event: {
      tenantId: 'tenant-a',
      namespace: 'orders',
      digestAlgorithm: 'sha256',
      index: 0,
      digest: sha256('event-0'),
    },
    entry:
      '53434556' +
      '01' +
      '0006' +
      hex(Buffer.from('sha256')) +
      '0008' +
      hex(Buffer.from('tenant-a')) +
      '0006' +
      hex(Buffer.from('orders')) +
      '0000000000000000' +
      '0020' +
      '23352a67ac7ffc4b5d98023dc1a54ee507d4bf95dc1c4154045c5e2bbde73317',
    leafHash: '461e81ac5d890874aa509401cea2ddb163c35b525c1c641c208f1307b5179a4a',
  },
  {
    name: 'same event, other tenant',
    event: {
      tenantId: 'tenant-b',
      namespace: 'orders',
      digestAlgorithm: 'sha256',
      index: 0,
      digest: sha256('event-0'),
    },
    entry:
      '53434556010006736861323536000874656e616e742d6200066f72646572730000000000000000002023352a67ac7ffc4b5d98023dc1a54ee507d4bf95dc1c4154045c5e2bbde73317',
    leafHash: '15157c30b73498f6c290cb03575775787303f6678047453b9dd37b57e38b4a51',
  },
  {
    name: 'same event, other index',
    event: {
      tenantId: 'tenant-a',
      namespace: 'orders',
      digestAlgorithm: 'sha256',
      index: 1,
      digest: sha256('event-0'),
    },
    entry:
      '53434556010006736861323536000874656e616e742d6100066f72646572730000000000000001002023352a67ac7ffc4b5d98023dc1a54ee507d4bf95dc1c4154045c5e2bbde73317',
    leafHash: '33aadf952015a332c1625913bd47b626f8e45ee11fda90a16e6ab39c800c8d4f',
  },
  {
    name: 'empty namespace, blake2b-256, largest index',
    event: {
      tenantId: 'tenant-a',
      namespace: '',
      digestAlgorithm: 'blake2b-256',
      index: 2 ** 32 - 1,
      digest: Buffer.alloc(32, 0xff),
    },
    entry:
      '5343455601000b626c616b6532622d323536000874656e616e742d61000000000000ffffffff0020ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    leafHash: '8006c3ce939293fe2ba43b9de97c13342833f615481e2da37d46974bb3ba5531',
  },
  {
    name: 'non-ASCII tenant and namespace (UTF-8, not normalised), sha512',
    event: {
      tenantId: 'ténant-ü✓',
      namespace: '日本',
      digestAlgorithm: 'sha512',
      index: 1,
      digest: Buffer.from(Array.from({ length: 64 }, (_, i) => i)),
    },
    entry:
      '53434556010006736861353132000d74c3a96e616e742dc3bce29c930006e697a5e69cac00000000000000010040' +
      '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f',
    leafHash: '97953f49d820289526e239d18530e2e1dd8ff925cedfae92bfea3a24b0987c17',
  },
];

describe('event leaf encoding v1', () => {
  it.each(VECTORS)('pinned vector: $name', ({ event, entry, leafHash }) => {
    expect(hex(encodeEventLeaf(event))).toBe(entry);
    expect(hex(eventLeafHash(event))).toBe(leafHash);
    // Independent hashing path: the naive reference leaf H(0x00 ‖ entry).
    expect(hex(refLeaf(Buffer.from(entry, 'hex')))).toBe(leafHash);
    expect(decodeEventLeaf(Buffer.from(entry, 'hex'))).toEqual(event);
  });

  it('pinned batch root: 5 events sha256("event-i") of tenant-a/orders', () => {
    const scope = { tenantId: 'tenant-a', namespace: 'orders', digestAlgorithm: 'sha256' as const };
    const digests = [0, 1, 2, 3, 4].map((i) => sha256(`event-${i}`));
    const batch = buildEventBatch({ ...scope, digests });
    expect(hex(batch.root)).toBe('9931ac0a6066dced1421e72223deb8969a8752cfc61704d54ee2b31c813e8ee7');
    expect(hex(batch.inclusionProof(4).encode())).toBe(
      '00000001' +
        '0000000000000004' +
        '00' +
        'f5b5d7da53f314d0ea981499ba00cddef791663f0dbff21364c573ace0d993b0',
    );
    const leaves = digests.map((digest, index) => refLeaf(encodeEventLeaf({ ...scope, index, digest })));
    expect(batch.root.equals(refRoot(leaves))).toBe(true);
  });

  it('starts with a prefix no Chainweb entry tag can take', () => {
    const entry = encodeEventLeaf(VECTORS[0]!.event);
    const firstTwo = entry.readUInt16BE(0);
    for (const tag of Object.values(MerkleTag)) expect(firstTwo).not.toBe(tag);
    // Every Chainweb tag has a zero high byte; ours is 0x53 ('S').
    expect(entry[0]).toBe(0x53);
  });

  it('is injective: distinct events give distinct entries (property)', () => {
    const algorithms = Object.keys(EVENT_DIGEST_ALGORITHMS) as EventDigestAlgorithm[];
    const event = fc
      .record({
        tenantId: fc.string({ minLength: 1, maxLength: 12 }),
        namespace: fc.string({ maxLength: 12 }),
        digestAlgorithm: fc.constantFrom(...algorithms),
        index: fc.nat({ max: 2 ** 32 - 1 }),
        seed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      })
      .filter((e) => !/[\uD800-\uDFFF]/.test(e.tenantId + e.namespace))
      .map(({ seed, ...e }): EventRef => ({
        ...e,
        digest: Buffer.from(seed.subarray(0, EVENT_DIGEST_ALGORITHMS[e.digestAlgorithm])),
      }));
    fc.assert(
      fc.property(event, event, (a, b) => {
        const same =
          a.tenantId === b.tenantId &&
          a.namespace === b.namespace &&
          a.digestAlgorithm === b.digestAlgorithm &&
          a.index === b.index &&
          a.digest.equals(b.digest);
        expect(encodeEventLeaf(a).equals(encodeEventLeaf(b))).toBe(same);
        expect(decodeEventLeaf(encodeEventLeaf(a))).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('moving a field boundary changes the entry (length prefixes)', () => {
    const digest = sha256('x');
    const a = encodeEventLeaf({
      tenantId: 'ab',
      namespace: 'c',
      digestAlgorithm: 'sha256',
      index: 0,
      digest,
    });
    const b = encodeEventLeaf({
      tenantId: 'a',
      namespace: 'bc',
      digestAlgorithm: 'sha256',
      index: 0,
      digest,
    });
    expect(a.equals(b)).toBe(false);
    expect(a.length).toBe(b.length);
  });

  const base: EventRef = {
    tenantId: 't',
    namespace: 'n',
    digestAlgorithm: 'sha256',
    index: 0,
    digest: Buffer.alloc(32),
  };
  it.each<[string, Partial<Record<keyof EventRef, unknown>>]>([
    ['empty tenant', { tenantId: '' }],
    ['tenant over 256 bytes', { tenantId: 'é'.repeat(129) }],
    ['lone surrogate in tenant', { tenantId: 'a\uD800b' }],
    ['lone surrogate in namespace', { namespace: '\uDC00' }],
    ['namespace over 256 bytes', { namespace: 'x'.repeat(257) }],
    ['non-string namespace', { namespace: 7 }],
    ['unknown algorithm', { digestAlgorithm: 'md5' }],
    ['digest of the wrong length', { digest: Buffer.alloc(31) }],
    ['digest not bytes', { digest: 'aa' }],
    ['negative index', { index: -1 }],
    ['fractional index', { index: 1.5 }],
    ['index of 2^32', { index: 2 ** 32 }],
  ])('rejects %s with invalid_input before hashing', (_name, change) => {
    const event = { ...base, ...change } as EventRef;
    expect(() => eventLeafHash(event)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('accepts the limits', () => {
    expect(() =>
      eventLeafHash({ ...base, tenantId: 'x'.repeat(256), namespace: 'y'.repeat(256) }),
    ).not.toThrow();
    expect(() => eventLeafHash({ ...base, tenantId: '😀' })).not.toThrow();
  });

  it('decodes only canonical entries', () => {
    const entry = encodeEventLeaf(VECTORS[0]!.event);
    const cases: Buffer[] = [
      entry.subarray(0, entry.length - 1),
      Buffer.concat([entry, Buffer.from([0])]),
      Buffer.concat([Buffer.from('SCEW'), entry.subarray(4)]),
      Buffer.concat([entry.subarray(0, 4), Buffer.from([2]), entry.subarray(5)]),
      Buffer.alloc(3),
    ];
    const badDigestLength = Buffer.from(entry);
    badDigestLength.writeUInt16BE(31, entry.length - 34);
    cases.push(Buffer.concat([badDigestLength.subarray(0, entry.length - 1)]));
    for (const bytes of cases) {
      expect(() => decodeEventLeaf(bytes)).toThrow(ChainwebError);
      expect(() => decodeEventLeaf(bytes)).toThrow(expect.objectContaining({ code: 'bad_encoding' }));
    }
  });

  it('the encoder reuses its buffer without leaking state between leaves', () => {
    const encoder = new EventLeafEncoder({
      tenantId: 'tenant-a',
      namespace: 'orders',
      digestAlgorithm: 'sha256',
    });
    const first = encoder.leafHash(0, sha256('event-0'));
    encoder.leafHash(7, sha256('other'));
    expect(hex(encoder.leafHash(0, sha256('event-0')))).toBe(hex(first));
    expect(hex(first)).toBe(VECTORS[0]!.leafHash);
  });
});
