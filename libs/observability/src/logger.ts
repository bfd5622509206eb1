import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CreateLoggerOptions {
  /** Service name written as `service` on every line (`api`, `worker`…). */
  readonly service: string;
  readonly level: LogLevel;
  /** Where JSON lines go; stdout when omitted. Tests pass an in-memory stream. */
  readonly destination?: DestinationStream;
}

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'password',
  '*.password',
  'token',
  '*.token',
  'key',
  '*.key',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * A pino JSON logger whose every line carries `requestId` and `tenantId` from the active
 * request/job context (null outside one), so any line can be traced back to its request.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
    mixin() {
      const context = currentRequestContext();
      return { requestId: context?.requestId ?? null, tenantId: context?.tenantId ?? null };
    },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}

/**
 * A child for lines built only from known, secret-free fields (the per-request access line).
 * Redaction costs ~20 µs a line; on the request path that is most of the logging budget.
 */
export function createUnredactedChild(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [] } });
}
