import { ConfigError } from './config.errors';
import { parseConfig } from './parse-config';
import type { SpvConfig } from './spv-config';

let loaded: SpvConfig | undefined;

/**
 * The process's configuration, parsed from `process.env` on first call and cached. This is the only
 * place in the code base that reads `process.env`. On a missing or bad setting it writes one line per
 * setting to stderr and exits with status 78 (EX_CONFIG): a misconfigured process must not start.
 */
export function loadConfig(): SpvConfig {
  if (loaded) return loaded;
  try {
    loaded = parseConfig(process.env);
    return loaded;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** The environment exactly as given to this process, for launchers that pass it on to children. */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}
