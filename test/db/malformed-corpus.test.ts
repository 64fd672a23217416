// A generated corpus of more than 1 000 malformed lines mixed with good records: every good
// record is stored, every bad one quarantined at its file and line with a reason naming its
// field, and nothing crashes (issue "Ingest at full speed", Bad input).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../ingest/model.ts';
import { readPaths } from '../../ingest/sources/file.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

interface Line {
  text: string;
  /** For a bad line: what its quarantine reason must name. */
  field?: string;
}

const at = (i: number) => new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString();
const deployment = (i: number, fields: object = {}) => ({
  kind: 'deployment', source: 'ci', id: `d-${i}`, service: `svc-${i % 7}`, environment: 'production', started_at: at(i), finished_at: at(i), status: 'succeeded', ...fields,
});
const json = (value: unknown): Line => ({ text: JSON.stringify(value) });
const bad = (text: string, field: string): Line => ({ text, field });
const badJson = (value: unknown, field: string): Line => bad(JSON.stringify(value), field);

/** Each maker returns the i-th bad line of its sort; every sort is used many times. */
const BAD_LINES: ((i: number) => Line)[] = [
  (i) => bad(`{"kind": "deployment", "id": "x-${i}", `, 'record'), // invalid JSON
  (i) => bad(JSON.stringify(deployment(90_000 + i)).slice(0, 40), 'record'), // truncated line
  (i) => badJson(deployment(91_000 + i, { started_at: 1_700_000_000 + i }), 'deployment.started_at'), // wrong type
  (i) => badJson(deployment(92_000 + i, { changes: 5 }), 'deployment.changes'),
  (i) => badJson({ ...deployment(93_000 + i), service: undefined }, 'deployment.service'), // missing required
  (i) => badJson(deployment(94_000 + i, { finished_at: '2026-03-01T10:00:00' }), 'deployment.finished_at'), // no offset
  (i) => badJson(deployment(95_000 + i, { status: 'ok' }), 'deployment.status'), // unknown enum
  (i) => badJson({ kind: 'change', source: 'git', id: `neg-${i}`, service: 'svc-1', author: 'a', authored_at: at(i), lines_added: -5 }, 'change.lines_added'),
  (i) => badJson({ kind: 'incident', source: 'pager', id: `big-${i}`, severity: 'sev2', impact_started_at: at(i), title: 'x'.repeat(20_000) }, 'incident.title'),
  (i) => badJson({ kind: 'incident', source: 'pager', id: `nul-${i}`, severity: 'sev2', impact_started_at: at(i), title: 'a\u0000b' }, 'incident.title'),
  (i) => bad(`{"kind":"incident","source":"pager","id":"rawnul-${i}","title":"a\u0000b"}`, 'record'), // a raw NUL byte
  (i) => bad(`\uFEFF${JSON.stringify(deployment(96_000 + i))}`, 'record'), // a BOM mid-file
  (i) => bad(['42', '[1,2]', '"text"', 'null'][i % 4]!, 'record'), // not an object
  (i) => badJson({ ...deployment(97_000 + i), kind: 'deploy' }, 'record.kind'),
  (i) => badJson({ kind: 'incident', source: 'pager', id: `ts-${i}`, title: 't', severity: 'sev1', impact_started_at: at(i), impact: { traffic_share: 1.5 } }, 'incident.impact.traffic_share'),
  (i) => badJson({ kind: 'incident', source: 'pager', id: `sev-${i}`, title: 't', severity: 'whatever', impact_started_at: at(i) }, 'incident.severity'),
];
const REPEATS = 80;

function corpus(): { files: Record<string, Line[]>; good: Record<string, number>; badCount: number } {
  const mixed: Line[] = [];
  let g = 0;
  for (let round = 0; round < 70; round++) {
    for (const make of BAD_LINES) {
      mixed.push(json(deployment(g++)), make(round));
    }
  }
  for (let s = 0; s < 7; s++) mixed.push(json({ kind: 'service', source: 'catalog', id: `svc-${s}`, name: `Service ${s}`, domain: 'checkout', tier: 1 }));
  for (let i = 0; i < 100; i++) {
    mixed.push(json({ kind: 'incident', source: 'pager', id: `inc-${i}`, title: 'errors', severity: 'P2', impact_started_at: at(i * 10 + 5), services: [`svc-${i % 7}`] }));
  }
  // Repeated ids within the batch: an update of the earlier line, which the later one wins.
  const repeats: Line[] = [];
  for (let i = 0; i < REPEATS; i++) repeats.push(json(deployment(i, { status: 'rolled_back' })));
  const csv: Line[] = [{ text: 'source,id,service,environment,started_at,status,ai.assisted' }];
  for (let i = 0; i < 50; i++) csv.push({ text: `ci,csv-${i},svc-2,production,${at(i)},succeeded,${i % 2 === 0}` });
  csv.push(bad(`ci,csv-ragged,svc-2,production`, 'record'), bad(`ci,csv-ragged-2,svc-2,production,${at(1)},succeeded,true,extra`, 'record'));
  const files = { 'mixed.ndjson': mixed, 'repeats.ndjson': repeats, 'deployments.csv': csv };
  const badCount = Object.values(files).flat().filter((line) => line.field).length;
  return { files, good: { deployment: g + 50, service: 7, incident: 100 }, badCount };
}

let dir: string;
let t: TestDatabase;
let summary: BatchSummary;
const { files, good, badCount } = corpus();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sevscope-corpus-'));
  // The NDJSON file uses CRLF line ends and starts with a BOM, both of which must be harmless.
  await writeFile(path.join(dir, 'mixed.ndjson'), `\uFEFF${files['mixed.ndjson']!.map((l) => l.text).join('\r\n')}\r\n`);
  await writeFile(path.join(dir, 'repeats.ndjson'), files['repeats.ndjson']!.map((l) => l.text).join('\n'));
  await writeFile(path.join(dir, 'deployments.csv'), files['deployments.csv']!.map((l) => l.text).join('\n'));
  t = await createTestDatabase();
  summary = await loadRecords(t.db, { source: 'file', origin: dir }, readPaths(
    [path.join(dir, 'mixed.ndjson'), path.join(dir, 'repeats.ndjson'), path.join(dir, 'deployments.csv')],
    { kind: 'deployment' },
  ));
}, 120_000);

afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('a corpus of malformed records mixed with good ones', () => {
  it('has more than a thousand bad lines', () => {
    expect(badCount).toBeGreaterThan(1000);
  });

  it('stores every good record and accounts for every line', async () => {
    expect(summary.total.quarantined).toBe(badCount);
    const received = Object.values(files).flat().length - 1; // minus the CSV header
    expect(summary.total.received).toBe(received);
    const t1 = summary.total;
    expect(t1.received).toBe(t1.inserted + t1.updated + t1.unchanged + t1.quarantined + t1.pending);
    expect(t1.updated).toBe(REPEATS);
    const counts = await Promise.all(
      (['deployments', 'services', 'incidents'] as const).map((table) =>
        t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ),
    );
    expect(counts.map((c) => Number(c.n))).toEqual([good.deployment, good.service, good.incident]);
    // The later line of each repeated pair won: its status is the repeat's rolled_back.
    const rolledBack = await t.db.selectFrom('deployments').select('external_id').where('status', '=', 'rolled_back').orderBy('external_id').execute();
    expect(rolledBack.map((row) => row.external_id)).toEqual(Array.from({ length: REPEATS }, (_, i) => deployment(i).id).sort());
  });

  it('quarantines each bad line at its file and line with a reason naming its field', async () => {
    const rows = await t.db.selectFrom('quarantine').select(['origin', 'line', 'field', 'reason', 'raw']).execute();
    const byPlace = new Map(rows.map((row) => [`${path.basename(row.origin ?? '')}:${row.line}`, row]));
    for (const [name, lines] of Object.entries(files)) {
      lines.forEach((line, index) => {
        if (!line.field) return;
        const row = byPlace.get(`${name}:${index + 1}`);
        expect(row, `${name}:${index + 1} ${line.text.slice(0, 60)}`).toBeDefined();
        expect(row!.reason, `${name}:${index + 1}`).toContain(line.field);
        expect(row!.raw.length).toBeGreaterThan(0);
      });
    }
  });
});
