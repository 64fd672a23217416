// Loads the demo dataset the way `npm start` does and prints where the time goes, with a
// baseline measured in the same run: the same deployment rows written by plain INSERTs into a
// bare copy of the table (same indexes, no upsert, no validation, no derived data).
// Usage: npm run bench:demo  (BENCH_DATABASE_URL to use a server instead of an embedded one)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateDemo } from '../ingest/demo/index.ts';
import type { NormalizedRecord } from '../ingest/model.ts';
import { validateRecord } from '../ingest/validate.ts';
import { connect } from '../server/db/connection.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { loadDemo } from '../server/demo-data.ts';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const perSecond = (count: number, s: number) => Math.round(count / s).toLocaleString('en');

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-'));
const cluster = process.env.BENCH_DATABASE_URL ? null : await startEmbeddedPostgres(path.join(dir, 'pg'));
const db = connect(process.env.BENCH_DATABASE_URL ?? cluster!.url);
try {
  await migrateToLatest(db);
  let t = process.hrtime.bigint();
  const records: NormalizedRecord[] = [...generateDemo()];
  const generate = seconds(t);

  t = process.hrtime.bigint();
  let line = 0;
  for (const record of records) validateRecord(record, { origin: 'bench', line: ++line });
  const validate = seconds(t);

  t = process.hrtime.bigint();
  const summary = await loadDemo(db);
  const load = seconds(t);

  // Baseline: plain multi-row INSERTs of the deployment rows into an indexed bare copy.
  await sql`CREATE TABLE bench_deployments (LIKE deployments INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES INCLUDING GENERATED)`.execute(db);
  const rows = await db.selectFrom('deployments').select(['source', 'external_id', 'service_id', 'environment', 'started_at', 'finished_at', 'status', 'change_ids', 'ai_assisted']).execute();
  t = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('bench_deployments' as 'deployments').values(rows.slice(i, i + 1000)).execute();
  }
  const baseline = seconds(t);
  const deployments = summary.byKind.deployment?.received ?? 0;

  console.log(`records                 ${summary.total.received.toLocaleString('en')} (${deployments.toLocaleString('en')} deployments)`);
  console.log(`generate                ${generate.toFixed(2)} s  ${perSecond(records.length, generate)} records/s`);
  console.log(`validate                ${validate.toFixed(2)} s  ${perSecond(records.length, validate)} records/s`);
  console.log(`load (sink + derived)   ${load.toFixed(2)} s  ${perSecond(summary.total.received, load)} records/s`);
  console.log(`baseline plain INSERT   ${baseline.toFixed(2)} s  ${perSecond(rows.length, baseline)} deployment rows/s`);
  console.log(`ratio load/baseline     ${(summary.total.received / load / (rows.length / baseline)).toFixed(2)}× (records/s over baseline rows/s)`);
} finally {
  await db.destroy();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
  if (cluster) await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
}
