import {
  mainnetValidationCases,
  type MainnetValidationCase,
  recordBytes,
  testnetInvalidCases,
} from '../../test/header-fixtures';
import { b64 } from '../../test/vectors';
import { ChainwebError } from '../errors';
import {
  chainwebVersion,
  defineChainwebVersion,
  DEVELOPMENT,
  MAINNET01,
  PETERSEN_GRAPH,
  RECAP_DEVELOPMENT,
  TESTNET04,
} from '../version';
import type { BlockHeader } from './block-header';
import { decodeBlockHeader } from './block-header-codec';
import { computeBlockHash, genesisParentBlockHash } from './block-header-merkle';
import {
  type HeaderFailure,
  type HeaderValidationContext,
  validateBlockHeader,
} from './block-header-validation';
import { expectedTarget, targetNeedsAdjacentParents } from './difficulty-adjustment';
import { genesisBlockHeader } from './genesis-header';
import { u256FromLe, u256ToLe } from './uint256';

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

const sorted = (failures: readonly string[]): string[] => [...failures].sort();
const NOW = BigInt(Date.now()) * 1000n;
const SECOND = 1_000_000n;
const HOUR = 3_600n * SECOND;

interface Web {
  header: BlockHeader;
  parent: BlockHeader;
  adjacentParents: BlockHeader[];
}

function webOf(tc: MainnetValidationCase): Web {
  return {
    header: decodeBlockHeader(recordBytes(tc.header)),
    parent: decodeBlockHeader(recordBytes(tc.parent)),
    adjacentParents: tc.adjacentParents.map((a) => decodeBlockHeader(recordBytes(a))),
  };
}

function validate(web: Web, extra: HeaderValidationContext = {}) {
  return validateBlockHeader(web.header, {
    parent: web.parent,
    adjacentParents: web.adjacentParents,
    now: NOW,
    ...extra,
  });
}

/** Flips bit 0 of a 32-byte little-endian word (chainweb's messWords … complementBit 0). */
const flipBit0 = (bytes: Buffer): Buffer => {
  const out = Buffer.from(bytes);
  out[0] = (out[0] as number) ^ 1;
  return out;
};

describe('header validation against the real mainnet test cases', () => {
  it.each(mainnetValidationCases.map((tc) => [tc.testCase, tc.comment, tc] as const))(
    'case %i (%s) is valid with its parent and adjacent parents',
    (_n, _comment, tc) => {
      const result = validate(webOf(tc));
      expect(result).toEqual({ valid: true, failures: [], unchecked: [] });
    },
  );

  it('checks intrinsic properties alone when no parent is given, and says what it skipped', () => {
    const { header } = webOf(mainnetValidationCases[2] as MainnetValidationCase);
    const result = validateBlockHeader(header);
    expect(result.valid).toBe(true);
    expect(sorted(result.unchecked)).toEqual(
      sorted([
        'BlockInTheFuture',
        'IncorrectHeight',
        'VersionMismatch',
        'IncorrectWeight',
        'ChainMismatch',
        'IncorrectEpoch',
        'IncorrectTarget',
        'CreatedBeforeParent',
        'AdjacentParentChainMismatch',
        'InvalidAdjacentVersion',
      ]),
    );
    expect(validateBlockHeader(header, MAINNET01).valid).toBe(true);
  });

  it('case 23 opens an epoch under the new DA: its target is the average over the parent and adjacent parents', () => {
    const web = webOf(mainnetValidationCases[3] as MainnetValidationCase);
    expect(targetNeedsAdjacentParents(MAINNET01, web.parent, web.header.creationTime)).toBe(true);
    expect(expectedTarget(MAINNET01, web.parent, web.adjacentParents, web.header.creationTime)).toBe(
      u256FromLe(web.header.target),
    );
    expect(
      expectedTarget(MAINNET01, web.parent, web.adjacentParents.slice(1), web.header.creationTime),
    ).not.toBe(u256FromLe(web.header.target));
    const withoutAdjacents = validate(web, { adjacentParents: undefined });
    expect(withoutAdjacents.valid).toBe(true);
    expect(sorted(withoutAdjacents.unchecked)).toEqual(
      sorted([
        'IncorrectTarget',
        'CreatedBeforeParent',
        'AdjacentParentChainMismatch',
        'InvalidAdjacentVersion',
      ]),
    );
  });

  it('reports a missing adjacent parent or an unlinked parent alone, as chainweb-node does', () => {
    const web = webOf(mainnetValidationCases[0] as MainnetValidationCase);
    expect(validate(web, { adjacentParents: web.adjacentParents.slice(1) }).failures).toEqual([
      'MissingAdjacentParent',
    ]);
    const other = webOf(mainnetValidationCases[1] as MainnetValidationCase);
    const unlinked = validate({ ...web, parent: other.parent });
    expect(unlinked.failures).toEqual(['MissingParent']);
    expect(unlinked.unchecked).toContain('IncorrectHash');
  });
});

describe('header validation against headers_testnet04_invalid_cases.json', () => {
  it.each(testnetInvalidCases.map((c, i) => [i, c.expectedValidationErrors.join(', '), c] as const))(
    'case %i fails with exactly [%s]',
    (_i, _expected, c) => {
      const header = decodeBlockHeader(recordBytes(c.header));
      const parent = decodeBlockHeader(recordBytes(c.parent));
      // chainweb 1.x, which produced these expectations, checked against whatever parent it was given.
      const result = validateBlockHeader(header, { parent, requireLinkedParent: false, now: NOW });
      expect(sorted(result.failures)).toEqual(sorted(c.expectedValidationErrors));
      expect(result.failures.includes('IncorrectHash')).toBe(!c.header.hashMatches);
      expect(result.valid).toBe(false);
    },
  );

  it('case 2 validates a header against itself: by default that parent is not its parent', () => {
    const c = testnetInvalidCases[2] as (typeof testnetInvalidCases)[0];
    const header = decodeBlockHeader(recordBytes(c.header));
    expect(
      validateBlockHeader(header, { parent: decodeBlockHeader(recordBytes(c.parent)) }).failures,
    ).toEqual(['MissingParent']);
  });
});

/*
 * The header-validation unit tests of chainweb-node ≤ 2.32 (test/unit/Chainweb/Test/BlockHeader/
 * Validation.hs at 4aedec3bb^, `validationFailures`): mutations of mainnet test case 20 (height
 * 318266), each with the failures chainweb expects.
 */
describe('chainweb-node validationFailures (mutations of mainnet case 20)', () => {
  const base = webOf(mainnetValidationCases[0] as MainnetValidationCase);
  const h = (patch: Partial<BlockHeader>): Web => ({ ...base, header: { ...base.header, ...patch } });
  const badFlags = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]).readBigUInt64LE();
  const cases: Array<[string, Web, HeaderFailure[]]> = [
    [
      'creation time at the end of time',
      h({ creationTime: 2n ** 63n - 1n }),
      ['IncorrectHash', 'IncorrectPow', 'BlockInTheFuture'],
    ],
    [
      'creation time + 1 s',
      h({ creationTime: base.header.creationTime + SECOND }),
      ['IncorrectHash', 'IncorrectPow'],
    ],
    ['null hash', h({ hash: Buffer.alloc(32) }), ['IncorrectHash']],
    [
      'created with its parent',
      h({ creationTime: base.parent.creationTime }),
      ['IncorrectHash', 'IncorrectPow', 'CreatedBeforeParent'],
    ],
    ['hash bit flipped', h({ hash: flipBit0(base.header.hash) }), ['IncorrectHash']],
    [
      'target bit flipped',
      h({ target: flipBit0(base.header.target) }),
      ['IncorrectHash', 'IncorrectPow', 'IncorrectTarget'],
    ],
    [
      'parent height 318359',
      { ...base, parent: { ...base.parent, height: 318359 } },
      ['IncorrectHeight', 'IncorrectEpoch', 'IncorrectTarget'],
    ],
    ['parent hash bit flipped', h({ parent: flipBit0(base.header.parent) }), ['MissingParent']],
    [
      'payload hash bit flipped',
      h({ payloadHash: flipBit0(base.header.payloadHash) }),
      ['IncorrectHash', 'IncorrectPow'],
    ],
    [
      'epoch start + 1 s',
      h({ epochStart: base.header.epochStart + SECOND }),
      ['IncorrectHash', 'IncorrectPow', 'IncorrectEpoch'],
    ],
    [
      'chain id 1',
      h({ chainId: 1 }),
      ['IncorrectHash', 'IncorrectPow', 'ChainMismatch', 'AdjacentChainMismatch'],
    ],
    [
      'version recap-development',
      h({ versionCode: RECAP_DEVELOPMENT.code }),
      [
        'IncorrectHash',
        'IncorrectPow',
        'VersionMismatch',
        'InvalidFeatureFlags',
        'CreatedBeforeParent',
        'AdjacentChainMismatch',
        'InvalidAdjacentVersion',
      ],
    ],
    ['weight 10', h({ weight: u256ToLe(10n) }), ['IncorrectHash', 'IncorrectPow', 'IncorrectWeight']],
    [
      'weight + 1',
      h({ weight: u256ToLe(u256FromLe(base.header.weight) + 1n) }),
      ['IncorrectHash', 'IncorrectPow', 'IncorrectWeight'],
    ],
    ['height 10', h({ height: 10 }), ['IncorrectHash', 'IncorrectPow', 'IncorrectHeight']],
    [
      'height + 1',
      h({ height: base.header.height + 1 }),
      ['IncorrectHash', 'IncorrectPow', 'IncorrectHeight'],
    ],
    ['nonce 0', h({ nonce: 0n }), ['IncorrectHash', 'IncorrectPow']],
    ['nonce + 1', h({ nonce: base.header.nonce + 1n }), ['IncorrectHash', 'IncorrectPow']],
    [
      'bad flags below 530,500',
      h({ featureFlags: badFlags, height: 530499 }),
      ['IncorrectHash', 'IncorrectPow', 'IncorrectHeight'],
    ],
    [
      'bad flags at 530,500',
      h({ featureFlags: badFlags, height: 530500 }),
      ['IncorrectHash', 'IncorrectPow', 'InvalidFeatureFlags', 'IncorrectHeight'],
    ],
    ['no adjacents', h({ adjacents: [] }), ['IncorrectHash', 'IncorrectPow', 'AdjacentChainMismatch']],
    [
      'adjacent parents of recap-development',
      {
        ...base,
        adjacentParents: base.adjacentParents.map((a) => ({ ...a, versionCode: RECAP_DEVELOPMENT.code })),
      },
      ['InvalidAdjacentVersion'],
    ],
    [
      'first adjacent parent on chain 0',
      { ...base, adjacentParents: base.adjacentParents.map((a, i) => (i === 0 ? { ...a, chainId: 0 } : a)) },
      ['AdjacentParentChainMismatch'],
    ],
  ];

  it.each(cases)('%s', (_label, web, expected) => {
    expect(sorted(validate(web).failures)).toEqual(sorted(expected));
  });
});

/*
 * chainweb-node's `daValidation` (same file): case 20 moved to recap-development height 600,000, an
 * epoch end under the new DA, with the parent and adjacent parents' times rewritten.
 */
describe('chainweb-node daValidation (new difficulty adjustment)', () => {
  const original = webOf(mainnetValidationCases[0] as MainnetValidationCase);
  const recap = RECAP_DEVELOPMENT.code;
  const pT = u256FromLe(original.parent.target);
  const base: Web = {
    header: {
      ...original.header,
      versionCode: recap,
      featureFlags: 0n,
      height: 600_000,
      epochStart: HOUR,
      target: original.parent.target,
      creationTime: 2n * HOUR,
    },
    parent: { ...original.parent, versionCode: recap, creationTime: HOUR, epochStart: 0n, height: 599_999 },
    adjacentParents: original.adjacentParents.map((a) => ({
      ...a,
      versionCode: recap,
      creationTime: HOUR,
      target: original.parent.target,
      epochStart: 0n,
    })),
  };
  const expected: HeaderFailure[] = ['IncorrectHash', 'IncorrectPow', 'AdjacentChainMismatch'];
  const withTimes = (
    parentTime: bigint,
    adjacentTime: bigint | undefined,
    header: Partial<BlockHeader>,
  ): Web => ({
    header: { ...base.header, ...header },
    parent: { ...base.parent, creationTime: parentTime },
    adjacentParents:
      adjacentTime === undefined
        ? base.adjacentParents
        : base.adjacentParents.map((a) => ({ ...a, creationTime: adjacentTime })),
  });
  const halfHour = HOUR / 2n;
  const cases: Array<[string, Web, HeaderFailure[]]> = [
    ['correct epoch transition', base, expected],
    [
      'wrong epoch start',
      { ...base, header: { ...base.header, epochStart: HOUR + SECOND } },
      ['IncorrectEpoch', ...expected],
    ],
    [
      'target doubled after a slow epoch',
      withTimes(2n * HOUR, 2n * HOUR, {
        epochStart: 2n * HOUR,
        target: u256ToLe(pT * 2n),
        creationTime: 3n * HOUR,
      }),
      ['IncorrectWeight', ...expected],
    ],
    [
      'target halved after a fast epoch',
      withTimes(halfHour, halfHour, {
        epochStart: halfHour,
        target: u256ToLe((pT + 1n) / 2n),
        creationTime: 3n * HOUR,
      }),
      ['IncorrectWeight', ...expected],
    ],
    [
      'target kept although the parent chain was fast',
      withTimes(halfHour, undefined, { epochStart: halfHour, target: u256ToLe(pT), creationTime: 3n * HOUR }),
      ['IncorrectTarget', ...expected],
    ],
    [
      'target doubled although the parent chain was fast',
      withTimes(halfHour, undefined, {
        epochStart: halfHour,
        target: u256ToLe(pT * 2n),
        creationTime: 3n * HOUR,
      }),
      ['IncorrectWeight', 'IncorrectTarget', ...expected],
    ],
  ];

  it.each(cases)('%s', (_label, web, failures) => {
    expect(sorted(validate(web).failures)).toEqual(sorted(failures));
  });
});

/*
 * chainweb-node's `legacyDaValidation` (same file): real mainnet chain 0 headers around height
 * 600,000, an epoch end under the legacy DA, copied from that test.
 */
const LEGACY_DA = {
  header:
    'AAAAAAAAAAA_z6O3cKYFALWkfYX5u1mHlFtc6m2WzkGyfpxOiulPgdj213nd8hNCAwACAAAAKNL9BjFylWotmGlC3rla-zHjLWZCDGG47may6L1ae9kDAAAA7_-rMA7UiQz_XeraRer-t8P2e_8-Re9HI1RaWMmAyQAFAAAArdgCPhV4s40pYFtd33MfIvT_aNmSQC8BAl7Kszbi_m3ompSQKQSQuVbBqJHsmwTQvJlyxtaXrHyzZAAAAAAAAOtnvFu0Pe4bQU_3jXijQkKuxRQkwpmROWLrEcU4EmB3AAAAAP4UmaUADZnXBwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwCcJAAAAAAAFAAAAomkWtXCmBQABfTg_apMwAEiTnEtTDSfsw05RrfAUyla41lBEhgeIvc01oE_HRwWw',
  parent:
    'AAAAAAAAAACiaRa1cKYFAFmK5kokRr2Fr1ThRJgyGZMDeYdjtR39rDLQCJTCCRLAAwACAAAAqop56-rmaZlP3cJ8ovBMFh0b13YKJKusxDQ6e-rY5qYDAAAA6OdCZnblItB_EHfWRU8HoVTTa8JCG3bcsfHqSCPuLXkFAAAAiSc1iYB55Z_WBNNNbXbBYxorn4UE5e9To3pkGAyFVg1nyi1HTRbA2OW66_x5xU7Jgj8tiqTiDb5WZAAAAAAAAPoy4IlkdUrT13QLpkmjs-O_Tfcdin9_XxN5p5QYNzDzAAAAAC6_SZU0gpbXBwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAvycJAAAAAAAFAAAAim-83W-mBQAQDFzNxfwJALWkfYX5u1mHlFtc6m2WzkGyfpxOiulPgdj213nd8hNC',
  adjacent0:
    'AAAAAAAAAADGdEe1cKYFAIknNYmAeeWf1gTTTW12wWMaK5-FBOXvU6N6ZBgMhVYNAwAAAAAAWYrmSiRGvYWvVOFEmDIZkwN5h2O1Hf2sMtAIlMIJEsAGAAAAoMmMNHSLx2wpeeJn8lXRAQZub-WogHiPaGYjgy0qIiYJAAAAWxaxAJCLTuupkbNvOep8LDFEGk-6m6w9C-BSUX3aMztULiyLjgVYj-tJ3mh0jTliCJ8-ae90BDymawAAAAAAAL2hV48ZKfa-SbrWH9tHcDW9Oj70qbf2d1LPyqhX13K0BQAAACvhOnkx9qxiBwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAvycJAAAAAAAFAAAA2_xh3G-mBQAAVugAKTcyAK3YAj4VeLONKWBbXd9zHyL0_2jZkkAvAQJeyrM24v5t',
  adjacent1:
    'AAAAAAAAAAB9T2i0cKYFAKqKeevq5mmZT93CfKLwTBYdG9d2CiSrrMQ0Onvq2OamAwAAAAAAWYrmSiRGvYWvVOFEmDIZkwN5h2O1Hf2sMtAIlMIJEsAEAAAAh7BgJ4wxjG-OKGOgKPajOT5ywh1l29syB19A9B-mdbsHAAAAKZlUzTfZQBCLI5MTAWzW0mvOORYiQ_btd49N3CWomCBUJiHnZBlRe74hC19btnFxBdWan7D-C04UYgAAAAAAAIyzoodCtQ9Kdczg9pzXeqVPncAn6WgmscfupIb-n-bbAgAAAIiXRcBcsif7BwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAvycJAAAAAAAFAAAAUjDf3G-mBQADAeXeuu4hAyjS_QYxcpVqLZhpQt65Wvsx4y1mQgxhuO5msui9WnvZ',
  adjacent2:
    'AAAAAAAAAAAaeyy1cKYFAOjnQmZ25SLQfxB31kVPB6FU02vCQht23LHx6kgj7i15AwAAAAAAWYrmSiRGvYWvVOFEmDIZkwN5h2O1Hf2sMtAIlMIJEsABAAAAV6d6LbiVwJ28s-N5uMmVpXxGEA-CwWMBCgiH16XGZcQIAAAAYB68abZbinHjE2RW-F_imNz8YelXj5KRsKy0CoX3bJWPPdqLJ59WXprzBoRWm317ioRu1dW-vP9ZYgAAAAAAAI5y7btLk5ykQLaB9x0OGNEvcScbtsagoPN2F7bgbx23AwAAAJ3kLThfYhvcBwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAvycJAAAAAAAFAAAAeMMA3G-mBQAJgYTO0ebsAO__qzAO1IkM_13q2kXq_rfD9nv_PkXvRyNUWljJgMkA',
};

describe('chainweb-node legacyDaValidation (legacy difficulty adjustment)', () => {
  const base: Web = {
    header: decodeBlockHeader(b64(LEGACY_DA.header)),
    parent: decodeBlockHeader(b64(LEGACY_DA.parent)),
    adjacentParents: [LEGACY_DA.adjacent0, LEGACY_DA.adjacent1, LEGACY_DA.adjacent2].map((t) =>
      decodeBlockHeader(b64(t)),
    ),
  };
  const cases: Array<[string, Web, HeaderFailure[]]> = [
    ['the real header', base, []],
    [
      'target + 1',
      { ...base, header: { ...base.header, target: u256ToLe(u256FromLe(base.header.target) + 1n) } },
      ['IncorrectHash', 'IncorrectPow', 'IncorrectWeight', 'IncorrectTarget'],
    ],
    [
      'parent epoch start at 1970',
      { ...base, parent: { ...base.parent, epochStart: 0n } },
      ['IncorrectTarget'],
    ],
    [
      'parent created in 1970',
      { ...base, parent: { ...base.parent, creationTime: 0n } },
      ['IncorrectTarget', 'IncorrectEpoch'],
    ],
  ];

  it.each(cases)('%s', (_label, web, failures) => {
    expect(sorted(validate(web).failures)).toEqual(sorted(failures));
  });

  it('the real header really adjusts its target at this epoch end', () => {
    expect(base.header.height % 120).toBe(0);
    expect(base.header.target.equals(base.parent.target)).toBe(false);
  });
});

describe('genesis headers and versions', () => {
  it.each(['mainnet01', 'testnet04', 'development', 'recap-development'])(
    'every %s genesis header is valid alone',
    (name) => {
      const version = chainwebVersion(name);
      for (const chainId of version.chainIds) {
        const header = genesisBlockHeader(version, chainId);
        expect(validateBlockHeader(header, { version, now: NOW })).toEqual({
          valid: true,
          failures: [],
          unchecked: [],
        });
      }
    },
  );

  it('checks a genesis header against itself, whatever parent is passed', () => {
    const g = genesisBlockHeader(TESTNET04, 4);
    const other = decodeBlockHeader(
      recordBytes((testnetInvalidCases[0] as (typeof testnetInvalidCases)[0]).parent),
    );
    expect(validateBlockHeader(g, { parent: other, adjacentParents: [], now: NOW }).failures).toEqual([]);
  });

  it('flags a genesis header with the wrong target or parent, and a non-genesis header with a genesis parent', () => {
    const g = genesisBlockHeader(MAINNET01, 12);
    const wrongTarget = { ...g, target: u256ToLe(2n ** 255n) };
    expect(
      sorted(validateBlockHeader({ ...wrongTarget, hash: computeBlockHash(wrongTarget) }).failures),
    ).toEqual(['IncorrectGenesisTarget']);
    const wrongParent = { ...g, parent: genesisParentBlockHash(MAINNET01.code, 13) };
    expect(validateBlockHeader({ ...wrongParent, hash: computeBlockHash(wrongParent) }).failures).toEqual([
      'IncorrectGenesisParent',
    ]);
    const wrongAdjacent = {
      ...g,
      adjacents: g.adjacents.map((a, i) => (i === 0 ? { ...a, hash: Buffer.alloc(32) } : a)),
    };
    expect(validateBlockHeader({ ...wrongAdjacent, hash: computeBlockHash(wrongAdjacent) }).failures).toEqual(
      ['AdjacentParentChainMismatch'],
    );
    const web = webOf(mainnetValidationCases[1] as MainnetValidationCase);
    const orphan = { ...web.header, parent: genesisParentBlockHash(MAINNET01.code, web.header.chainId) };
    expect(validateBlockHeader(orphan).failures).toEqual([
      'IncorrectHash',
      'IncorrectPow',
      'IncorrectGenesisParent',
    ]);
  });

  it('development does not check proof of work', () => {
    const g = genesisBlockHeader(DEVELOPMENT, 0);
    const child: BlockHeader = {
      ...g,
      parent: g.hash,
      height: 1,
      creationTime: g.creationTime + 30n * SECOND,
      weight: u256ToLe(2n ** 256n / u256FromLe(g.target)),
      nonce: 1n,
      hash: Buffer.alloc(32),
    };
    const sealed = { ...child, hash: computeBlockHash(child) };
    const result = validateBlockHeader(sealed, { parent: g, now: NOW });
    expect(result.failures).toEqual([]);
  });

  it('judges a header by its own version and reports a mismatch with the expected one', () => {
    const web = webOf(mainnetValidationCases[0] as MainnetValidationCase);
    expect(validateBlockHeader(web.header, TESTNET04).failures).toEqual(['VersionMismatch']);
    const custom = defineChainwebVersion({
      name: 'devnet10',
      code: 77,
      graphHistory: [{ height: 0, graph: PETERSEN_GRAPH }],
    });
    expectCode(() => validateBlockHeader({ ...web.header, versionCode: 77 }), 'unknown_version');
    expect(validateBlockHeader({ ...web.header, versionCode: 77 }, custom).failures).toContain(
      'IncorrectHash',
    );
    expect(validateBlockHeader({ ...web.header, chainId: 25 }).failures).toEqual([
      'IncorrectHash',
      'IncorrectPow',
      'UnknownChainId',
    ]);
    // Chain 12 exists on mainnet, but only from height 852,054: before that no graph braids it.
    expect(validateBlockHeader({ ...web.header, chainId: 12 }).failures).toEqual([
      'IncorrectHash',
      'IncorrectPow',
      'AdjacentChainMismatch',
    ]);
  });

  it('rejects malformed input with typed errors', () => {
    const web = webOf(mainnetValidationCases[0] as MainnetValidationCase);
    expectCode(() => validateBlockHeader({ ...web.header, hash: Buffer.alloc(3) }), 'invalid_input');
    expectCode(
      () => validateBlockHeader(web.header, { parent: { ...web.parent, height: -1 } }),
      'invalid_input',
    );
    expectCode(() => validateBlockHeader(web.header, { now: 5 as unknown as bigint }), 'invalid_input');
    expectCode(
      () => validateBlockHeader(web.header, { adjacentParents: {} as unknown as BlockHeader[] }),
      'invalid_input',
    );
  });
});
