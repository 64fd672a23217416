// Table rows as CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma, quote or
// line break). Like PostgreSQL's COPY … CSV, null is an empty unquoted field and the empty
// string is `""`, so the two survive a round trip. Arrays are joined with `;` (spreadsheet-friendly;
// an item that itself holds `;` would be ambiguous; the ids listed in tables do not in practice).
import type { TableColumn } from './table-columns.ts';

export function rowsToCsv(columns: TableColumn[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map((column) => quote(column.name)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => field(column, row[column.name])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function field(column: TableColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.list && Array.isArray(value)) return quote(value.map(text).join(';'));
  return quote(text(value));
}

function text(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function quote(value: string): string {
  return value === '' || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
