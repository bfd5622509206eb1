import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's `<h1>`: sets the document title and takes focus when the page opens, so a
 * screen-reader user hears where a navigation went (a SPA has no page load to announce it).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · SPV Cloud`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="page-heading">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
