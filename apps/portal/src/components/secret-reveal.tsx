import { useEffect, useId, useRef } from 'react';
import { CopyButton } from './copy-button';

/**
 * A secret shown exactly once (API key, invitation link): focused and announced on arrival,
 * selectable, copyable, and gone when dismissed: the API cannot show it again.
 */
export function SecretReveal({
  title,
  secret,
  description,
  onDismiss,
  dismissLabel = 'I have stored it',
}: {
  title: string;
  secret: string;
  description: string;
  onDismiss: () => void;
  dismissLabel?: string;
}) {
  const headingId = useId();
  const fieldId = useId();
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [secret]);
  return (
    <section className="secret" aria-labelledby={headingId} ref={box} tabIndex={-1}>
      <h2 id={headingId}>{title}</h2>
      <p>{description}</p>
      <label className="visually-hidden" htmlFor={fieldId}>
        {title}
      </label>
      <div className="secret-row">
        <input
          id={fieldId}
          className="secret-value"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <CopyButton text={secret} className="button button-primary" />
      </div>
      <p className="secret-warning">This is the only time it is shown.</p>
      <button type="button" className="button" onClick={onDismiss}>
        {dismissLabel}
      </button>
    </section>
  );
}
