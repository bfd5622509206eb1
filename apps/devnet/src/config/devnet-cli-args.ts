import { join } from 'node:path';
import type { DevnetOptions } from './devnet-options';
import { DevnetError } from './devnet.errors';

export const DEVNET_USAGE = `usage: npm run devnet -- [--port 1848] [--host 127.0.0.1] [--data-dir .data/devnet]
                      [--block-time-ms 1000] [--chains 10|20] [--reset]
environment (flags win): PORT, DEVNET_DATA_DIR (else DATA_DIR/devnet), DEVNET_BLOCK_TIME_MS`;

/** The environment variables the devnet reads when a flag is absent (tools/start passes PORT and DATA_DIR). */
export interface DevnetEnvironment {
  readonly PORT?: string;
  readonly DATA_DIR?: string;
  readonly DEVNET_DATA_DIR?: string;
  readonly DEVNET_BLOCK_TIME_MS?: string;
}

export type DevnetCommandLine =
  { readonly help: true } | { readonly help: false; readonly options: DevnetOptions };

/**
 * Parses `--name value` / `--name=value` flags, falling back to the environment; unknown flags and bad
 * values are invalid_option errors.
 */
export function parseDevnetArgs(argv: readonly string[], env: DevnetEnvironment = {}): DevnetCommandLine {
  const options: { -readonly [K in keyof DevnetOptions]: DevnetOptions[K] } = {};
  const invalid = (message: string): never => {
    throw new DevnetError('invalid_option', `${message}\n${DEVNET_USAGE}`);
  };
  const integer = (flag: string, text: string | undefined): number => {
    if (text === undefined || !/^\d+$/.test(text)) return invalid(`${flag} needs a non-negative integer`);
    return Number(text);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--reset') {
      options.reset = true;
      continue;
    }
    const match = /^(--[a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) return invalid(`unexpected argument ${arg}`);
    const flag = match[1]!;
    const value = (): string | undefined => match[2] ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integer(flag, value());
        break;
      case '--host':
        options.host = value() ?? invalid('--host needs a value');
        break;
      case '--data-dir':
        options.dataDir = value() ?? invalid('--data-dir needs a path');
        break;
      case '--block-time-ms':
        options.blockTimeMs = integer(flag, value());
        break;
      case '--chains': {
        const chains = integer(flag, value());
        if (chains !== 10 && chains !== 20) invalid('--chains must be 10 or 20');
        options.chains = chains as 10 | 20;
        break;
      }
      default:
        invalid(`unknown option ${flag}`);
    }
  }
  if (options.port === undefined && env.PORT) options.port = integer('PORT', env.PORT);
  if (options.blockTimeMs === undefined && env.DEVNET_BLOCK_TIME_MS) {
    options.blockTimeMs = integer('DEVNET_BLOCK_TIME_MS', env.DEVNET_BLOCK_TIME_MS);
  }
  if (options.dataDir === undefined) {
    if (env.DEVNET_DATA_DIR) options.dataDir = env.DEVNET_DATA_DIR;
    else if (env.DATA_DIR) options.dataDir = join(env.DATA_DIR, 'devnet');
  }
  return { help: false, options };
}
