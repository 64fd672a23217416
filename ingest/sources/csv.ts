// CSV files (`.csv`): a header row, then one record of a single kind per row. Cells stay strings
// (the validator reads digit strings, `true`/`false` and `a;b` lists), empty cells are omitted,
// dotted headers (`ai.tool`, `impact.orders_lost`) nest, and an `attributes` cell holds JSON.
// The position is the physical line where the row starts; the header is line 1.

import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Kind } from '../model.ts';
import type { Entry, Problem } from './file.ts';
import { MAX_RECORD_BYTES, cutRaw } from './lines.ts';

/** Rows per yielded array; each row already costs a promise in csv-parse's iterator. */
const ROWS_PER_YIELD = 500;

interface Column {
  name: string;
  /** `ai.tool` → ['ai', 'tool']. */
  path: string[];
}

interface Header {
  columns: Column[];
  /** Where the `kind` and `id` columns are, to name a rejected row; -1 when absent. */
  kindAt: number;
  idAt: number;
}

type Row = Record<string, unknown>;

export async function* readCsv(input: AsyncIterable<Buffer>, kind: Kind): AsyncGenerator<Entry[]> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const source = Readable.from(input);
  // A read error (a corrupt .gz) ends the parser with it, so it reaches the loop below.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let header: Header | null = null;
  // csv-parse's own line count goes wrong on CRLF inside quotes, so lines are counted here: each
  // row takes one line plus the line breaks inside its cells, and skipped empty lines add theirs.
  let rowLines = 0;
  let entries: Entry[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { empty_lines: number } }>) {
      const line = 1 + rowLines + info.empty_lines;
      rowLines += 1 + lineBreaksIn(record);
      if (header === null) {
        const read = readHeader(record);
        if (typeof read === 'string') {
          yield [{ line, problem: problemOf(kind, null, 'record', read, record) }];
          return;
        }
        header = read;
      } else if (!record.every(isBlank)) {
        entries.push(readRow(record, header, line, kind));
        if (entries.length >= ROWS_PER_YIELD) {
          yield entries;
          entries = [];
        }
      }
    }
  } catch (error) {
    if (!(error instanceof CsvError)) {
      // Not the CSV's fault (a read error): the rows read so far still count, then it goes up.
      if (entries.length > 0) yield entries;
      throw error;
    }
    // The broken row starts after the last good one (and any empty lines before it).
    const emptyLines = typeof error.empty_lines === 'number' ? error.empty_lines : 0;
    entries.push({ line: 1 + rowLines + emptyLines, problem: problemOf(kind, null, 'record', `record: malformed CSV (${error.message})`, []) });
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (entries.length > 0) yield entries;
}

/** The header's columns, or the reason it cannot be read. */
function readHeader(names: string[]): Header | string {
  const columns = names.map((raw, i) => {
    // A column without a name keeps its cells, under a name that says where they came from.
    const name = raw.trim() || `column_${i + 1}`;
    const path = name.split('.');
    return { name, path: path.includes('') ? [name] : path };
  });
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) return `record: header repeats column ${JSON.stringify(name)}`;
    seen.add(name);
  }
  // `ai` and `ai.tool` cannot both be columns: `ai` would be a value and an object at once.
  for (const { name } of columns) {
    const nested = columns.find((other) => other.name.startsWith(`${name}.`) && other.path.length > 1);
    if (nested) return `record: header has both ${JSON.stringify(name)} and ${JSON.stringify(nested.name)}`;
  }
  const indexOf = (name: string) => columns.findIndex((column) => column.name === name);
  return { columns, kindAt: indexOf('kind'), idAt: indexOf('id') };
}

function readRow(cells: string[], { columns, kindAt, idAt }: Header, line: number, fileKind: Kind): Entry {
  const kind = cellAt(cells, kindAt) ?? fileKind;
  const id = cellAt(cells, idAt);
  if (cells.length !== columns.length) {
    const reason = `record: row has ${cells.length} fields, header has ${columns.length}`;
    return { line, problem: problemOf(kind, id, 'record', reason, cells) };
  }
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const cell = cells[i]!;
    if (isBlank(cell)) continue;
    const column = columns[i]!;
    let value: unknown = cell;
    if (column.name === 'attributes') {
      try {
        value = JSON.parse(cell);
      } catch (error) {
        const reason = `${kind}.attributes: invalid JSON (${error instanceof Error ? error.message : String(error)})`;
        return { line, problem: problemOf(kind, id, `${kind}.attributes`, reason, cells) };
      }
    } else if (column.name === 'ai.assisted') {
      value = booleanCell(cell);
    }
    setPath(row, column.path, value);
  }
  return { line, value: row };
}

/** `true`/`false` (any case) as a boolean; anything else stays text for the validator to reject. */
function booleanCell(cell: string): unknown {
  const text = cell.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : cell;
}

function cellAt(cells: string[], i: number): string | null {
  const cell = cells[i];
  return cell === undefined || isBlank(cell) ? null : cell.trim();
}

function setPath(row: Row, path: string[], value: unknown): void {
  let target = row;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = Object.hasOwn(target, key) ? target[key] : undefined;
    if (typeof next === 'object' && next !== null) {
      target = next as Row;
    } else {
      const created: Row = {};
      setOwn(target, key, created);
      target = created;
    }
  }
  setOwn(target, path[path.length - 1]!, value);
}

/** Assigns without letting a `__proto__` header replace the row's prototype. */
function setOwn(target: Row, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function problemOf(kind: string | null, id: string | null, field: string, reason: string, cells: string[]): Problem {
  return { kind, id, field, reason, raw: cutRaw(cells.map(quoteCell).join(',')) };
}

/** The row written back as CSV text, for the rejection's raw. */
function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function lineBreaksIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count++;
  }
  return count;
}

function isBlank(cell: string): boolean {
  return cell.trim().length === 0;
}
