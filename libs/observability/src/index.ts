export {
  bindTenantToRequestContext,
  currentRequestContext,
  createRequestContext,
  runInRequestContext,
  runWithRequestContext,
  type RequestContext,
} from './request-context';
export {
  createLogger,
  createUnredactedChild,
  REDACTED_LOG_PATHS,
  type CreateLoggerOptions,
  type Logger,
  type LogLevel,
} from './logger';
export { MetricsRegistry, type HttpRequestObservation } from './metrics';
