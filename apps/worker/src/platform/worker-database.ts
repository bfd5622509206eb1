/** DI token for the process's `Database` (RLS-scoped `tenant` door, explicit `system` door). */
export const WORKER_DATABASE = Symbol('WorkerDatabase');
/** DI token for the frozen WorkerSettings. */
export const WORKER_SETTINGS = Symbol('WorkerSettings');
/** DI token for the pino logger. */
export const WORKER_LOGGER = Symbol('WorkerLogger');
/** DI token for the process's MetricsRegistry. */
export const WORKER_METRICS = Symbol('WorkerMetrics');
/** DI token for the wall clock (tests pin it). */
export const WORKER_CLOCK = Symbol('WorkerClock');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
