// Arrow IPC (`.arrow`, `.arrows`, `.ipc`), stream or file format, read batch by batch. Each row
// becomes a plain object of JSON values, converted by column type: 64-bit integers as numbers
// (strings past 2^53, where a number would change the digits), dates and timestamps as UTC ISO
// times, structs (`ai`, `impact`) as objects, lists as arrays; nulls are left out like empty CSV
// cells. The position is the 1-based row index across batches.

import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataType, RecordBatchReader } from 'apache-arrow';
import type { Entry } from './file.ts';

const ROWS_PER_YIELD = 1000;
/** The file format starts with it; the stream format with a message length. */
const FILE_MAGIC = Buffer.from('ARROW1');

type Convert = (value: unknown) => unknown;
type Row = Record<string, unknown>;
type BatchReader = Awaited<ReturnType<typeof RecordBatchReader.from>>;

/**
 * The file format keeps its schema and batch index in a footer at the end, which apache-arrow
 * can only reach in bounded memory by random access (reading it from a stream buffers the whole
 * file). So a plain file is read through a file handle, a gzipped stream-format file as a
 * stream, and a gzipped file-format file is first unzipped to a temporary file.
 */
export async function* readArrow(input: AsyncIterable<Buffer>, path: string, gzip: boolean): AsyncGenerator<Entry[]> {
  if (!gzip) {
    yield* readFromHandle(path);
    return;
  }
  const chunks = input[Symbol.asyncIterator]();
  const head = await readHead(chunks, FILE_MAGIC.length);
  const bytes = Readable.from(prepend(head, chunks));
  if (!head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
    yield* readBatches(await RecordBatchReader.from(bytes));
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'sevscope-arrow-'));
  try {
    const unzipped = join(dir, 'file.arrow');
    await pipeline(bytes, createWriteStream(unzipped));
    yield* readFromHandle(unzipped);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function* readFromHandle(path: string): AsyncGenerator<Entry[]> {
  const handle = await open(path);
  try {
    yield* readBatches(await RecordBatchReader.from(handle));
  } finally {
    // The reader may have closed it already; closing twice is harmless.
    await handle.close().catch(() => {});
  }
}

async function* readBatches(reader: BatchReader): AsyncGenerator<Entry[]> {
  let row = 0;
  for await (const batch of reader) {
    const columns = batch.schema.fields.map((field, i) => ({ name: field.name, vector: batch.getChildAt(i), convert: converterFor(field.type) }));
    let entries: Entry[] = [];
    for (let i = 0; i < batch.numRows; i++) {
      const value: Row = {};
      for (const { name, vector, convert } of columns) {
        const cell: unknown = vector?.get(i);
        if (cell !== null && cell !== undefined) setOwn(value, name, convert(cell));
      }
      entries.push({ line: ++row, value });
      // A batch may hold millions of rows: convert them a slice at a time.
      if (entries.length >= ROWS_PER_YIELD) {
        yield entries;
        entries = [];
      }
    }
    if (entries.length > 0) yield entries;
  }
}

/** The first chunks of the stream, at least `length` bytes of them unless the stream is shorter. */
async function readHead(chunks: AsyncIterator<Buffer>, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < length) {
    const next = await chunks.next();
    if (next.done) break;
    parts.push(next.value);
    size += next.value.length;
  }
  return Buffer.concat(parts);
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function converterFor(type: DataType): Convert {
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return toIsoTime;
  if (DataType.isInt(type) && type.bitWidth === 64) return toPlain;
  if (DataType.isDecimal(type)) return (value) => (value as { valueOf(scale: number): number }).valueOf(type.scale);
  if (DataType.isDictionary(type)) return converterFor(type.dictionary);
  if (DataType.isStruct(type)) {
    const children = type.children.map((field) => ({ name: field.name, convert: converterFor(field.type) }));
    return (value) => {
      const fields = (value as { toJSON(): Row }).toJSON();
      const object: Row = {};
      for (const { name, convert } of children) {
        const cell = fields[name];
        if (cell !== null && cell !== undefined) setOwn(object, name, convert(cell));
      }
      return object;
    };
  }
  if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isFixedSizeList(type)) {
    const convert = type.children[0] ? converterFor(type.children[0].type) : toPlain;
    return (value) => Array.from(value as Iterable<unknown>, (item) => (item === null || item === undefined ? null : convert(item)));
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isBool(type) || DataType.isFloat(type) || DataType.isInt(type)) {
    return (value) => value;
  }
  return toPlain;
}

/** Arrow gives dates and timestamps as epoch milliseconds, whatever their unit or zone. */
function toIsoTime(value: unknown): unknown {
  const date = typeof value === 'number' ? new Date(value) : value;
  // An out-of-range time stays a number, which the validator rejects with the value shown.
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : toPlain(value);
}

/** Any other Arrow value (maps, binary, unions, intervals) as JSON-safe data. */
function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, toPlain);
  if (Array.isArray(value)) return value.map(toPlain);
  const json = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (Array.isArray(json)) return json.map(toPlain);
  if (typeof json !== 'object' || json === null) return json;
  const object: Row = {};
  for (const [key, item] of Object.entries(json)) setOwn(object, key, toPlain(item));
  return object;
}

/** Assigns without letting a `__proto__` column name replace the row's prototype. */
function setOwn(target: Row, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
