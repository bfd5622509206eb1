import type { ApiError, InvalidParam } from './api-error';

/** RFC 9457 problem details, the body of every REST error response. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly requestId: string;
  readonly invalidParams?: readonly InvalidParam[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types resolve to the docs page section that explains the code. */
export function problemType(code: string): string {
  return `/docs#problem-${code}`;
}

export function toProblemDocument(error: ApiError, requestId: string): ProblemDocument {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...(error.invalidParams?.length ? { invalidParams: error.invalidParams } : {}),
  };
}
