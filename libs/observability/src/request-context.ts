import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line and metric emitted while serving one request (or running one job) is
 * attributed to. `tenantId` is null until authentication has resolved the caller.
 */
export interface RequestContext {
  readonly requestId: string;
  tenantId: string | null;
  /** `user:<id>` or `api_key:<id>` once authenticated; used for audit and logs. */
  actor: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function createRequestContext(requestId: string): RequestContext {
  return { requestId, tenantId: null, actor: null };
}

/** Runs `fn` with a fresh context; everything it awaits sees the same context. */
export function runWithRequestContext<T>(requestId: string, fn: () => T): T {
  return storage.run(createRequestContext(requestId), fn);
}

/**
 * Runs `fn` inside an existing context. HTTP servers call this from each lifecycle hook, because
 * a request continues in stream callbacks (body parsing) that do not inherit the first hook's context.
 */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records who the caller is once authentication succeeds, so later log lines carry it. */
export function bindTenantToRequestContext(tenantId: string, actor: string): void {
  const context = storage.getStore();
  if (context) {
    context.tenantId = tenantId;
    context.actor = actor;
  }
}
