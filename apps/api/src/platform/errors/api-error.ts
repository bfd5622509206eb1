/** One invalid input field, named by its path (`scopes.2`, `email`) so clients can point at it. */
export interface InvalidParam {
  readonly name: string;
  readonly reason: string;
}

export interface ApiErrorInit {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly invalidParams?: readonly InvalidParam[];
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Logged, never sent: why this happened in operator terms. */
  readonly logReason?: string;
}

/**
 * The one error type services and transports throw on purpose. Every field of it is safe to show
 * a client; anything else that reaches an exception mapper is treated as an internal error.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly invalidParams: readonly InvalidParam[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly logReason: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.invalidParams = init.invalidParams;
    this.headers = init.headers;
    this.logReason = init.logReason;
  }
}
