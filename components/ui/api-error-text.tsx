'use client';

import { useApiErrorText } from './use-api-error-text';

/** A failed query's sentence in the user's language (a panel's muted line, an alert's text). */
export function ApiErrorText({ error, className }: { error: unknown; className?: string }) {
  const errorText = useApiErrorText();
  return (
    <div className={className} role="alert">
      {errorText(error)}
    </div>
  );
}
