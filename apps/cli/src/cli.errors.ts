/**
 * Exit codes are the CLI's contract with scripts: 0 the input checks out, 1 it does not (a proof,
 * header or payload that fails verification), 2 the command could not judge it (bad usage,
 * unreadable input, unreachable node).
 */
export const ExitCode = {
  ok: 0,
  invalid: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type CliErrorCode =
  /** Unknown command or option, missing or malformed argument. */
  | 'usage'
  /** A file or stdin that cannot be read or is not what the command expects. */
  | 'input'
  /** The output file or directory cannot be written. */
  | 'output'
  /** The node could not be reached or answered something unusable. */
  | 'node'
  /** The node did not produce what was waited for in time. */
  | 'timeout';

/** A failure the user can act on; printed as one `spv: <message>` line, never with a stack. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** Appended in parentheses, e.g. a pointer to `--help`. */
    readonly hint?: string,
  ) {
    super(message);
  }

  get exitCode(): ExitCode {
    return ExitCode.usage;
  }
}

export function usageError(message: string, command?: string): CliError {
  return new CliError('usage', message, `see \`spv ${command === undefined ? '' : `${command} `}--help\``);
}
