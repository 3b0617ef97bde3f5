import type { ReactNode } from 'react';

export interface AdminTableProps<T> {
  items: readonly T[];
  /** Said instead of the table while there is nothing to list. */
  empty: string;
  /** The column headings, in order; null for the actions column, which has none. */
  headings: ReadonlyArray<string | null>;
  testId?: string;
  /** One item's row: a `<tr>` with its key. */
  children: (item: T) => ReactNode;
}

/** A list of an admin tab as a table that scrolls sideways on a narrow screen, or one muted line when it is empty. */
export function AdminTable<T>({ items, empty, headings, testId, children }: AdminTableProps<T>) {
  if (items.length === 0) return <p className="account-muted">{empty}</p>;
  return (
    <div className="account-table-wrap">
      <table className="account-table" data-testid={testId}>
        <thead>
          <tr>
            {headings.map((heading, column) => (
              <th key={column}>{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{items.map((item) => children(item))}</tbody>
      </table>
    </div>
  );
}
