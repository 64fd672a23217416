// Table rows as an Arrow IPC stream (application/vnd.apache.arrow.stream), typed from the
// route's row schema (table-columns.ts).
import {
  Bool,
  type DataType,
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import type { ColumnKind, TableColumn } from './table-columns.ts';

/**
 * `metadata` (string pairs) goes into the schema, e.g. the response's other fields (period,
 * next cursor) that a JSON client finds beside the rows.
 */
export function rowsToArrowStream(columns: TableColumn[], rows: readonly Record<string, unknown>[], metadata: Map<string, string>): Uint8Array {
  const fields = columns.map((column) => new Field(column.name, columnType(column), column.nullable));
  const children = columns.map((column, index) => {
    const convert = (value: unknown) => (value === null || value === undefined ? null : arrowValue(column.kind, value));
    const values = rows.map((row) => {
      const value = row[column.name];
      return column.list && Array.isArray(value) ? value.map(convert) : convert(value);
    });
    return vectorFromArray(values, fields[index]!.type).data[0]!;
  });
  const schema = new Schema(fields, metadata);
  const data = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table(schema, new RecordBatch(schema, data)), 'stream');
}

function columnType(column: TableColumn): DataType {
  const scalar = scalarType(column.kind);
  return column.list ? new List(new Field('item', scalar, true)) : scalar;
}

function scalarType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'utf8':
      return new Utf8();
    case 'category':
      return new Dictionary(new Utf8(), new Int32());
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'bool':
      return new Bool();
    case 'timestamp':
      return new Timestamp(TimeUnit.MILLISECOND, 'UTC');
    case 'date':
      return new DateDay();
  }
}

/** JSON-body values (ISO strings for times) as the Arrow builders take them. */
function arrowValue(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'timestamp':
      return value instanceof Date ? value.getTime() : Date.parse(String(value));
    case 'date':
      return value instanceof Date ? value : new Date(`${String(value)}T00:00:00Z`);
    case 'int64':
      return BigInt(value as number | string);
    case 'utf8':
    case 'category':
      return String(value);
    default:
      return value;
  }
}
