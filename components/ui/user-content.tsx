import type { ReactNode } from 'react';

/**
 * Text that is data, not UI: names of people, offices and places, complaint titles and texts, stored in
 * the language they were entered in (divisions and offices have Chinese names only). Marked so that the
 * role walk's language checks (components/shell/role-walk.browser.test.ts) read around it.
 */
export function UserContent({ children }: { children: ReactNode }) {
  return <span data-user-content>{children}</span>;
}

/** A table column's render for a data cell. */
export const userContentCell = (value: ReactNode) => <UserContent>{value}</UserContent>;

/** next-intl's rich text: `<data>…</data>` in a message marks a value that is data. */
export const userData = (chunks: ReactNode) => <UserContent>{chunks}</UserContent>;
