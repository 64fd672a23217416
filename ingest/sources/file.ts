// Files to validated records (`sevscope ingest PATH…`): NDJSON, JSON arrays, CSV and Arrow IPC,
// each optionally gzipped, read as streams in bounded memory whatever their size. A format
// module turns bytes into entries (a parsed value, or a problem with its text); this module
// applies the defaults, validates, and yields slices. A bad record is a rejection, never an
// exception: only a file that cannot be read at all (missing, unknown format) throws.

import { createReadStream, type Dirent } from 'node:fs';
import { access, constants, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Kind, Position, Rejection, Validated } from '../model.ts';
import { validateRecord } from '../validate.ts';
import { readArrow } from './arrow.ts';
import { readCsv } from './csv.ts';
import { readJsonArray } from './json-array.ts';
import { readNdjson } from './ndjson.ts';

export interface FileReadOptions {
  /** Required for CSV (one kind per file); for other formats a record's own `kind` wins, this is the fallback when absent. */
  kind?: Kind;
  /** Used as a record's `source` when the record has none (default 'file'). */
  defaultSource?: string;
  /** Validates one raw object; defaults to validateRecord with no options. Injected so the caller can pass severity mappings. */
  validate?: (raw: unknown, position: Position) => Validated;
  /** Items per yielded slice (default 1000). */
  sliceSize?: number;
}

export type FileFormat = 'ndjson' | 'json' | 'csv' | 'arrow';

/** A file that cannot be read at all: unknown extension, missing, unreadable, or CSV without a kind. */
export class UnsupportedFileError extends Error {
  override name = 'UnsupportedFileError';

  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** What a format module makes of one record: its parsed value, or why it has none. */
export type Entry = { line: number; value: unknown } | { line: number; problem: Problem };
/** A rejection before validation; file.ts adds the position. */
export type Problem = Omit<Rejection, 'position'>;

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'json',
  csv: 'csv',
  arrow: 'arrow',
  arrows: 'arrow',
  ipc: 'arrow',
};
const SUPPORTED = '.ndjson, .jsonl, .json, .csv, .arrow, .arrows or .ipc, optionally + .gz';

/** Larger reads than the 64 KiB default: fewer chunks to split, measurably faster on big files. */
const READ_CHUNK_BYTES = 256 * 1024;

/** The format by extension (case-insensitive), or null when not supported. */
export function detectFormat(path: string): { format: FileFormat; gzip: boolean } | null {
  const name = basename(path).toLowerCase();
  const gzip = name.endsWith('.gz');
  const base = gzip ? name.slice(0, -'.gz'.length) : name;
  const dot = base.lastIndexOf('.');
  const format = dot === -1 ? undefined : EXTENSIONS[base.slice(dot + 1)];
  return format === undefined ? null : { format, gzip };
}

/**
 * The files `readPaths` reads, in order: each path as given, a directory replaced by every
 * supported file in it (sorted by name, recursively; hidden entries skipped). Each is checked,
 * so the caller can refuse a typo or a CSV without kind before opening a batch.
 */
export async function listInputFiles(paths: string[], options: FileReadOptions = {}): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const found = await listSupportedFiles(path);
      if (found.length === 0) throw new UnsupportedFileError(path, `no supported files in this directory (${SUPPORTED})`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  for (const file of files) await checkFile(file, options);
  return files;
}

/** Every record of `paths` (see listInputFiles), all checked before the first is read. */
export async function* readPaths(paths: string[], options: FileReadOptions = {}): AsyncGenerator<Validated[]> {
  for (const file of await listInputFiles(paths, options)) yield* readFile(file, options);
}

/** One file's records, in slices of up to `sliceSize`. */
export async function* readFile(path: string, options: FileReadOptions = {}): AsyncGenerator<Validated[]> {
  const { format, gzip } = await checkFile(path, options);
  yield* readStream(openBytes(path, gzip), { format, gzip, origin: path }, options);
}

/**
 * Records from a byte stream of one format (a file, or an HTTP request body); `origin` names it
 * in positions. The stream is destroyed when reading ends or the consumer stops early.
 */
export async function* readStream(
  input: Readable,
  from: { format: FileFormat; gzip: boolean; origin: string },
  options: FileReadOptions = {},
): AsyncGenerator<Validated[]> {
  const sliceSize = options.sliceSize ?? 1000;
  if (!Number.isInteger(sliceSize) || sliceSize < 1) throw new RangeError(`sliceSize: expected a positive integer, got ${sliceSize}`);
  const validate = options.validate ?? ((raw: unknown, position: Position) => validateRecord(raw, position));
  const defaultSource = options.defaultSource ?? 'file';
  const path = from.origin;

  const reader = readEntries(from.format, input, path, from.gzip, options.kind);
  let slice: Validated[] = [];
  let lastLine = 0;
  try {
    for (;;) {
      let next: IteratorResult<Entry[]>;
      try {
        next = await reader.next();
      } catch (error) {
        // A read error part-way (a truncated .gz, corrupt Arrow data) ends this file, not the
        // run: the records before it stand, and the rejection says where reading stopped.
        slice.push({ ok: false, rejection: unreadableRest(path, lastLine + 1, error) });
        break;
      }
      if (next.done) break;
      for (const entry of next.value) {
        lastLine = entry.line;
        const position: Position = { origin: path, line: entry.line };
        slice.push(
          'problem' in entry
            ? { ok: false, rejection: { ...entry.problem, position } }
            : validate(withDefaults(entry.value, options.kind, defaultSource), position),
        );
        if (slice.length >= sliceSize) {
          yield slice;
          slice = [];
        }
      }
    }
    if (slice.length > 0) yield slice;
  } finally {
    // Stopped early (the consumer broke off) or done: close the reader and the input either way.
    await reader.return(undefined).catch(() => {});
    input.destroy();
  }
}

function readEntries(format: FileFormat, input: Readable, path: string, gzip: boolean, kind: Kind | undefined): AsyncGenerator<Entry[]> {
  switch (format) {
    case 'ndjson':
      return readNdjson(input);
    case 'json':
      return readJsonArray(input);
    case 'arrow':
      return readArrow(input, path, gzip);
    case 'csv':
      if (kind === undefined) throw new UnsupportedFileError(path, CSV_WITHOUT_KIND);
      return readCsv(input, kind);
  }
}

const CSV_WITHOUT_KIND = 'a CSV file holds records of one kind; give its kind (--kind)';

async function checkFile(path: string, options: FileReadOptions): Promise<{ format: FileFormat; gzip: boolean }> {
  const detected = detectFormat(path);
  if (detected === null) throw new UnsupportedFileError(path, `unsupported file type (expected ${SUPPORTED})`);
  const info = await stat(path).catch(() => null);
  if (info === null) throw new UnsupportedFileError(path, 'no such file');
  if (!info.isFile()) throw new UnsupportedFileError(path, 'not a regular file');
  if (!(await access(path, constants.R_OK).then(() => true, () => false))) throw new UnsupportedFileError(path, 'not readable (permission denied)');
  if (detected.format === 'csv' && options.kind === undefined) {
    throw new UnsupportedFileError(path, CSV_WITHOUT_KIND);
  }
  return detected;
}

function openBytes(path: string, gzip: boolean): Readable {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  if (!gzip) return file;
  // pipeline passes a read error on to the gunzip stream and destroys the file with it;
  // the callback only stops an unhandled-error crash, the reader sees the error itself.
  return pipeline(file, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {});
}

/** The caller's kind and source for a record that names none; the record's own win. */
function withDefaults(value: unknown, kind: Kind | undefined, source: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (kind !== undefined && isAbsent(record.kind)) record.kind = kind;
  if (isAbsent(record.source)) record.source = source;
  return record;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0);
}

function unreadableRest(path: string, line: number, error: unknown): Rejection {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: null, id: null, field: 'record', reason: `record: cannot read the rest of the file (${detail})`, raw: '', position: { origin: path, line } };
}

/** Supported files under `dir`, depth first and sorted by name; symlinked directories are followed once. */
async function listSupportedFiles(dir: string, visited = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir);
  if (visited.has(real)) return [];
  visited.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const kind = await entryKind(entry, path);
    if (kind === 'directory') files.push(...(await listSupportedFiles(path, visited)));
    else if (kind === 'file' && detectFormat(entry.name) !== null) files.push(path);
  }
  return files;
}

async function entryKind(entry: Dirent, path: string): Promise<'file' | 'directory' | 'other'> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
  const target = await stat(path).catch(() => null);
  return target?.isDirectory() ? 'directory' : target?.isFile() ? 'file' : 'other';
}
