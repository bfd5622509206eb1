import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';
import { usageError, type ExitCode } from './cli.errors';

/** One `spv` command (or sub-command): its name as typed, a one-line summary, its help text. */
export interface Command {
  /** e.g. "verify" or "header decode". */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<ExitCode>;
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandArgs<O extends OptionsConfig> {
  readonly values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  readonly positionals: string[];
  readonly help: boolean;
}

/**
 * node:util parseArgs in strict mode with `--help`/`-h` added; its errors become usage errors naming
 * the command, and the positional count is checked (`-` stays a positional: it means stdin).
 */
export function parseCommandArgs<O extends OptionsConfig>(
  command: string,
  argv: readonly string[],
  options: O,
  positionals: { min: number; max: number; names: string },
): ParsedCommandArgs<O> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = (error as Error).message.split('. ')[0] ?? 'invalid arguments';
    throw usageError(`${command}: ${message.replace(/\.$/, '')}`, command);
  }
  const values = parsed.values as Record<string, unknown>;
  const help = values['help'] === true;
  if (!help) {
    const count = parsed.positionals.length;
    if (count < positionals.min) throw usageError(`${command}: missing ${positionals.names}`, command);
    if (count > positionals.max) {
      throw usageError(
        `${command}: unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`,
        command,
      );
    }
  }
  delete values['help'];
  return { values: values as ParsedCommandArgs<O>['values'], positionals: parsed.positionals, help };
}

/** A non-negative integer option (chain ids, heights, seconds). */
export function integerOption(
  command: string,
  name: string,
  value: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9]\d*)$/.test(value) || Number(value) > max) {
    throw usageError(
      `${command}: --${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`,
      command,
    );
  }
  return Number(value);
}

/** A positive number of seconds (fractions allowed), e.g. a poll interval. */
export function secondsOption(command: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || seconds > 86_400) {
    throw usageError(
      `${command}: --${name} must be a number of seconds above 0, got ${JSON.stringify(value)}`,
      command,
    );
  }
  return seconds;
}

export function requiredOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.length === 0)
    throw usageError(`${command}: --${name} is required`, command);
  return value;
}

export function choiceOption<T extends string>(
  command: string,
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw usageError(
      `${command}: --${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
      command,
    );
  }
  return value as T;
}
