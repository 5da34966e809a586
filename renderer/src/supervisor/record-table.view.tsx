import type { ReactNode } from 'react';

/**
 * A supervisor list: a muted note while there is nothing to show, else a table with one header per column. The
 * note and the table share the test id, so a test can wait for the list whether or not it is empty yet.
 */
export function RecordTable<T>({
  testId,
  columns,
  items,
  empty,
  row,
}: {
  testId: string;
  columns: readonly string[];
  items: readonly T[];
  empty: ReactNode;
  /** One `<tr>` per item, keyed. */
  row: (item: T) => ReactNode;
}) {
  if (items.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {empty}
      </p>
    );
  }
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{items.map(row)}</tbody>
    </table>
  );
}
