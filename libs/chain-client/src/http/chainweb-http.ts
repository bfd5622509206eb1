import { ChainClientError, classifyNodeError, type NodeEndpointKind } from '../chain-client.errors';
import { backoffDelayMs, type RetryPolicy } from './retry-policy';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface ChainwebHttpOptions {
  /** Node root, without a trailing slash. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Defaults to Node's built-in fetch (undici). */
  readonly fetch?: FetchFunction;
  /** Defaults to a timer; tests pass a recorder. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); defaults to Math.random. */
  readonly random?: () => number;
  /** Called before each retry (logging, metrics). */
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  readonly endpoint: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: ChainClientError;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path from the node root, e.g. `/chainweb/0.0/mainnet01/cut`. */
  readonly path: string;
  /** `METHOD /template` for errors and logs, e.g. `GET /chain/{c}/header/{hash}`. */
  readonly endpoint: string;
  readonly kind: NodeEndpointKind;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly accept?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Retry 5xx, timeouts and connection failures (default true). */
  readonly retry?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** Requests it took. */
  readonly attempts: number;
}

/**
 * HTTP to one chainweb node: per-attempt timeouts (AbortSignal), bounded retries with full-jitter
 * backoff on 5xx, timeouts and connection errors — never on 4xx — and node errors mapped to codes.
 */
export class ChainwebHttp {
  private readonly fetchFn: FetchFunction;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: ChainwebHttpOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? abortableDelay;
    this.random = options.random ?? Math.random;
  }

  url(path: string, query?: HttpRequest['query']): string {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const maxAttempts = request.retry === false ? 1 : this.options.retry.maxAttempts;
    const url = this.url(request.path, request.query);
    const headers: Record<string, string> = {};
    if (request.accept) headers['accept'] = request.accept;
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json;charset=utf-8';
      body = JSON.stringify(request.body);
    }
    let lastError: ChainClientError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      throwIfAborted(request, attempt);
      const outcome = await this.attempt(url, request, headers, body, attempt);
      if (!(outcome instanceof ChainClientError)) return outcome;
      lastError = outcome;
      if (!outcome.retryable || attempt === maxAttempts || !isTransportRetryable(outcome)) throw outcome;
      const delayMs = backoffDelayMs(attempt, this.options.retry, this.random);
      this.options.onRetry?.({ endpoint: request.endpoint, attempt, delayMs, error: outcome });
      try {
        await this.sleep(delayMs, request.signal);
      } catch {
        throwIfAborted(request, attempt);
      }
    }
    throw lastError!;
  }

  /** One attempt: the response, or the error it ended with (thrown errors are only caller aborts). */
  private async attempt(
    url: string,
    request: HttpRequest,
    headers: Record<string, string>,
    body: string | undefined,
    attempt: number,
  ): Promise<HttpResponse | ChainClientError> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const details = { endpoint: request.endpoint, attempts: attempt };
    let response: Response;
    let bytes: Buffer;
    try {
      response = await this.fetchFn(url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal,
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throwIfAborted(request, attempt, error);
      if (timeout.aborted)
        return new ChainClientError('timeout', `${request.endpoint}: no answer within ${timeoutMs} ms`, {
          ...details,
          cause: error,
        });
      return new ChainClientError(
        'unavailable',
        `${request.endpoint}: connection failed (${describeNetworkError(error)})`,
        { ...details, cause: error },
      );
    }
    if (response.status >= 200 && response.status < 300) {
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: bytes,
        attempts: attempt,
      };
    }
    const text = bytes.toString('utf8');
    const failure = classifyNodeError(response.status, text, request.kind);
    return new ChainClientError(failure.code, `${request.endpoint}: ${failure.message}`, {
      ...details,
      status: response.status,
      nodeMessage: failure.message,
      retryable: failure.retryable,
    });
  }
}

/** Only transport-level conditions are retried here; a retryable 400 (SPV target too young) is the caller's to retry later. */
function isTransportRetryable(error: ChainClientError): boolean {
  return error.code === 'unavailable' || error.code === 'timeout';
}

function throwIfAborted(request: HttpRequest, attempt: number, cause?: unknown): void {
  if (request.signal?.aborted) {
    throw new ChainClientError('aborted', `${request.endpoint}: aborted by the caller`, {
      endpoint: request.endpoint,
      attempts: attempt,
      retryable: false,
      cause: cause ?? request.signal.reason,
    });
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
