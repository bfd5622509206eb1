import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  blockHeaderToObjectJson,
  decodeBlockHeaderBase64Url,
  encodeSpvProofBinary,
  parseSpvProof,
} from '@spv-cloud/chainweb';
import { vectorJson, vectorText, VECTORS_DIR } from './vectors';
import { runSpv } from './run-spv';

interface RealProof {
  requestKey: string;
  responseBody: string;
  proofB64: string;
  proofJson: { chain: number; object: string; subject: { input: string }; algorithm: string };
  computedRoot: string;
  targetChain: number;
}
interface DerivedProof {
  label: string;
  proofType: string;
  proofJsonText: string;
  expectedRoot: string;
  targetChain: number;
}
interface HeaderRecord {
  binaryB64url: string;
  hash: string;
  hashMatches?: boolean;
}

const realProofs = vectorJson<{ proofs: RealProof[] }>('spv_proofs_real.json').proofs;
const responseFiles = [
  'spv_response_mainnet01_c0_to_c1_bKT10k.txt',
  'spv_response_devnet_c0_to_c1_zflBHR6Q.txt',
];
const derived = vectorJson<Record<string, DerivedProof[]>>('proofs_derived_from_real_data.json');
const c15Proofs = derived['sameChainPayloadProofs_mainnet01_c15_h4841250'] as DerivedProof[];
const genesisProofs = derived['sameChainPayloadProofs_mainnet01_genesis_c0'] as DerivedProof[];
const c15Block = vectorJson<{ headers: HeaderRecord[]; headerQuery: { response: { items: string[] } } }>(
  'block_mainnet01_c15_h4841250_header_and_payload.json',
);
const c15Root = c15Block.headers[0] as HeaderRecord;
const c15Sibling = c15Block.headers[1] as HeaderRecord;

let dir: string;
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const json = (run: { stdout: string }) => JSON.parse(run.stdout) as Record<string, any>;
const REPORT_KEYS = ['valid', 'kind', 'chain', 'algorithm', 'root', 'rootTrusted', 'subject'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spv-cli-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spv verify: real chainweb-node /pact/spv answers', () => {
  it.each(responseFiles)(
    'verifies %s as served, reaching the recorded root, with the --json shape',
    async (name) => {
      const body = vectorText(name);
      const proof = realProofs.find((candidate) => candidate.responseBody.trim() === body.trim());
      expect(proof).toBeDefined();
      const run = await runSpv(['verify', join(VECTORS_DIR, name), '--json', '--root', proof!.computedRoot]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const report = json(run);
      expect(Object.keys(report)).toEqual(REPORT_KEYS);
      expect(report).toMatchObject({
        valid: true,
        kind: 'TXOUT',
        chain: proof!.targetChain,
        algorithm: 'SHA512t_256',
        root: proof!.computedRoot,
        rootTrusted: null,
      });
      // The subject is the proven CommandResult, decoded.
      expect(report['subject']).toMatchObject({ reqKey: proof!.requestKey, result: { status: 'success' } });
    },
  );

  it('accepts every form a user holds: proof JSON in any key order, bare base64url, binary, stdin', async () => {
    const proof = realProofs[0] as RealProof;
    const { chain, object, subject, algorithm } = proof.proofJson;
    const reordered = file('reordered.json', JSON.stringify({ algorithm, subject, object, chain }));
    const bare = file('bare.txt', `${proof.proofB64}\n`);
    const binary = file('proof.bin', encodeSpvProofBinary(parseSpvProof(proof.responseBody)));
    for (const args of [[reordered], [bare], [binary], ['-']]) {
      const run = await runSpv(['verify', ...args, '--json'], { stdin: proof.responseBody });
      expect({ args, code: run.code, root: json(run)['root'] }).toEqual({
        args,
        code: 0,
        root: proof.computedRoot,
      });
    }
  });

  it('prints a readable summary without --json', async () => {
    const proof = realProofs[0] as RealProof;
    const run = await runSpv(['verify', join(VECTORS_DIR, responseFiles[0] as string)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^VALID TXOUT proof/);
    expect(run.stdout).toContain(proof.computedRoot);
    expect(run.stdout).toContain(proof.requestKey);
    expect(run.stdout).toMatch(/root trusted +not checked/);
  });
});

describe('spv verify: proofs that do not check out (exit 1 with a reason)', () => {
  const proof = realProofs[0] as RealProof;
  const withObject = (mutate: (bytes: Buffer) => Buffer) =>
    JSON.stringify({
      ...proof.proofJson,
      object: mutate(Buffer.from(proof.proofJson.object, 'base64url')).toString('base64url'),
    });

  it('a flipped bit in a step runs to another root: rejected against the recorded root', async () => {
    // Byte 12 is the first step's side byte; 13.. its sibling hash.
    const tampered = file(
      'tampered.json',
      withObject((bytes) => {
        const copy = Buffer.from(bytes);
        copy[20] = (copy[20] as number) ^ 0x01;
        return copy;
      }),
    );
    const run = await runSpv(['verify', tampered, '--json', '--root', proof.computedRoot]);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ valid: false, reason: 'root_mismatch', kind: 'TXOUT' });
    expect(json(run)['root']).not.toBe(proof.computedRoot);
    const summary = await runSpv(['verify', tampered, '--root', proof.computedRoot]);
    expect(summary.code).toBe(1);
    expect(summary.stdout).toMatch(/^INVALID TXOUT proof: root_mismatch/);
  });

  it('a truncated proof object, a foreign subject tag and a wrong algorithm are rejected with their reasons', async () => {
    const truncated = file(
      'truncated.json',
      withObject((bytes) => bytes.subarray(0, bytes.length - 1)),
    );
    const subject = Buffer.from(proof.proofJson.subject.input, 'base64url');
    subject[1] = 0x15;
    const badTag = file(
      'bad-tag.json',
      JSON.stringify({ ...proof.proofJson, subject: { input: subject.toString('base64url') } }),
    );
    const badAlgorithm = file(
      'bad-algorithm.json',
      JSON.stringify({ ...proof.proofJson, algorithm: 'SHA256' }),
    );
    const notAProof = file('not-a-proof.json', '{"hello":"world"}');
    const expectations: Array<[string, string]> = [
      [truncated, 'bad_length'],
      [badTag, 'bad_subject_tag'],
      [badAlgorithm, 'unsupported_algorithm'],
      [notAProof, 'unknown_format'],
    ];
    for (const [path, reason] of expectations) {
      const run = await runSpv(['verify', path, '--json']);
      expect({ path, code: run.code, valid: json(run)['valid'], reason: json(run)['reason'] }).toEqual({
        path,
        code: 1,
        valid: false,
        reason,
      });
    }
  });

  it('--chain rejects a proof for another target chain', async () => {
    const run = await runSpv([
      'verify',
      join(VECTORS_DIR, responseFiles[0] as string),
      '--json',
      '--chain',
      '2',
    ]);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ valid: false, reason: 'wrong_chain', chain: 1 });
  });
});

describe('spv verify --headers: is the root a trusted header of the target chain?', () => {
  const txoutProof = c15Proofs.find((proof) => proof.proofType === 'TransactionOutputProof') as DerivedProof;
  const txProof = c15Proofs.find((proof) => proof.proofType === 'TransactionProof') as DerivedProof;

  it('trusts a root that is among the headers (base64url list, object-JSON list, single string)', async () => {
    const proofFile = file('c15-txout.json', txoutProof.proofJsonText);
    const objectJson = blockHeaderToObjectJson(decodeBlockHeaderBase64Url(c15Root.binaryB64url), 'mainnet01');
    for (const headers of [
      file('h-b64.json', JSON.stringify([c15Root.binaryB64url])),
      file('h-object.json', JSON.stringify({ items: [objectJson], limit: 1, next: null })),
      file('h-string.json', JSON.stringify(c15Root.binaryB64url)),
    ]) {
      const run = await runSpv(['verify', proofFile, '--headers', headers, '--json']);
      expect({ headers, code: run.code }).toEqual({ headers, code: 0 });
      expect(json(run)).toMatchObject({
        valid: true,
        kind: 'TXOUT',
        chain: 15,
        root: c15Root.hash,
        rootTrusted: true,
      });
    }
    const tx = await runSpv([
      'verify',
      file('c15-tx.json', txProof.proofJsonText),
      '--headers',
      file('h.json', JSON.stringify([c15Root.binaryB64url])),
      '--json',
    ]);
    expect(json(tx)).toMatchObject({ valid: true, kind: 'TX', rootTrusted: true });
    expect(json(tx)['subject']).toHaveProperty('cmd');
  });

  it('does not trust a root missing from the headers (exit 1, unknown_root)', async () => {
    const run = await runSpv([
      'verify',
      file('c15-txout.json', txoutProof.proofJsonText),
      '--headers',
      file('sibling.json', JSON.stringify([c15Sibling.binaryB64url])),
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      valid: false,
      root: c15Root.hash,
      rootTrusted: false,
      reason: 'unknown_root',
    });
    const summary = await runSpv([
      'verify',
      join(dir, 'c15-txout.json'),
      '--headers',
      join(dir, 'sibling.json'),
    ]);
    expect(summary.code).toBe(1);
    expect(summary.stdout).toMatch(/^INVALID TXOUT proof: unknown_root/);
    expect(summary.stdout).toMatch(/root trusted +NO/);
  });

  it('does not trust a root whose height has forks the file cannot tell apart (the node /header page)', async () => {
    const page = file('page.json', JSON.stringify(c15Block.headerQuery.response));
    const run = await runSpv([
      'verify',
      file('c15-txout.json', txoutProof.proofJsonText),
      '--headers',
      page,
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ rootTrusted: false, reason: 'not_canonical' });
  });

  it('trusts genesis proofs against the 20 golden genesis headers', async () => {
    const genesis = vectorJson<{ networks: { mainnet01: HeaderRecord[] } }>(
      'genesis_headers_mainnet01_testnet04.json',
    );
    const headers = file(
      'genesis.json',
      JSON.stringify(genesis.networks.mainnet01.map((header) => header.binaryB64url)),
    );
    for (const proof of genesisProofs) {
      const run = await runSpv([
        'verify',
        file('genesis-proof.json', proof.proofJsonText),
        '--headers',
        headers,
        '--json',
      ]);
      expect({
        label: proof.label,
        code: run.code,
        trusted: json(run)['rootTrusted'],
        root: json(run)['root'],
      }).toEqual({
        label: proof.label,
        code: 0,
        trusted: true,
        root: proof.expectedRoot,
      });
    }
  });

  it('refuses a headers file holding a header that does not hash to its recorded hash (exit 2, one line)', async () => {
    const invalid = vectorJson<{ cases: Array<{ header: HeaderRecord }> }>(
      'headers_testnet04_invalid_cases.json',
    );
    const corrupt = invalid.cases
      .map((c) => c.header)
      .find((header) => header.hashMatches === false) as HeaderRecord;
    const run = await runSpv([
      'verify',
      file('c15-txout.json', txoutProof.proofJsonText),
      '--headers',
      file('corrupt.json', JSON.stringify([corrupt.binaryB64url])),
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^spv: headers file ".*corrupt\.json", header 0: its fields do not hash to its recorded hash\n$/,
    );
  });
});

describe('spv verify: unreadable input (exit 2, one line, no stack trace)', () => {
  it.each([
    [
      ['verify', '/nonexistent/proof.json'],
      /^spv: cannot read proof file "\/nonexistent\/proof\.json": no such file or directory\n$/,
    ],
    [['verify', VECTORS_DIR], /^spv: cannot read proof file ".*": is a directory\n$/],
    [
      ['verify', join(VECTORS_DIR, responseFiles[0] as string), '--headers', '/nonexistent/headers.json'],
      /^spv: cannot read headers file "\/nonexistent\/headers\.json": no such file or directory\n$/,
    ],
    [['verify'], /^spv: verify: missing the proof file \(or - for stdin\) \(see `spv verify --help`\)\n$/],
    [['verify', 'a', 'b'], /^spv: verify: unexpected argument "b"/],
    [['verify', 'x', '--bogus'], /^spv: verify: Unknown option '--bogus'/],
    [
      ['verify', 'x', '--headers', 'h', '--node', 'http://127.0.0.1:1'],
      /^spv: verify: give --headers or --node, not both/,
    ],
    [['verify', 'x', '--root', 'not-a-hash'], /^spv: verify: --root must be a base64url 32-byte hash/],
  ])('%j', async (args, stderr) => {
    const run = await runSpv(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
