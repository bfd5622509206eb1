import { ApiError } from '@spv-cloud/api-client';

/** What went wrong, in words a user can act on; the request id is for support. */
export function describeError(error: unknown): {
  title: string;
  detail: string;
  requestId?: string | undefined;
} {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'network_error':
        return { title: 'The API could not be reached', detail: 'Check your connection and try again.' };
      case 'rate_limited':
        return {
          title: 'Too many requests',
          detail:
            error.retryAfterSeconds !== undefined
              ? `Try again in ${Math.ceil(error.retryAfterSeconds)} s.`
              : 'Wait a moment and try again.',
          requestId: error.requestId,
        };
      default:
        if (error.status === 403) {
          return {
            title: 'Not allowed',
            detail: `${error.detail} Your role does not include this action.`,
            requestId: error.requestId,
          };
        }
        return { title: error.title, detail: error.detail, requestId: error.requestId };
    }
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

/** An error box, announced to screen readers. `fieldLabels` turns `body.name` into "Name". */
export function ErrorNotice({
  error,
  fieldLabels = {},
}: {
  error: unknown;
  fieldLabels?: Record<string, string>;
}) {
  if (error === undefined || error === null) return null;
  const { title, detail, requestId } = describeError(error);
  const invalid = error instanceof ApiError ? error.invalidParams : [];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{detail}</p>
      {invalid.length > 0 && (
        <ul>
          {invalid.map((param) => (
            <li key={`${param.name}:${param.reason}`}>
              {fieldLabels[param.name] ?? param.name}: {param.reason}
            </li>
          ))}
        </ul>
      )}
      {requestId && <p className="notice-meta">Request id {requestId}</p>}
    </div>
  );
}
