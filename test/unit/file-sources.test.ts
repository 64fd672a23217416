import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  Bool,
  Field,
  Int64,
  List,
  RecordBatchStreamWriter,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  tableFromArrays,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentRecord, IncidentRecord, NormalizedRecord, Rejection, Validated } from '../../ingest/model.ts';
import { UnsupportedFileError, detectFormat, listInputFiles, readFile, readPaths, type FileReadOptions } from '../../ingest/sources/file.ts';
import { validateRecord } from '../../ingest/validate.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sevscope-file-sources-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Fixtures: raw records and the files that hold them.

const makeDeployment = (fields: Record<string, unknown> = {}) => ({
  kind: 'deployment', source: 'ci', id: 'd-1', service: 'checkout-api', environment: 'production',
  started_at: '2026-03-05T15:00:00Z', status: 'succeeded', ...fields,
});

const deployments = (count: number) => Array.from({ length: count }, (_, i) => makeDeployment({ id: `d-${i + 1}` }));

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

const writeGzip = (name: string, content: string | Uint8Array) => write(name, gzipSync(content));

const ndjson = (records: unknown[], eol = '\n') => records.map((record) => JSON.stringify(record) + eol).join('');

function csv(rows: string[][], eol = '\n'): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return rows.map((row) => row.map(cell).join(',') + eol).join('');
}

async function collectSlices(items: AsyncIterable<Validated[]>): Promise<Validated[][]> {
  const slices: Validated[][] = [];
  for await (const slice of items) slices.push(slice);
  return slices;
}

async function read(file: string, options?: FileReadOptions): Promise<Validated[]> {
  return (await collectSlices(readFile(file, options))).flat();
}

function records(items: Validated[]): NormalizedRecord[] {
  return items.flatMap((item) => (item.ok ? [item.record] : []));
}

function rejections(items: Validated[]): Rejection[] {
  return items.flatMap((item) => (item.ok ? [] : [item.rejection]));
}

/** `id@line` for accepted records, `!line` for rejections: the shape of a whole read at a glance. */
function outline(items: Validated[]): string[] {
  return items.map((item) => (item.ok ? `${item.record.id}@${item.position.line}` : `!${item.rejection.position.line}`));
}

async function readError(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

// ---------------------------------------------------------------------------------------------

// First, so the big fixtures of later tests have not already grown the heap it measures against.
describe('memory', () => {
  it('streams a ~300 MB NDJSON file with bounded memory', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'large.ndjson');
    const lineCount = 300_000;
    const padding = 'p'.repeat(800); // ~1 KB per line
    const out = createWriteStream(file);
    for (let i = 0; i < lineCount; i += 1000) {
      const block = Array.from({ length: 1000 }, (_, j) => JSON.stringify(makeDeployment({ id: `d-${i + j}`, notes: padding }))).join('\n');
      if (!out.write(`${block}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

    try {
      const before = process.memoryUsage().rss;
      let peak = before;
      let accepted = 0;
      for await (const slice of readFile(file)) {
        for (const item of slice) if (item.ok) accepted++;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      expect(accepted).toBe(lineCount);
      // Reading the file whole would take twice its size; streaming stays near the baseline.
      expect(peak - before, 'rss growth').toBeLessThan(150 * 1024 * 1024);
    } finally {
      await rm(file, { force: true });
    }
  });
});

describe('detectFormat', () => {
  it('knows the formats by extension, with or without .gz', () => {
    expect(detectFormat('a/b.ndjson')).toEqual({ format: 'ndjson', gzip: false });
    expect(detectFormat('b.JSONL.GZ')).toEqual({ format: 'ndjson', gzip: true });
    expect(detectFormat('b.json')).toEqual({ format: 'json', gzip: false });
    expect(detectFormat('b.csv.gz')).toEqual({ format: 'csv', gzip: true });
    expect(detectFormat('b.arrow')).toEqual({ format: 'arrow', gzip: false });
    expect(detectFormat('b.arrows.gz')).toEqual({ format: 'arrow', gzip: true });
    expect(detectFormat('b.ipc')).toEqual({ format: 'arrow', gzip: false });
  });

  it('refuses anything else', () => {
    expect(detectFormat('b.txt')).toBeNull();
    expect(detectFormat('b.gz')).toBeNull();
    expect(detectFormat('data.json/readme')).toBeNull();
    expect(detectFormat('ndjson')).toBeNull();
  });
});

describe('NDJSON', () => {
  it('validates each line and gives its physical line as the position', async () => {
    const file = await write('good.ndjson', ndjson([makeDeployment({ id: 'd-1', regions: ['eu'] }), makeDeployment({ id: 'd-2', status: 'failed' })]));
    const items = await read(file);
    expect(items).toEqual([
      validateRecord(makeDeployment({ id: 'd-1', regions: ['eu'] }), { origin: file, line: 1 }),
      validateRecord(makeDeployment({ id: 'd-2', status: 'failed' }), { origin: file, line: 2 }),
    ]);
    expect(items.every((item) => item.ok)).toBe(true);
  });

  it('reads gzip the same', async () => {
    const file = await writeGzip('good.ndjson.gz', ndjson(deployments(3)));
    const items = await read(file);
    expect(outline(items)).toEqual(['d-1@1', 'd-2@2', 'd-3@3']);
    expect(items[0]!.ok && items[0]!.position.origin).toBe(file);
  });

  it('gives a record without kind or source the fallbacks, and keeps its own otherwise', async () => {
    const { kind: _kind, source: _source, ...bare } = makeDeployment({ id: 'bare' });
    const file = await write('defaults.jsonl', ndjson([bare, makeDeployment({ id: 'own', source: 'github:acme/shop' })]));
    const [first, second] = records(await read(file, { kind: 'deployment', defaultSource: 'upload' }));
    expect(first).toMatchObject({ kind: 'deployment', id: 'bare', source: 'upload' });
    expect(second).toMatchObject({ kind: 'deployment', id: 'own', source: 'github:acme/shop' });

    const [rejection] = rejections(await read(file));
    expect(rejection).toMatchObject({ field: 'record.kind', reason: 'record.kind: required', position: { line: 1 } });
  });

  it('skips a BOM and blank lines, reads CRLF and a last line without newline', async () => {
    const [a, b, c] = deployments(3).map((record) => JSON.stringify(record));
    const file = await write('crlf.ndjson', `\uFEFF${a}\r\n\r\n   \r\n${b}\r\n\t\n${c}`);
    expect(outline(await read(file))).toEqual(['d-1@1', 'd-2@4', 'd-3@6']);
  });

  it('rejects invalid JSON lines and goes on with the rest, counts exact', async () => {
    const lines = [
      JSON.stringify(makeDeployment({ id: 'a' })),
      '{"kind": "deployment", "id": ',
      'not json at all',
      JSON.stringify(makeDeployment({ id: 'b' })),
      '{"id": "x"}}',
      JSON.stringify(makeDeployment({ id: 'c' })),
    ];
    const file = await write('broken.ndjson', `${lines.join('\n')}\n`);
    const items = await read(file);
    expect(outline(items)).toEqual(['a@1', '!2', '!3', 'b@4', '!5', 'c@6']);
    const [truncated, prose] = rejections(items);
    expect(truncated).toEqual({
      kind: null,
      id: null,
      field: 'record',
      reason: expect.stringMatching(/^record: invalid JSON \(.+\)$/),
      raw: '{"kind": "deployment", "id": ',
      position: { origin: file, line: 2 },
    });
    expect(prose!.raw).toBe('not json at all');
  });

  it('rejects a truncated last line', async () => {
    const text = ndjson(deployments(2)) + JSON.stringify(makeDeployment({ id: 'd-3' })).slice(0, 40);
    const items = await read(await write('truncated.ndjson', text));
    expect(outline(items)).toEqual(['d-1@1', 'd-2@2', '!3']);
    expect(rejections(items)[0]!.reason).toMatch(/^record: invalid JSON/);
  });

  it('hands non-objects to the validator, which rejects them', async () => {
    const items = await read(await write('scalars.ndjson', '42\n[1,2]\n"text"\nnull\n'));
    expect(rejections(items).map((r) => r.reason)).toEqual([
      'record: expected a JSON object, got 42',
      'record: expected a JSON object, got [1,2]',
      'record: expected a JSON object, got "text"',
      'record: expected a JSON object, got null',
    ]);
  });

  it('survives NUL bytes: raw in a string or outside it is invalid JSON, escaped is refused by the validator', async () => {
    const escaped = JSON.stringify(makeDeployment({ id: 'nul', version: 'v\u00001' }));
    const file = await write('nul.ndjson', `{"id": "a\u0000b"}\n\u0000\n${escaped}\n${JSON.stringify(makeDeployment())}\n`);
    const items = await read(file);
    expect(outline(items)).toEqual(['!1', '!2', '!3', 'd-1@4']);
    const [inString, alone, inValue] = rejections(items);
    expect(inString!.reason).toMatch(/^record: invalid JSON/);
    expect(alone!.reason).toMatch(/^record: invalid JSON/);
    expect(inValue!.reason).toMatch(/deployment\.version: contains a NUL character/);
  });

  it('yields slices of sliceSize', async () => {
    const file = await write('many.ndjson', ndjson(deployments(2500)));
    const slices = await collectSlices(readFile(file, { sliceSize: 1000 }));
    expect(slices.map((slice) => slice.length)).toEqual([1000, 1000, 500]);
  });

  it('uses the injected validator', async () => {
    const file = await write('sev.ndjson', ndjson([{ kind: 'incident', id: 'Q1', title: 'Down', severity: 'urgent', impact_started_at: '2026-03-05T16:00:00Z' }]));
    const validate: FileReadOptions['validate'] = (raw, position) => validateRecord(raw, position, { severityMap: { urgent: 'sev1' } });
    const [incident] = records(await read(file, { validate })) as IncidentRecord[];
    expect(incident).toMatchObject({ severity: 'sev1', source: 'file' });
  });

  it('ends a file that cannot be read on (a truncated .gz) with a rejection, after the records before it', async () => {
    const zipped = gzipSync(ndjson(deployments(2000)));
    const file = await write('cut.ndjson.gz', zipped.subarray(0, zipped.length - 20));
    const items = await read(file);
    const last = rejections(items).at(-1)!;
    expect(last.reason).toMatch(/^record: cannot read the rest of the file \(.+\)$/);
    expect(records(items).length).toBeGreaterThan(1900);
    expect(last.position.line).toBe(records(items).length + 1);
  });
});

describe('records longer than 16 MiB', () => {
  const HUGE = 17 * 1024 * 1024;

  it('rejects such an NDJSON line with its head as raw, and reads the next line', async () => {
    const huge = JSON.stringify(makeDeployment({ id: 'huge', notes: 'x'.repeat(HUGE) }));
    const file = await write('huge.ndjson', `${JSON.stringify(makeDeployment({ id: 'before' }))}\n${huge}\n${JSON.stringify(makeDeployment({ id: 'after' }))}\n`);
    const before = process.memoryUsage().rss;
    const items = await read(file);
    const growth = process.memoryUsage().rss - before;
    expect(outline(items)).toEqual(['before@1', '!2', 'after@3']);
    const [rejection] = rejections(items);
    expect(rejection!.reason).toBe(`record: line is ${Buffer.byteLength(huge)} bytes, longer than the 16 MiB limit`);
    expect(rejection!.raw.startsWith(huge.slice(0, 1000))).toBe(true);
    expect(rejection!.raw.length).toBeLessThan(1024 * 1024 + 100);
    expect(rejection!.raw).toMatch(/…\[cut to the first 1048576 of \d+ bytes\]$/);
    // Holding at most the 16 MiB cap plus read chunks, never the whole line twice over.
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });

  it('rejects such a JSON array element and reads the next element', async () => {
    const huge = JSON.stringify(makeDeployment({ id: 'huge', notes: 'x'.repeat(HUGE) }));
    const file = await write('huge.json', `[${JSON.stringify(makeDeployment({ id: 'before' }))},${huge},${JSON.stringify(makeDeployment({ id: 'after' }))}]`);
    const items = await read(file);
    expect(outline(items)).toEqual(['before@1', '!2', 'after@3']);
    expect(rejections(items)[0]!.reason).toMatch(/^record: element is \d+ bytes, longer than the 16 MiB limit$/);
    expect(rejections(items)[0]!.raw.length).toBeLessThan(1024 * 1024 + 100);
  });
});

describe('JSON array', () => {
  it('splits elements whose strings and objects hold brackets, braces and escaped quotes', async () => {
    const tricky = [
      makeDeployment({ id: 'a]', version: 'v1 }, {"kind": "x"} ]' }),
      makeDeployment({ id: 'b\\"q', notes: { nested: [{ deep: '],[' }, '\\'], quote: '"{' } }),
      makeDeployment({ id: 'c', version: '\\' }),
    ];
    const file = await write('tricky.json', `[\n  ${tricky.map((r) => JSON.stringify(r, null, 2)).join(',\n  ')}\n]\n`);
    const items = await read(file);
    expect(items).toEqual(tricky.map((raw, i) => validateRecord(raw, { origin: file, line: i + 1 })));
    expect(records(items).map((r) => r.id)).toEqual(['a]', 'b\\"q', 'c']);
    expect(records(items)[1]!.attributes).toEqual({ notes: { nested: [{ deep: '],[' }, '\\'], quote: '"{' } });
  });

  it('reads elements split across read chunks, gzipped too', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => makeDeployment({ id: `d-${i + 1}`, version: `"v${i}" [${'}'.repeat(i % 7)}]` }));
    const text = JSON.stringify(many);
    for (const file of [await write('many.json', text), await writeGzip('many.json.gz', text)]) {
      const items = await read(file);
      expect(items).toHaveLength(3000);
      expect(items.every((item) => item.ok)).toBe(true);
      expect(outline(items).at(-1)).toBe('d-3000@3000');
    }
  });

  it('skips a BOM, reads CRLF, and an empty array gives nothing', async () => {
    const file = await write('bom.json', `\uFEFF[\r\n${JSON.stringify(makeDeployment())}\r\n]\r\n`);
    expect(outline(await read(file))).toEqual(['d-1@1']);
    expect(await read(await write('empty.json', ' [ ] '))).toEqual([]);
  });

  it('rejects a bad element and goes on', async () => {
    const file = await write('bad-element.json', `[${JSON.stringify(makeDeployment({ id: 'a' }))}, {"id": tru}, 7, ${JSON.stringify(makeDeployment({ id: 'b' }))}]`);
    const items = await read(file);
    expect(outline(items)).toEqual(['a@1', '!2', '!3', 'b@4']);
    expect(rejections(items)[0]).toMatchObject({ field: 'record', raw: '{"id": tru}', reason: expect.stringMatching(/^record: invalid JSON/) });
    expect(rejections(items)[1]!.reason).toBe('record: expected a JSON object, got 7');
  });

  it('rejects a truncated last element', async () => {
    const file = await write('truncated.json', `[${JSON.stringify(makeDeployment({ id: 'a' }))}, {"kind": "deployment", "id": "b`);
    const items = await read(file);
    expect(outline(items)).toEqual(['a@1', '!2']);
    expect(rejections(items)[0]!.reason).toMatch(/^record: invalid JSON/);
  });

  it('reports an array that is never closed after a complete element', async () => {
    const file = await write('unclosed.json', `[${JSON.stringify(makeDeployment({ id: 'a' }))}`);
    const items = await read(file);
    expect(outline(items)).toEqual(['a@1', '!2']);
    expect(rejections(items)[0]!.reason).toMatch(/ends before the closing \]/);
  });

  it('rejects a file that is not an array, and text after the array', async () => {
    const notArray = await read(await write('object.json', ndjson(deployments(2))));
    expect(outline(notArray)).toEqual(['!1']);
    expect(rejections(notArray)[0]!.reason).toMatch(/^record: expected a JSON array .*\.ndjson/);

    const trailing = await read(await write('trailing.json', `[${JSON.stringify(makeDeployment())}] {"more": 1}`));
    expect(outline(trailing)).toEqual(['d-1@1', '!2']);
    expect(rejections(trailing)[0]!.reason).toMatch(/unexpected text after/);
  });
});

describe('CSV', () => {
  const header = ['id', 'service', 'environment', 'started_at', 'status', 'changes', 'ai.assisted', 'ai.tool', 'ai.evidence', 'team_note'];

  it('types cells for the validator: dotted headers nest, empty cells are left out, lists stay `a;b`', async () => {
    const file = await write('deployments.csv', csv([
      header,
      ['d-1', 'checkout-api', 'production', '2026-03-05T15:00:00Z', 'succeeded', 'c1;c2', 'true', 'claude-code', 'trailer', 'hello'],
      ['d-2', 'checkout-api', 'production', '2026-03-05T16:00:00+01:00', 'failed', '', 'false', '', '', ''],
      ['d-3', 'search', 'staging', '2026-03-05T17:00:00Z', 'succeeded', 'c3', '', '', '', ''],
    ]));
    const items = await read(file, { kind: 'deployment' });
    expect(outline(items)).toEqual(['d-1@2', 'd-2@3', 'd-3@4']);
    const [first, second, third] = records(items) as DeploymentRecord[];
    expect(first).toMatchObject({
      kind: 'deployment', source: 'file', changes: ['c1', 'c2'],
      ai: { assisted: true, tool: 'claude-code', mode: null, evidence: 'trailer' }, attributes: { team_note: 'hello' },
    });
    expect(second).toMatchObject({ started_at: '2026-03-05T15:00:00.000Z', changes: [], ai: { assisted: false, evidence: 'declared' }, attributes: {} });
    expect(third!.ai).toEqual({ assisted: null, tool: null, mode: null, evidence: null });
  });

  it('nests impact and factors, and keeps digit strings for counts', async () => {
    const incidents = await write('incidents.csv', csv([
      ['id', 'title', 'severity', 'impact_started_at', 'services', 'impact.orders_lost', 'impact.traffic_share'],
      ['Q1', 'Checkout down', 'P1', '2026-03-05T16:00:00Z', 'checkout-api;payments', '120', '0.25'],
    ]));
    expect(records(await read(incidents, { kind: 'incident' }))[0]).toMatchObject({
      severity: 'sev1', services: ['checkout-api', 'payments'],
      impact: { orders_lost: 120, errors: null, users_affected: null, traffic_share: 0.25 },
    });
    const classifications = await write('classifications.csv', csv([
      ['incident', 'ai_role', 'classified_by', 'classified_at', 'factors.ai', 'factors.process'],
      ['Q1', 'contributory', 'ada', '2026-03-06T09:00:00Z', 'unreviewed-suggestion;hallucinated-api', 'no-canary'],
    ]));
    expect(records(await read(classifications, { kind: 'classification' }))[0]).toMatchObject({
      id: 'Q1@2026-03-06T09:00:00.000Z', factors: { human: [], ai: ['unreviewed-suggestion', 'hallucinated-api'], process: ['no-canary'] },
    });
  });

  it('reads quoted cells holding commas, quotes and line breaks, and counts lines through them', async () => {
    const file = await write('quoted.csv', csv([
      ['id', 'service', 'environment', 'started_at', 'status', 'version'],
      ['d-1', 'checkout-api', 'production', '2026-03-05T15:00:00Z', 'succeeded', 'v1, "hotfix"\nsecond line\r\nthird line'],
      ['d-2', 'checkout-api', 'production', '2026-03-05T15:00:00Z', 'succeeded', 'v2'],
    ], '\r\n'));
    const items = await read(file, { kind: 'deployment' });
    expect(outline(items)).toEqual(['d-1@2', 'd-2@5']);
    expect((records(items)[0] as DeploymentRecord).version).toBe('v1, "hotfix"\nsecond line\r\nthird line');
  });

  it('skips a BOM and empty lines, reads CRLF and a last row without newline', async () => {
    const text = `\uFEFFid,service,environment,started_at,status\r\n\r\nd-1,s,production,2026-03-05T15:00:00Z,succeeded\r\n\r\n\r\nd-2,s,production,2026-03-05T15:00:00Z,failed`;
    expect(outline(await read(await write('bom.csv', text), { kind: 'deployment' }))).toEqual(['d-1@3', 'd-2@6']);
  });

  it('rejects a ragged row by name and goes on', async () => {
    const file = await write('ragged.csv', csv([
      ['id', 'service', 'environment', 'started_at', 'status'],
      ['d-1', 's', 'production'],
      ['d-2', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded'],
      ['d-3', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded', 'extra'],
    ]));
    const items = await read(file, { kind: 'deployment' });
    expect(outline(items)).toEqual(['!2', 'd-2@3', '!4']);
    expect(rejections(items)).toEqual([
      { kind: 'deployment', id: 'd-1', field: 'record', reason: 'record: row has 3 fields, header has 5', raw: 'd-1,s,production', position: { origin: file, line: 2 } },
      expect.objectContaining({ id: 'd-3', reason: 'record: row has 6 fields, header has 5', position: { origin: file, line: 4 } }),
    ]);
  });

  it('parses an attributes column as JSON, rejecting invalid JSON by field', async () => {
    const file = await write('attributes.csv', csv([
      ['id', 'service', 'environment', 'started_at', 'status', 'attributes'],
      ['d-1', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded', '{"pipeline": "main", "runs": [1, 2]}'],
      ['d-2', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded', '{pipeline: main}'],
    ]));
    const items = await read(file, { kind: 'deployment' });
    expect(records(items)[0]!.attributes).toEqual({ pipeline: 'main', runs: [1, 2] });
    expect(rejections(items)[0]).toMatchObject({
      kind: 'deployment', id: 'd-2', field: 'deployment.attributes', reason: expect.stringMatching(/^deployment\.attributes: invalid JSON \(.+\)$/),
      position: { line: 3 },
    });
  });

  it('reports an unclosed quote at the row where it starts and stops the file without throwing', async () => {
    const file = await write('unclosed.csv', 'id,service,environment,started_at,status\nd-1,s,production,2026-03-05T15:00:00Z,succeeded\n\nd-2,"s,production\nd-3,s,production,2026-03-05T15:00:00Z,succeeded\n');
    const items = await read(file, { kind: 'deployment' });
    expect(outline(items)).toEqual(['d-1@2', '!4']);
    expect(rejections(items)[0]!.reason).toMatch(/^record: malformed CSV \(.*Quote Not Closed/);
  });

  it('reads gzip the same', async () => {
    const text = csv([['id', 'service', 'environment', 'started_at', 'status'], ['d-1', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded']]);
    expect(outline(await read(await writeGzip('gz.csv.gz', text), { kind: 'deployment' }))).toEqual(['d-1@2']);
  });

  it('keeps the rows read before a read error (a truncated .gz)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`d-${i + 1}`, 's', 'production', '2026-03-05T15:00:00Z', 'succeeded']);
    const zipped = gzipSync(csv([['id', 'service', 'environment', 'started_at', 'status'], ...rows]));
    const items = await read(await write('cut.csv.gz', zipped.subarray(0, zipped.length - 20)), { kind: 'deployment' });
    const accepted = records(items);
    expect(accepted.length).toBeGreaterThan(1900);
    expect(outline(items).at(-1)).toBe(`!${accepted.length + 2}`);
    expect(rejections(items)).toHaveLength(1);
    expect(rejections(items)[0]!.reason).toMatch(/^record: cannot read the rest of the file/);
  });

  it('does not let a __proto__ header touch prototypes', async () => {
    const file = await write('proto.csv', csv([['id', 'service', 'environment', 'started_at', 'status', '__proto__'], ['d-1', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded', 'polluted']]));
    const [record] = records(await read(file, { kind: 'deployment' }));
    expect(Object.getOwnPropertyDescriptor(record!.attributes, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a CSV without a kind, naming the file', async () => {
    const file = await write('nokind.csv', 'id\nx\n');
    const error = await readError(() => read(file));
    expect(error).toBeInstanceOf(UnsupportedFileError);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/--kind/);
  });
});

describe('Arrow IPC', () => {
  const aiType = new Struct([new Field('assisted', new Bool(), true), new Field('tool', new Utf8(), true)]);

  function deploymentTable(ids: string[]): Table {
    const at = Date.UTC(2026, 2, 5, 15);
    // Plain Utf8: the file format cannot hold a dictionary that changes between batches.
    const text = (value: (i: number) => string) => vectorFromArray(ids.map((_, i) => value(i)), new Utf8());
    return new Table({
      id: text((i) => ids[i]!),
      kind: text(() => 'deployment'),
      service: text(() => 'checkout-api'),
      environment: text(() => 'production'),
      started_at: vectorFromArray(ids.map((_, i) => at + i * 60_000), new TimestampMillisecond()),
      status: text(() => 'succeeded'),
      ai: vectorFromArray(ids.map((_, i) => (i === 0 ? { assisted: true, tool: 'claude-code' } : null)), aiType),
      regions: vectorFromArray(ids.map((_, i) => (i === 0 ? ['eu', 'us'] : [])), new List(new Field('item', new Utf8(), true))),
      run: vectorFromArray(ids.map((_, i) => (i === 0 ? 2n ** 60n : BigInt(i))), new Int64()),
    });
  }

  it('reads the file format, converting timestamps, structs, lists and 64-bit integers', async () => {
    const file = await write('deployments.arrow', tableToIPC(deploymentTable(['d-1', 'd-2']), 'file'));
    const items = await read(file);
    expect(outline(items)).toEqual(['d-1@1', 'd-2@2']);
    const [first, second] = records(items) as DeploymentRecord[];
    expect(first).toMatchObject({
      source: 'file', started_at: '2026-03-05T15:00:00.000Z', regions: ['eu', 'us'],
      ai: { assisted: true, tool: 'claude-code', evidence: 'declared' }, attributes: { run: '1152921504606846976' },
    });
    expect(second).toMatchObject({ started_at: '2026-03-05T15:01:00.000Z', regions: [], ai: { assisted: null }, attributes: { run: 1 } });
  });

  it('numbers rows across batches of the stream format, gzipped too', async () => {
    const table = deploymentTable(['d-1', 'd-2']).concat(deploymentTable(['d-3', 'd-4', 'd-5']));
    const stream = RecordBatchStreamWriter.writeAll(table.batches).toUint8Array(true);
    for (const file of [await write('batches.arrows', stream), await writeGzip('batches.arrows.gz', stream), await writeGzip('batches.arrow.gz', tableToIPC(table, 'file'))]) {
      expect(outline(await read(file))).toEqual(['d-1@1', 'd-2@2', 'd-3@3', 'd-4@4', 'd-5@5']);
    }
  });

  it('takes the kind fallback and rejects bad rows like any record', async () => {
    const table = tableFromArrays({ id: ['s-1', 's-2'], name: ['Checkout', ''], tier: Int32Array.from([1, 9]) });
    const items = await read(await write('services.ipc', tableToIPC(table, 'stream')), { kind: 'service' });
    expect(outline(items)).toEqual(['s-1@1', '!2']);
    expect(rejections(items)[0]).toMatchObject({ kind: 'service', id: 's-2', reason: expect.stringContaining('service.tier: expected integer 1–3, got 9') });
  });

  it('turns unreadable Arrow data into a rejection, not an exception', async () => {
    const items = await read(await write('garbage.arrow', 'ARROW1\0\0 this is not arrow at all'));
    expect(outline(items)).toEqual(['!1']);
    expect(rejections(items)[0]!.reason).toMatch(/^record: cannot read the rest of the file/);
  });
});

describe('readPaths', () => {
  it('reads files in the order given and directories sorted and recursively, skipping unsupported and hidden files', async () => {
    const one = (id: string) => ndjson([makeDeployment({ id })]);
    await write('tree/b.ndjson', one('tree-b'));
    await write('tree/a/z.json', JSON.stringify([makeDeployment({ id: 'tree-a-z' })]));
    await write('tree/a/y.csv.gz', gzipSync(csv([['id', 'service', 'environment', 'started_at', 'status'], ['tree-a-y', 's', 'production', '2026-03-05T15:00:00Z', 'succeeded']])));
    await write('tree/README.md', '# not data');
    await write('tree/.hidden.ndjson', one('hidden'));
    const single = await write('single.ndjson', one('single'));

    const tree = path.join(dir, 'tree');
    expect(await listInputFiles([single, tree], { kind: 'deployment' })).toEqual([
      single, path.join(tree, 'a', 'y.csv.gz'), path.join(tree, 'a', 'z.json'), path.join(tree, 'b.ndjson'),
    ]);
    const items = (await collectSlices(readPaths([single, tree], { kind: 'deployment' }))).flat();
    expect(records(items).map((r) => r.id)).toEqual(['single', 'tree-a-y', 'tree-a-z', 'tree-b']);
    expect(items.map((item) => item.ok && path.relative(dir, item.position.origin!))).toEqual([
      'single.ndjson', path.join('tree', 'a', 'y.csv.gz'), path.join('tree', 'a', 'z.json'), path.join('tree', 'b.ndjson'),
    ]);
  });

  it('refuses an unsupported extension, a missing file, and a CSV without kind before reading anything', async () => {
    const good = await write('ok.ndjson', ndjson(deployments(1)));
    const text = await write('notes.txt', 'hello');
    const unsupported = await readError(() => collectSlices(readPaths([good, text])));
    expect(unsupported).toBeInstanceOf(UnsupportedFileError);
    expect(unsupported.message).toContain(text);

    const missing = path.join(dir, 'missing.ndjson');
    const notFound = await readError(() => collectSlices(readPaths([good, missing])));
    expect(notFound).toBeInstanceOf(UnsupportedFileError);
    expect(notFound.message).toContain(missing);

    const csvDir = path.join(dir, 'csv-dir');
    await write('csv-dir/rows.csv', 'id\nx\n');
    let yielded = 0;
    const noKind = await readError(async () => {
      for await (const slice of readPaths([good, csvDir])) yielded += slice.length;
    });
    expect(noKind).toBeInstanceOf(UnsupportedFileError);
    expect(noKind.message).toContain(path.join(csvDir, 'rows.csv'));
    expect(yielded).toBe(0);
  });

  it('refuses a directory with no supported files', async () => {
    await write('no-data/readme.txt', 'nothing here');
    const error = await readError(() => collectSlices(readPaths([path.join(dir, 'no-data')])));
    expect(error).toBeInstanceOf(UnsupportedFileError);
    expect(error.message).toContain('no-data');
  });
});
