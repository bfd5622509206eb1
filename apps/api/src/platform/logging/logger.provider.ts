import type { Logger } from '@spv-cloud/observability';

/** DI token for the process's pino logger. */
export const APP_LOGGER = Symbol('AppLogger');
export type AppLogger = Logger;
