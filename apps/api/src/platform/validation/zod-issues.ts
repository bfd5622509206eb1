import type { z } from 'zod';
import type { InvalidParam } from '../errors/api-error';
import { PlatformErrors } from '../errors/platform.errors';
import type { ApiError } from '../errors/api-error';

const MAX_REPORTED_ISSUES = 20;

/** Zod issues as named fields: `in` is where the value came from (body, query, path, args). */
export function invalidParamsFromZod(error: z.ZodError, location: string): InvalidParam[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    name: [location, ...issue.path.map((segment) => String(segment))].join('.').slice(0, 200),
    reason: issue.message.slice(0, 300),
  }));
}

/** Parses `value` with `schema`, or throws a 400 `validation_failed` naming every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, location: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, location);
}

export function validationError(error: z.ZodError, location: string): ApiError {
  return PlatformErrors.validationFailed(invalidParamsFromZod(error, location));
}
