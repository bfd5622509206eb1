import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeBlockHash,
  decodeBlockHeaderBase64Url,
  encodeBlockHeaderBase64Url,
} from '@spv-cloud/chainweb';
import { runSpv } from './run-spv';
import { vectorJson } from './vectors';

interface HeaderRecord {
  binaryB64url: string;
  hash: string;
  computedHash: string;
  hashMatches: boolean;
  decoded: { chainId: number; height: number; payloadHash: string; parent: string };
}
interface PayloadWithOutputs {
  transactions: Array<[string, string]>;
  minerData: string;
  coinbase: string;
  transactionsHash: string;
  outputsHash: string;
  payloadHash: string;
}

const validation = vectorJson<{
  testCases: Array<{ header: HeaderRecord; parent: HeaderRecord; adjacentParents: HeaderRecord[] }>;
}>('headers_mainnet01_validation_tests.json');
const invalidCases = vectorJson<{
  cases: Array<{ header: HeaderRecord; expectedValidationErrors: string[] }>;
}>('headers_testnet04_invalid_cases.json');
const h25 = vectorJson<{ objectJson: Record<string, unknown>; header: HeaderRecord }>(
  'headers_mainnet01_h25_chainweb_api.json',
);
const c15Block = vectorJson<{
  headers: HeaderRecord[];
  headerQuery: { response: object };
  payloadWithOutputs: PayloadWithOutputs;
}>('block_mainnet01_c15_h4841250_header_and_payload.json');
const genesisPayloads = vectorJson<{
  payloads: Record<string, { expectedPayloadHash: string; payloadWithOutputs: PayloadWithOutputs }>;
}>('payloads_genesis_chainweb_node.json');

let dir: string;
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const json = (run: { stdout: string }): any => JSON.parse(run.stdout);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spv-cli-header-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spv header decode', () => {
  const real = validation.testCases.flatMap((testCase) => [
    testCase.header,
    testCase.parent,
    ...testCase.adjacentParents,
  ]);

  it('decodes the 28 linked real mainnet headers: recomputed hash, hashValid, powValid', async () => {
    const unique = [...new Map(real.map((record) => [record.hash, record])).values()];
    const run = await runSpv([
      'header',
      'decode',
      file('mainnet.json', JSON.stringify(unique.map((r) => r.binaryB64url))),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const reports = json(run) as Array<Record<string, unknown>>;
    expect(reports).toHaveLength(unique.length);
    unique.forEach((record, i) =>
      expect(reports[i]).toMatchObject({
        hash: record.hash,
        recordedHash: record.hash,
        hashValid: true,
        powValid: true,
        chainId: record.decoded.chainId,
        height: record.decoded.height,
        chainwebVersion: 'mainnet01',
        versionCode: 5,
        payloadHash: record.decoded.payloadHash,
        parent: record.decoded.parent,
      }),
    );
    // A single header given as an argument.
    const single = await runSpv(['header', 'decode', (unique[0] as HeaderRecord).binaryB64url, '--json']);
    expect(single.code).toBe(0);
    expect(json(single)).toMatchObject({ hash: (unique[0] as HeaderRecord).hash, hashValid: true });
  });

  it('reads every form the node serves: raw binary, JSON string, object JSON (old labels), a /header page', async () => {
    const record = c15Block.headers[0] as HeaderRecord;
    const binary = file('header.bin', Buffer.from(record.binaryB64url, 'base64url'));
    const quoted = file('header.json', JSON.stringify(record.binaryB64url));
    for (const path of [binary, quoted, '-']) {
      const run = await runSpv(['header', 'decode', path, '--json'], { stdin: `${record.binaryB64url}\n` });
      expect({ path, code: run.code, hash: json(run).hash, hashValid: json(run).hashValid }).toEqual({
        path,
        code: 0,
        hash: record.hash,
        hashValid: true,
      });
    }
    const object = await runSpv([
      'header',
      'decode',
      file('object.json', JSON.stringify(h25.objectJson)),
      '--json',
    ]);
    expect(object.code).toBe(0);
    expect(json(object)).toMatchObject({ hash: h25.header.hash, hashValid: true, height: 25, chainId: 0 });

    const page = await runSpv([
      'header',
      'decode',
      file('page.json', JSON.stringify(c15Block.headerQuery.response)),
      '--json',
    ]);
    expect(page.code).toBe(0);
    expect(json(page).map((report: { hash: string }) => report.hash)).toEqual(
      c15Block.headers.map((header) => header.hash),
    );
  });

  it('prints a readable summary', async () => {
    const record = c15Block.headers[0] as HeaderRecord;
    const run = await runSpv(['header', 'decode', record.binaryB64url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^VALID header of chain 15 at height 4841250/);
    expect(run.stdout).toMatch(new RegExp(`hash +${record.hash}`));
    expect(run.stdout).toMatch(/hashValid +yes/);
    expect(run.stdout).toMatch(/powValid +yes/);
    expect(run.stdout).toMatch(/target +0x000000000000000e552ca640a82f9e4a5b47ff8ebdcab07d45228d9f5e223704/);
  });

  it('judges the corrupted testnet04 headers as chainweb-node does: hash and proof of work (exit 1)', async () => {
    const headers = invalidCases.cases.map((c) => c.header.binaryB64url);
    const run = await runSpv(['header', 'decode', file('testnet04.json', JSON.stringify(headers)), '--json']);
    expect(run.code).toBe(1);
    const reports = json(run) as Array<Record<string, unknown>>;
    invalidCases.cases.forEach(({ header, expectedValidationErrors }, index) =>
      expect({ index, ...reports[index] }).toMatchObject({
        index,
        hash: header.computedHash,
        hashValid: header.hashMatches,
        powValid: !expectedValidationErrors.includes('IncorrectPow'),
      }),
    );
    // The one header whose hash and work are right decodes with exit 0 on its own.
    const sound = invalidCases.cases.find(
      (c) => c.header.hashMatches && !c.expectedValidationErrors.includes('IncorrectPow'),
    );
    expect((await runSpv(['header', 'decode', sound!.header.binaryB64url])).code).toBe(0);
  });

  it('exits 1 for a header whose hash is right but whose proof of work misses its target', async () => {
    const real = decodeBlockHeaderBase64Url((c15Block.headers[0] as HeaderRecord).binaryB64url);
    const draft = { ...real, target: Buffer.alloc(32) };
    draft.target[0] = 1; // target 1: no hash meets it
    const hardened = { ...draft, hash: computeBlockHash(draft) };
    const run = await runSpv(['header', 'decode', encodeBlockHeaderBase64Url(hardened), '--json']);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ hashValid: true, powValid: false });
    const summary = await runSpv(['header', 'decode', encodeBlockHeaderBase64Url(hardened)]);
    expect(summary.code).toBe(1);
    expect(summary.stdout).toMatch(/^INVALID header/);
    expect(summary.stdout).toMatch(/powValid +NO/);
  });

  it('rejects what is not a header with exit 2 and one line', async () => {
    for (const [args, message] of [
      [
        ['header', 'decode', '/nonexistent/header.bin'],
        /^spv: cannot read header file "\/nonexistent\/header\.bin": no such file or directory\n$/,
      ],
      [
        ['header', 'decode', file('short.bin', Buffer.alloc(40, 1))],
        /^spv: ".*short\.bin" is not a block header: /,
      ],
      [
        ['header', 'decode', file('broken.json', '{"items": [')],
        /^spv: header input ".*broken\.json" is not valid JSON/,
      ],
      [['header'], /^spv: header: no command given \(see `spv header --help`\)\n$/],
      [['header', 'bogus'], /^spv: unknown command "header bogus"/],
    ] as Array<[string[], RegExp]>) {
      const run = await runSpv(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('spv payload hash', () => {
  it('recomputes the hashes of the real mainnet block payload (with outputs)', async () => {
    const payload = c15Block.payloadWithOutputs;
    const run = await runSpv(['payload', 'hash', file('payload.json', JSON.stringify(payload)), '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({
      valid: true,
      transactionCount: 2,
      transactionsHash: payload.transactionsHash,
      outputsHash: payload.outputsHash,
      payloadHash: payload.payloadHash,
      recorded: {
        transactionsHash: payload.transactionsHash,
        outputsHash: payload.outputsHash,
        payloadHash: payload.payloadHash,
      },
      matches: { transactionsHash: true, outputsHash: true, payloadHash: true },
    });
  });

  it('matches the expected payload hash of every genesis payload in the vectors', async () => {
    for (const [name, entry] of Object.entries(genesisPayloads.payloads)) {
      const run = await runSpv([
        'payload',
        'hash',
        file(`${name}.json`, JSON.stringify(entry.payloadWithOutputs)),
        '--json',
      ]);
      expect({ name, code: run.code, payloadHash: json(run).payloadHash }).toEqual({
        name,
        code: 0,
        payloadHash: entry.expectedPayloadHash,
      });
    }
  });

  it('handles a payload without outputs (PayloadData): no outputsHash recomputed', async () => {
    const { transactions, minerData, transactionsHash, outputsHash, payloadHash } =
      c15Block.payloadWithOutputs;
    const data = {
      transactions: transactions.map(([tx]) => tx),
      minerData,
      transactionsHash,
      outputsHash,
      payloadHash,
    };
    const run = await runSpv(['payload', 'hash', file('payload-data.json', JSON.stringify(data)), '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).not.toHaveProperty('outputsHash');
    expect(json(run)).toMatchObject({
      valid: true,
      payloadHash,
      matches: { transactionsHash: true, outputsHash: null, payloadHash: true },
    });
  });

  it('exits 1 when a recorded hash or a transaction was altered', async () => {
    const payload = c15Block.payloadWithOutputs;
    const wrongRecord = { ...payload, payloadHash: payload.transactionsHash };
    const run = await runSpv([
      'payload',
      'hash',
      file('wrong-record.json', JSON.stringify(wrongRecord)),
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      valid: false,
      payloadHash: payload.payloadHash,
      matches: { payloadHash: false },
    });

    const [first, ...rest] = payload.transactions;
    const output = JSON.parse(Buffer.from(first![1], 'base64url').toString('utf8'));
    output.gas += 1;
    const altered = {
      ...payload,
      transactions: [[first![0], Buffer.from(JSON.stringify(output)).toString('base64url')], ...rest],
    };
    const alteredRun = await runSpv(['payload', 'hash', file('altered.json', JSON.stringify(altered))]);
    expect(alteredRun.code).toBe(1);
    expect(alteredRun.stdout).toMatch(/^INVALID payload/);
    expect(alteredRun.stdout).toMatch(/outputsHash +\S+ +MISMATCH/);
  });

  it('exits 2 for input that is not a payload', async () => {
    for (const [content, message] of [
      ['not json', /is not valid JSON/],
      ['{"transactions": 3}', /is not a payload as the node serves it/],
    ] as Array<[string, RegExp]>) {
      const run = await runSpv(['payload', 'hash', file('bad-payload.json', content)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^spv: /);
      expect(run.stderr).toMatch(message);
    }
  });
});
