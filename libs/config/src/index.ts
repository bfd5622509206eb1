export type { SpvConfig, ChainNetwork, StripeConfig, Environment, LogLevel } from './spv-config';
export { parseConfig, type EnvironmentVariables } from './parse-config';
export { loadConfig, processEnvironment } from './load-config';
export { redactConfig } from './redact-config';
export { ConfigError, type ConfigIssue } from './config.errors';
export { SETTING_NAMES } from './config.schema';
export { parseEd25519SigningKey, type Ed25519SigningKey } from './signing-key';
