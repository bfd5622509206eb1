import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEventBatch, parseEventProofJson, verifyEventProof } from '@spv-cloud/chainweb';
import { runSpv, SPV_BIN } from './run-spv';

const digest = (i: number, algorithm = 'sha256') => createHash(algorithm).update(`event ${i}`).digest();
const digests = (count: number, algorithm = 'sha256') =>
  Array.from({ length: count }, (_, i) => digest(i, algorithm));

let dir: string;
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const readJson = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spv-cli-tree-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spv tree build', () => {
  const events = digests(37);
  const scope = { tenantId: 'acme', namespace: 'orders', digestAlgorithm: 'sha256' as const };
  const expected = buildEventBatch({ ...scope, digests: events });

  it('writes the root, an index and one proof per event; every proof re-reads and verifies', async () => {
    const input = file('digests.txt', `${events.map((d) => d.toString('hex')).join('\n')}\n`);
    const out = join(dir, 'tree');
    const run = await runSpv([
      'tree',
      'build',
      input,
      '--out',
      out,
      '--tenant',
      'acme',
      '--namespace',
      'orders',
      '--json',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const summary = {
      root: expected.root.toString('base64url'),
      leafCount: 37,
      depth: expected.depth,
      tenantId: 'acme',
      namespace: 'orders',
      digestAlgorithm: 'sha256',
      hashAlgorithm: 'SHA512t_256',
    };
    expect(JSON.parse(run.stdout)).toEqual(summary);
    expect(readJson(join(out, 'root.json'))).toEqual(summary);
    const index = readJson(join(out, 'index.json'));
    expect(index).toMatchObject(summary);
    expect(index.proofs).toHaveLength(37);
    expect(readdirSync(join(out, 'proofs'))).toHaveLength(37);

    for (const [i, entry] of (
      index.proofs as Array<{ index: number; digest: string; file: string }>
    ).entries()) {
      expect(entry).toEqual({
        index: i,
        digest: (events[i] as Buffer).toString('hex'),
        file: `proofs/${i}.json`,
      });
      const proof = parseEventProofJson(readFileSync(join(out, entry.file), 'utf8'));
      expect(proof.event).toMatchObject({ ...scope, index: i, digest: events[i] });
      expect(verifyEventProof(proof, { expectedRoot: expected.root, expectedTenantId: 'acme' }).valid).toBe(
        true,
      );
    }

    // The CLI verifies its own output, and rejects a proof whose digest was altered.
    const verified = await runSpv([
      'verify',
      join(out, 'proofs', '36.json'),
      '--root',
      summary.root,
      '--tenant',
      'acme',
      '--json',
    ]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      valid: true,
      kind: 'event',
      root: summary.root,
      rootTrusted: null,
    });
    const tampered = readJson(join(out, 'proofs', '5.json'));
    tampered.event.digest = (events[6] as Buffer).toString('base64url');
    const tamperedRun = await runSpv([
      'verify',
      file('tampered-event.json', JSON.stringify(tampered)),
      '--json',
    ]);
    expect(tamperedRun.code).toBe(1);
    expect(JSON.parse(tamperedRun.stdout)).toMatchObject({
      valid: false,
      kind: 'event',
      reason: 'inclusion_mismatch',
    });
  });

  it('reads NDJSON (hex or base64url digests, or JSON strings) to the same tree, and other digest algorithms', async () => {
    const ndjson = events
      .map((d, i) =>
        i % 3 === 0
          ? JSON.stringify({ digest: d.toString('base64url') })
          : i % 3 === 1
            ? JSON.stringify({ digest: d.toString('hex') })
            : JSON.stringify(d.toString('hex')),
      )
      .join('\n');
    const out = join(dir, 'ndjson');
    const run = await runSpv([
      'tree',
      'build',
      file('digests.ndjson', ndjson),
      '--out',
      out,
      '--tenant',
      'acme',
      '--namespace',
      'orders',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).root).toBe(expected.root.toString('base64url'));

    const long = digests(5, 'sha512');
    const sha512 = await runSpv(
      ['tree', 'build', '-', '--out', join(dir, 'sha512'), '--algorithm', 'sha512', '--json'],
      {
        stdin: long.map((d) => d.toString('hex')).join('\n'),
      },
    );
    expect(sha512.code).toBe(0);
    const batch = buildEventBatch({
      tenantId: 'local',
      namespace: '',
      digestAlgorithm: 'sha512',
      digests: long,
    });
    expect(JSON.parse(sha512.stdout)).toMatchObject({
      root: batch.root.toString('base64url'),
      tenantId: 'local',
      namespace: '',
      digestAlgorithm: 'sha512',
    });
  });

  it('prints a summary without --json', async () => {
    const run = await runSpv([
      'tree',
      'build',
      file(
        'three.txt',
        digests(3)
          .map((d) => d.toString('hex'))
          .join('\n'),
      ),
      '--out',
      join(dir, 'summary'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^root +\S{43} \(hex [0-9a-f]{64}\)\nevents +3 \(tree depth 2\)/);
  });

  it('rejects bad input and an occupied output directory with exit 2 and one line', async () => {
    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'keep.txt'), 'x');
    const good = file(
      'good.txt',
      digests(2)
        .map((d) => d.toString('hex'))
        .join('\n'),
    );
    for (const [args, message] of [
      [
        ['tree', 'build', file('short.txt', 'abcd\n'), '--out', join(dir, 'x1')],
        /^spv: ".*short\.txt" line 1: a 2-byte digest, but sha256 digests have 32 bytes \(see --algorithm\)\n$/,
      ],
      [
        ['tree', 'build', file('nonhex.txt', `${'ab'.repeat(32)}\nzz\n`), '--out', join(dir, 'x2')],
        /^spv: ".*nonhex\.txt" line 2: not a hex digest\n$/,
      ],
      [
        ['tree', 'build', file('empty.txt', '\n\n'), '--out', join(dir, 'x3')],
        /^spv: ".*empty\.txt" holds no digests\n$/,
      ],
      [
        ['tree', 'build', good, '--out', occupied],
        /^spv: output directory ".*occupied" is not empty \(pass --force to write into it\)\n$/,
      ],
      [['tree', 'build', good], /^spv: tree build: --out <dir> is required/],
      [
        ['tree', 'build', good, '--out', join(dir, 'x4'), '--algorithm', 'md5'],
        /^spv: tree build: unknown --algorithm "md5"/,
      ],
      [
        ['tree', 'build', '/nonexistent/digests.txt', '--out', join(dir, 'x5')],
        /^spv: cannot read digests file "\/nonexistent\/digests\.txt": no such file or directory\n$/,
      ],
    ] as Array<[string[], RegExp]>) {
      const run = await runSpv(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
    }
    expect(readdirSync(occupied)).toEqual(['keep.txt']);
    const forced = await runSpv(['tree', 'build', good, '--out', occupied, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(join(occupied, 'proofs'))).toHaveLength(2);
  });

  describe('progress bar on large inputs', () => {
    const large = () =>
      file(
        'large.txt',
        digests(12_000)
          .map((d) => d.toString('hex'))
          .join('\n'),
      );

    it('stays off stderr when stderr is not a terminal', async () => {
      const run = await runSpv(['tree', 'build', large(), '--out', join(dir, 'large-pipe')]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
    });

    // script(1) gives the CLI a terminal, as a user at a shell has.
    const withTerminal = existsSync('/usr/bin/script') ? it : it.skip;
    withTerminal('draws on a terminal, and not with --quiet', async () => {
      const input = large();
      const inTerminal = (out: string, ...more: string[]) =>
        runScript(`${SPV_BIN} tree build ${input} --out ${join(dir, out)} ${more.join(' ')}`);
      const drawn = await inTerminal('large-tty');
      expect(drawn).toContain('proofs   [');
      expect(drawn).toContain('12000/12000');
      const quiet = await inTerminal('large-quiet', '--quiet');
      expect(quiet).not.toContain('proofs   [');
      expect(quiet).toMatch(/events +12000/);
    });
  });
});

async function runScript(command: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/script',
      ['-qec', command, '/dev/null'],
      { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(new Error(`script(1) failed: ${error.message}`)) : resolve(stdout)),
    );
  });
}
