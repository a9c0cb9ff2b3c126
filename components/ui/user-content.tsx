import type { ReactNode, TdHTMLAttributes } from 'react';

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

/**
 * A table column's cell props for a data column whose cell carries the text in its own attributes too
 * (antd's `ellipsis` puts the full text in the cell's `title`): the cell itself is marked.
 */
export const userContentOnCell = () =>
  ({ 'data-user-content': '' }) as TdHTMLAttributes<HTMLTableCellElement>;

/** next-intl's rich text: `<zh>…</zh>` in an English message marks a Chinese term quoted as such (e.g. 调休). */
export const chineseTerm = (chunks: ReactNode) => <span lang="zh-CN">{chunks}</span>;
