import { ApiError } from '../../platform/errors/api-error';

export type BatchErrorCode = 'batch_not_found';

export const BatchErrors = {
  notFound: () =>
    new ApiError({
      code: 'batch_not_found',
      status: 404,
      title: 'Batch not found',
      detail: 'No such batch in this tenant.',
    }),
} as const;

export const BATCH_PROBLEM_CODES = [
  { code: 'batch_not_found', status: 404, title: 'Batch not found' },
] as const satisfies readonly { code: BatchErrorCode; status: number; title: string }[];
