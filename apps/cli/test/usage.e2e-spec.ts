import { runSpv } from './run-spv';

/** Every command, as typed, and a phrase its help must carry. */
const COMMANDS: Array<[string[], RegExp]> = [
  [['verify'], /^Usage: spv verify <proof-file \| ->/],
  [['prove'], /^Usage: spv prove --node <url> --chain <id> --request-key <key> --target-chain <id>/],
  [['header', 'decode'], /^Usage: spv header decode <base64url \| file \| ->/],
  [['payload', 'hash'], /^Usage: spv payload hash <file \| ->/],
  [['tree', 'build'], /^Usage: spv tree build <digests-file \| -> --out <dir>/],
];

describe('spv usage', () => {
  it.each(COMMANDS)(
    '%j --help prints its usage with exit 0 (also -h, also after other arguments)',
    async (command, usage) => {
      for (const flag of ['--help', '-h']) {
        const run = await runSpv([...command, flag]);
        expect({ flag, code: run.code, stderr: run.stderr }).toEqual({ flag, code: 0, stderr: '' });
        expect(run.stdout).toMatch(usage);
        expect(run.stdout).toMatch(/Exit status: 0 /);
      }
    },
  );

  it('spv --help lists every command; --version prints the package version', async () => {
    const help = await runSpv(['--help']);
    expect(help.code).toBe(0);
    for (const [command] of COMMANDS) expect(help.stdout).toContain(`  ${command.join(' ')} `);
    for (const group of ['header', 'payload', 'tree']) {
      const groupHelp = await runSpv([group, '--help']);
      expect(groupHelp.code).toBe(0);
      expect(groupHelp.stdout).toMatch(new RegExp(`^Usage: spv ${group} <command>`));
    }
    const version = await runSpv(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it.each([
    [[], /^spv: no command given \(see `spv --help`\)\n$/],
    [['frobnicate'], /^spv: unknown command "frobnicate" \(see `spv --help`\)\n$/],
    [['tree', 'plant'], /^spv: unknown command "tree plant" \(see `spv tree --help`\)\n$/],
    [
      ['payload', 'hash', 'a.json', '--json=yes'],
      /^spv: payload hash: Option '--json' does not take an argument/,
    ],
  ])('%j is bad usage: exit 2, one line on stderr, nothing on stdout', async (args, message) => {
    const run = await runSpv(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
