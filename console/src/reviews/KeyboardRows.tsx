import type { KeyboardEvent } from 'react';
import { DataTableBody, DataTableRow, type DataTableBodyProps, type DataTableRowProps } from 'react-admin';

/** Enter (or Space) on a focused row does what a click does: open the item. */
const openOnKey = (event: KeyboardEvent<HTMLTableRowElement>) => {
  if (event.target !== event.currentTarget) return; // a button inside the row handles its own keys
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  event.currentTarget.click();
};

/** A queue row reachable with Tab (issue 16's contract: rows are focusable and open with Enter). */
const KeyboardRow = (props: DataTableRowProps) => <DataTableRow {...props} tabIndex={0} onKeyDown={openOnKey} />;

/** DataTable's body with keyboard rows: `<DataTable body={KeyboardRowsBody}>`. */
export const KeyboardRowsBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={KeyboardRow} />;
