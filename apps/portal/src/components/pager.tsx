import { useState } from 'react';

/**
 * Cursor paging: the API hands out a `nextCursor`; going back replays the cursors seen so far.
 * `key` changes whenever the page changes, for useApiData.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<readonly (string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    pageNumber: stack.length,
    key: `${stack.length}:${cursor ?? ''}`,
    next: (nextCursor: string) => setStack((current) => [...current, nextCursor]),
    previous: () => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current)),
    first: () => setStack([undefined]),
  };
}

export function Pager({
  pageNumber,
  nextCursor,
  onNext,
  onPrevious,
  label,
}: {
  pageNumber: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  label: string;
}) {
  if (pageNumber === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={pageNumber === 1} onClick={onPrevious}>
        Previous
      </button>
      <span>Page {pageNumber}</span>
      <button
        type="button"
        className="button"
        disabled={!nextCursor}
        onClick={() => nextCursor && onNext(nextCursor)}
      >
        Next
      </button>
    </nav>
  );
}
