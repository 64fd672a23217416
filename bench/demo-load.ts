// Loads the demo dataset the way a first `npm start` does and prints where the time goes, step
// by step, with a baseline measured in the same run: the same deployment rows written by plain
// INSERTs into a bare copy of the table (same indexes, no upsert, no validation, no derived data).
// Usage: npm run bench:demo  (BENCH_DATABASE_URL to use a server instead of an embedded one;
// the cold-start rows then stay empty)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateDemo } from '../ingest/demo/index.ts';
import type { NormalizedRecord } from '../ingest/model.ts';
import { validateRecord } from '../ingest/validate.ts';
import { type StepTime, timeSteps } from '../server/analytics/refresh-steps.ts';
import { buildApp } from '../server/app.ts';
import { connect } from '../server/db/connection.ts';
import { type EmbeddedCluster, startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { loadDemo } from '../server/demo-data.ts';
import { webBuildIsCurrent } from '../server/web-build.ts';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const perSecond = (count: number, s: number) => Math.round(count / s).toLocaleString('en');
const lines: [string, number, string?][] = [];
const show = (label: string, s: number, note?: string) => lines.push([label, s, note]);

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const t = process.hrtime.bigint();
  const result = await run();
  show(label, seconds(t));
  return result;
}

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-'));
let cluster: EmbeddedCluster | null = null;
try {
  if (!process.env.BENCH_DATABASE_URL) {
    // The real start-up path on a fresh data dir (initdb, start, CREATE DATABASE), then again on
    // the data dir it left: the difference is what only a first start pays.
    let t = process.hrtime.bigint();
    cluster = await startEmbeddedPostgres(path.join(dir, 'pg'));
    const cold = seconds(t);
    await cluster.stop();
    t = process.hrtime.bigint();
    cluster = await startEmbeddedPostgres(path.join(dir, 'pg'));
    const warm = seconds(t);
    show('cluster: initdb + createdb', cold - warm, 'first start only');
    show('cluster: start', warm);
  }
  const db = connect(process.env.BENCH_DATABASE_URL ?? cluster!.url);
  try {
    const applied = await timed('migrations', () => migrateToLatest(db));
    lines.at(-1)![2] = `${applied.length} applied`;
    await timed('web build check', async () => webBuildIsCurrent());
    let t = process.hrtime.bigint();
    const records: NormalizedRecord[] = [...generateDemo()];
    show('generate', seconds(t), `${perSecond(records.length, seconds(t))} records/s`);

    t = process.hrtime.bigint();
    let line = 0;
    for (const record of records) validateRecord(record, { origin: 'bench', line: ++line });
    const validate = seconds(t);
    show('validate', validate, `${perSecond(records.length, validate)} records/s`);

    // The load itself; generation and validation run again inside it, as in `npm start`.
    const steps: StepTime[] = [];
    // WAL written by the load: a figure the machine's load does not move.
    const lsn = async () => (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db)).rows[0]!.lsn;
    const walBefore = await lsn();
    t = process.hrtime.bigint();
    const summary = await timeSteps(steps, () => loadDemo(db));
    const load = seconds(t);
    const wal = (await sql<{ bytes: string }>`SELECT pg_wal_lsn_diff(${await lsn()}::pg_lsn, ${walBefore}::pg_lsn)::text AS bytes`.execute(db)).rows[0]!.bytes;
    const refresh = steps.filter((s) => s.depth === 0).reduce((sum, s) => sum + s.seconds, 0);
    show('load (sink + derived)', load, `${perSecond(summary.total.received, load)} records/s, ${(Number(wal) / 2 ** 20).toFixed(1)} MiB of WAL`);
    show('  sink (generate, validate, write, batch)', load - refresh, 'the load minus the refresh steps');
    // Steps in the order they ran; a statement that runs more than once (one per link level) summed.
    const merged = new Map<string, StepTime & { runs: number }>();
    for (const s of steps) {
      const key = `${s.depth} ${s.name}`;
      const seen = merged.get(key);
      if (seen) {
        seen.seconds += s.seconds;
        seen.runs++;
      } else merged.set(key, { ...s, runs: 1 });
    }
    for (const s of merged.values()) show(`${'  '.repeat(s.depth + 1)}${s.name}`, s.seconds, s.runs > 1 ? `${s.runs} runs` : undefined);

    await timed('app build (fastify)', async () => {
      const app = await buildApp({ db, embeddedDatabase: cluster !== null, logger: false });
      await app.ready();
      await app.close();
    });

    // Baseline: plain multi-row INSERTs of the deployment rows into an indexed bare copy.
    await sql`CREATE TABLE bench_deployments (LIKE deployments INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES INCLUDING GENERATED)`.execute(db);
    const rows = await db.selectFrom('deployments').select(['source', 'external_id', 'service_id', 'environment', 'started_at', 'finished_at', 'status', 'change_ids', 'ai_assisted']).execute();
    t = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insertInto('bench_deployments' as 'deployments').values(rows.slice(i, i + 1000)).execute();
    }
    const baseline = seconds(t);
    show('baseline plain INSERT', baseline, `${perSecond(rows.length, baseline)} deployment rows/s`);
    const deployments = summary.byKind.deployment?.received ?? 0;

    console.log(`records ${summary.total.received.toLocaleString('en')} (${deployments.toLocaleString('en')} deployments)`);
    for (const [label, s, note] of lines) console.log(`${label.padEnd(44)} ${s.toFixed(3).padStart(7)} s${note ? `  ${note}` : ''}`);
    console.log(`ratio load/baseline ${(summary.total.received / load / (rows.length / baseline)).toFixed(2)}× (records/s over baseline rows/s)`);
  } finally {
    await db.destroy();
  }
} finally {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
  if (cluster) await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
}
