// Record text shared by the JSON formats: NDJSON lines split from a byte stream, the byte cap a
// single record may take, and the entries made from one record's text. Working on bytes (not
// decoded text) lets a line be measured and cut without ever decoding or holding all of it.

import type { Entry } from './file.ts';

/** A line or JSON element longer than this is rejected: no real record comes near it. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** How much of an over-long record is kept as the rejection's `raw`. */
export const RAW_HEAD_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = '\uFEFF';

/**
 * The bytes of one record gathered across chunks. Up to MAX_RECORD_BYTES they are kept (as
 * views of the chunks, not copies); past it only the first RAW_HEAD_BYTES stay and the rest is
 * counted, so one absurd line costs at most the cap in memory.
 */
export class RecordBytes {
  private parts: Buffer[] = [];
  /** Every byte seen, including those dropped once the record became over-long. */
  length = 0;
  overlong = false;

  add(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.length += end - start;
    if (this.overlong) return;
    this.parts.push(chunk.subarray(start, end));
    if (this.length > MAX_RECORD_BYTES) {
      // concat copies the head out, so the chunks it came from can be collected.
      this.parts = [Buffer.concat(this.parts, RAW_HEAD_BYTES)];
      this.overlong = true;
    }
  }

  /** The kept bytes as text: the whole record, or only its head when over-long. */
  text(): string {
    if (this.parts.length === 1) return this.parts[0]!.toString('utf8');
    return Buffer.concat(this.parts).toString('utf8');
  }
}

export interface Line {
  /** 1-based physical line number. */
  number: number;
  /** Without its line ending, nor a BOM on line 1; only the head when `overlongBytes` is set. */
  text: string;
  /** The line's length in bytes when it was longer than MAX_RECORD_BYTES, else null. */
  overlongBytes: number | null;
}

/**
 * Splits a byte stream on `\n` (a `\r` before it is dropped), yielding the lines each chunk
 * completes. A last line without a newline is yielded too. Splitting bytes on 0x0a is safe for
 * UTF-8, whose multi-byte sequences never contain it.
 */
export async function* splitLines(input: AsyncIterable<Buffer>): AsyncGenerator<Line[]> {
  let pending: RecordBytes | null = null;
  let number = 0;
  for await (const chunk of input) {
    const lines: Line[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      number++;
      if (pending === null && end - start <= MAX_RECORD_BYTES) {
        // The common case: the whole line is in this chunk; decode it directly.
        const textEnd = end > start && chunk[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
        lines.push(makeLine(number, chunk.toString('utf8', start, textEnd), null));
      } else {
        pending ??= new RecordBytes();
        pending.add(chunk, start, end);
        lines.push(finishLine(number, pending));
        pending = null;
      }
      start = end + 1;
    }
    if (start < chunk.length) {
      pending ??= new RecordBytes();
      pending.add(chunk, start, chunk.length);
    }
    if (lines.length > 0) yield lines;
  }
  if (pending !== null) yield [finishLine(number + 1, pending)];
}

function finishLine(number: number, bytes: RecordBytes): Line {
  let text = bytes.text();
  if (bytes.overlong) return makeLine(number, text, bytes.length);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return makeLine(number, text, null);
}

function makeLine(number: number, text: string, overlongBytes: number | null): Line {
  return { number, text: number === 1 && text.startsWith(BOM) ? text.slice(1) : text, overlongBytes };
}

/** The entry for one record's JSON text: the parsed value, or an `invalid JSON` problem. */
export function jsonEntry(line: number, text: string): Entry {
  try {
    return { line, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { line, problem: { kind: null, id: null, field: 'record', reason: `record: invalid JSON (${detail})`, raw: cutRaw(text) } };
  }
}

/** The entry for a record longer than MAX_RECORD_BYTES; `head` is its first RAW_HEAD_BYTES. */
export function overlongEntry(line: number, what: 'line' | 'element', head: string, bytes: number): Entry {
  return {
    line,
    problem: {
      kind: null,
      id: null,
      field: 'record',
      reason: `record: ${what} is ${bytes} bytes, longer than the ${MAX_RECORD_BYTES / 1024 / 1024} MiB limit`,
      raw: `${head}${cutMarker(bytes, 'bytes')}`,
    },
  };
}

/** Rejected text is stored and printed: a broken record keeps at most RAW_HEAD_BYTES characters of it. */
export function cutRaw(text: string): string {
  return text.length > RAW_HEAD_BYTES ? `${text.slice(0, RAW_HEAD_BYTES)}${cutMarker(text.length, 'characters')}` : text;
}

function cutMarker(length: number, unit: 'bytes' | 'characters'): string {
  return `…[cut to the first ${RAW_HEAD_BYTES} of ${length} ${unit}]`;
}

const BLANK = /^\s*$/;

/** True for text that holds no record: empty or only whitespace. */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}
