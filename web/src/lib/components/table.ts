// Column definitions of DataTable.svelte.
export interface Column<R> {
  key: string;
  label: string;
  /** The value sorted on (and shown when `format` is absent). */
  value: (row: R) => string | number | null;
  format?: (row: R) => string;
  /** Link for the cell, e.g. a detail page; null for a row without one. */
  href?: (row: R) => string | null;
  /** Several links in one cell (e.g. a deployment's incidents); the formatted text shows when there are none. */
  links?: (row: R) => { text: string; href: string }[];
  numeric?: boolean;
  /** One plain sentence shown on hover/focus of the header. */
  definition?: string;
  /** Keep the cell on one line (times, short codes), whatever the other columns need. */
  nowrap?: boolean;
  /** false: the header does not sort (a server-sorted list whose API cannot sort this column). */
  sortable?: boolean;
  /** A share of the table's width for a column of long text (e.g. '30%'): titles should not wrap to a word per line. */
  width?: string;
}
