import { ChainwebError } from '@spv-cloud/chainweb';
import { writeLine, type CliIo } from './cli-io';
import { CliError, ExitCode, usageError } from './cli.errors';
import type { Command } from './command';
import { headerDecodeCommand } from './commands/header-decode.command';
import { payloadHashCommand } from './commands/payload-hash.command';
import { proveCommand } from './commands/prove.command';
import { treeBuildCommand } from './commands/tree-build.command';
import { verifyCommand } from './commands/verify.command';

export const COMMANDS: readonly Command[] = [
  verifyCommand,
  proveCommand,
  headerDecodeCommand,
  payloadHashCommand,
  treeBuildCommand,
];

/** Commands with a sub-command: `spv header decode`, `spv payload hash`, `spv tree build`. */
const GROUPS: Readonly<Record<string, string>> = {
  header: 'block headers',
  payload: 'block payloads',
  tree: 'event trees',
};

function mainUsage(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    `spv ${version}: verify and build Kadena Chainweb SPV proofs and SPV Cloud event proofs.`,
    '',
    'Usage: spv <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Run `spv <command> --help` for the options of a command.',
    'Exit status: 0 success, 1 invalid (a proof, header or payload that does not check out),',
    '2 bad usage or unreadable input.',
  ].join('\n');
}

function groupUsage(group: string): string {
  const commands = COMMANDS.filter((command) => command.name.startsWith(`${group} `));
  return [
    `Usage: spv ${group} <command> [options]   (${GROUPS[group]})`,
    '',
    ...commands.map((command) => `  ${command.name.padEnd(16)}${command.summary}`),
    '',
    `Run \`spv ${group} <command> --help\` for its options.`,
  ].join('\n');
}

/** Runs one invocation and returns its exit code; all output goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  try {
    return await dispatch(argv, io, version);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) throw usageError('no command given');
  if (first === '--help' || first === '-h' || first === 'help') {
    await writeLine(io.stdout, mainUsage(version));
    return ExitCode.ok;
  }
  if (first === '--version' || first === '-V') {
    await writeLine(io.stdout, version);
    return ExitCode.ok;
  }
  if (Object.hasOwn(GROUPS, first)) {
    if (second === undefined) throw usageError(`${first}: no command given`, first);
    if (second === '--help' || second === '-h') {
      await writeLine(io.stdout, groupUsage(first));
      return ExitCode.ok;
    }
    const command = COMMANDS.find((candidate) => candidate.name === `${first} ${second}`);
    if (command === undefined) throw usageError(`unknown command "${first} ${second}"`, first);
    return command.run(argv.slice(2), io);
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) throw usageError(`unknown command ${JSON.stringify(first)}`);
  return command.run(argv.slice(1), io);
}

/** One line on stderr, never a stack: expected failures carry their own message, anything else is named as internal. */
async function reportError(error: unknown, io: CliIo): Promise<number> {
  let message: string;
  let hint: string | undefined;
  let exitCode: number = ExitCode.usage;
  if (error instanceof CliError) {
    message = error.message;
    hint = error.hint;
    exitCode = error.exitCode;
  } else if (error instanceof ChainwebError) {
    message = `${error.message} (${error.code})`;
  } else {
    message = `internal error: ${(error as Error)?.message ?? String(error)}`;
  }
  await writeLine(io.stderr, `spv: ${oneLine(message)}${hint === undefined ? '' : ` (${hint})`}`).catch(
    () => undefined,
  );
  return exitCode;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
