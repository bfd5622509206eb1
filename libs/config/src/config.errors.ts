export interface ConfigIssue {
  /** The environment variable at fault, e.g. `DATABASE_URL`. */
  readonly setting: string;
  readonly message: string;
}

/** Raised by parseConfig; the message names every bad or missing setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID' as const;

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `invalid configuration:\n${issues.map((issue) => `  ${issue.setting}: ${issue.message}`).join('\n')}`,
    );
  }
}
