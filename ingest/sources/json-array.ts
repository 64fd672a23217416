// JSON array files (`.json`): `[ {…}, {…} ]`, read element by element. A small splitter follows
// strings, escapes and bracket depth over the bytes to find where each top-level element ends,
// and hands that element's text alone to JSON.parse: the file is never parsed or held whole.
// The position is the element's 1-based index.

import type { Entry } from './file.ts';
import { MAX_RECORD_BYTES, RecordBytes, jsonEntry, overlongEntry } from './lines.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** How much text a problem outside any element quotes. */
const SNIPPET_BYTES = 40;

type State = 'before-array' | 'between-elements' | 'in-element' | 'after-array' | 'stopped';

export async function* readJsonArray(input: AsyncIterable<Buffer>): AsyncGenerator<Entry[]> {
  const splitter = new ElementSplitter();
  for await (const chunk of input) {
    const entries = splitter.push(chunk);
    if (entries.length > 0) yield entries;
    if (splitter.state === 'stopped') return;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

class ElementSplitter {
  state: State = 'before-array';
  /** Elements started so far: the index of the current one. */
  private index = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element's bytes from earlier chunks; null while it lies within one chunk. */
  private earlier: RecordBytes | null = null;
  /** Bytes of the file before the current chunk, to recognise a BOM at its very start. */
  private offset = 0;

  push(chunk: Buffer): Entry[] {
    const entries: Entry[] = [];
    let start = 0; // where the current element starts in this chunk
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'in-element') {
        const end = this.scanElement(chunk, i);
        if (end === -1) {
          this.earlier ??= new RecordBytes();
          this.earlier.add(chunk, start, chunk.length);
          break;
        }
        entries.push(this.finishElement(chunk, start, end));
        this.state = chunk[end] === COMMA ? 'between-elements' : 'after-array';
        i = end + 1;
        continue;
      }
      const c = chunk[i]!;
      if (this.state === 'between-elements') {
        if (c === CLOSE_BRACKET) {
          this.state = 'after-array';
        } else if (c !== COMMA && !isWhitespace(c)) {
          // Stray commas are skipped rather than read as empty elements.
          this.startElement(c);
          start = i;
        }
      } else if (this.state === 'before-array') {
        if (c === OPEN_BRACKET) {
          this.state = 'between-elements';
        } else if (!isWhitespace(c) && !(this.offset + i < UTF8_BOM.length && c === UTF8_BOM[this.offset + i])) {
          entries.push(this.stop(1, notAnArrayReason(c), chunk, i));
          break;
        }
      } else if (this.state === 'after-array') {
        if (!isWhitespace(c)) {
          entries.push(this.stop(this.index + 1, "record: unexpected text after the array's closing ]", chunk, i));
          break;
        }
      } else {
        break;
      }
      i++;
    }
    this.offset += chunk.length;
    return entries;
  }

  /**
   * Follows the current element from `from` to the `,` or `]` that ends it at depth 0; -1 when
   * the chunk ends first. The hot loop of this reader, so its state lives in locals meanwhile.
   */
  private scanElement(chunk: Buffer, from: number): number {
    let { depth, inString, escaped } = this;
    let end = -1;
    for (let i = from; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (depth > 0) {
        if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      } else if (c === COMMA || c === CLOSE_BRACKET) {
        // A `}` at depth 0 is left in the element, where JSON.parse reports it.
        end = i;
        break;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return end;
  }

  /** At the end of the input: a truncated last element, or an array never closed, is reported. */
  end(): Entry[] {
    const unclosed = this.problem(this.index + 1, 'record: the file ends before the closing ] of the array (truncated?)', '');
    if (this.state === 'between-elements') return [unclosed];
    if (this.state !== 'in-element') return [];
    const last = this.finishElement(Buffer.alloc(0), 0, 0);
    this.state = 'stopped';
    // A truncated element already says the file is cut short; a complete one does not.
    return 'problem' in last ? [last] : [last, unclosed];
  }

  private startElement(first: number): void {
    this.state = 'in-element';
    this.index++;
    this.inString = first === QUOTE;
    this.escaped = false;
    this.depth = first === OPEN_BRACE || first === OPEN_BRACKET ? 1 : 0;
  }

  private finishElement(chunk: Buffer, start: number, end: number): Entry {
    if (this.earlier === null && end - start <= MAX_RECORD_BYTES) return jsonEntry(this.index, chunk.toString('utf8', start, end));
    const bytes = this.earlier ?? new RecordBytes();
    this.earlier = null;
    bytes.add(chunk, start, end);
    if (bytes.overlong) return overlongEntry(this.index, 'element', bytes.text(), bytes.length);
    return jsonEntry(this.index, bytes.text());
  }

  private stop(index: number, reason: string, chunk: Buffer, at: number): Entry {
    this.state = 'stopped';
    return this.problem(index, reason, chunk.toString('utf8', at, at + SNIPPET_BYTES));
  }

  private problem(index: number, reason: string, raw: string): Entry {
    return { line: index, problem: { kind: null, id: null, field: 'record', reason, raw } };
  }
}

function notAnArrayReason(first: number): string {
  const hint = first === OPEN_BRACE ? '; a file of one record per line should be named .ndjson' : '';
  return `record: expected a JSON array ([ … ]) at the start of the file${hint}`;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
