// Ingest throughput against raw COPY, measured in one run (issue "Ingest at full speed").
//   npm run bench:ingest -- --records 2000000
// 1. writes N deployment records as NDJSON (and the same rows in COPY text format);
// 2. baseline: COPY of those rows into a bare copy of `deployments` with the same indexes;
// 3. `sevscope ingest FILE` in a child process: parse, validate, COPY to staging, merge, then
//    the derived refresh it waits for. The ratio is the store's (the CLI's own "batch N: …
//    records in S s" line): that is when `--no-wait` and the HTTP ingest answer, the refresh
//    being a job of its own; the refresh and the whole command are printed beside it.
// Prints rows/s of both, the ratio, and the ingest process's peak RSS.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { connect, poolOf } from '../server/db/connection.ts';
import { copyLine } from '../server/db/copy-text.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '2000000' } } });
const total = Number(values.records);
const CLI = fileURLToPath(new URL('../bin/sevscope.js', import.meta.url));
const SERVICES = 200;
const COPY_COLUMNS = ['source', 'external_id', 'service_id', 'environment', 'started_at', 'finished_at', 'status', 'change_ids', 'ai_assisted', 'ai_tool', 'ai_evidence', 'attributes'];
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-ingest-'));
const cluster = process.env.BENCH_DATABASE_URL ? null : await startEmbeddedPostgres(path.join(dir, 'pg'));
const url = process.env.BENCH_DATABASE_URL ?? cluster!.url;
const db = connect(url, 2);

try {
  await migrateToLatest(db);
  const ndjson = path.join(dir, 'deployments.ndjson');
  const copyText = path.join(dir, 'deployments.copy');
  let t = process.hrtime.bigint();
  await writeInputs(ndjson, copyText);
  console.log(`generated ${fmt(total)} deployment records (${((await stat(ndjson)).size / 1e6).toFixed(0)} MB NDJSON) in ${seconds(t).toFixed(1)} s`);

  // Baseline: the same rows, already encoded, COPY'd into an indexed bare copy of the table.
  await sql`CREATE TABLE bench_raw_deployments (LIKE deployments INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING INDEXES)`.execute(db);
  const client = await poolOf(db).connect();
  t = process.hrtime.bigint();
  await pipeline(createReadStream(copyText), client.query(copyFrom(`COPY bench_raw_deployments (${COPY_COLUMNS.join(', ')}) FROM STDIN`)));
  const copySeconds = seconds(t);
  client.release();
  await sql`DROP TABLE bench_raw_deployments`.execute(db);

  t = process.hrtime.bigint();
  // The installed command itself (its shebang sets the node flags a user gets).
  const output = await run(CLI, ['ingest', ndjson, '--source', 'bench'], { ...process.env, DATABASE_URL: url });
  const commandSeconds = seconds(t);
  const storeSeconds = Number(/records in ([\d.]+) s/.exec(output)?.[1] ?? Number.NaN);
  const refreshSeconds = /derived data refreshed in ([\d.]+) s/.exec(output)?.[1] ?? '?';
  const peak = /peak memory (\d+) MB/.exec(output)?.[1] ?? '?';
  const stored = await db.selectFrom('deployments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();

  const copyRate = total / copySeconds;
  const storeRate = total / storeSeconds;
  console.log(`raw COPY (same indexes)  ${copySeconds.toFixed(1)} s  ${fmt(copyRate)} rows/s`);
  console.log(`sevscope ingest, stored  ${storeSeconds.toFixed(1)} s  ${fmt(storeRate)} records/s  (${fmt(Number(stored.n))} stored, peak RSS ${peak} MB)`);
  console.log(`  then the refresh       ${refreshSeconds} s; the whole command ${commandSeconds.toFixed(1)} s (${fmt(total / commandSeconds)} records/s, start-up included)`);
  console.log(`ratio stored / raw COPY  ${(storeRate / copyRate).toFixed(2)}×   (goal ≥ 0.5×, peak RSS ≤ 300 MB)`);
} finally {
  await db.destroy();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
  if (cluster) await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
}

function record(i: number) {
  const finished = Date.UTC(2025, 0, 1) + i * 15_000;
  const ai = i % 10 < 6 ? true : i % 10 < 9 ? false : null;
  return {
    kind: 'deployment',
    source: 'bench',
    id: `dep-${i}`,
    service: `svc-${i % SERVICES}`,
    environment: 'production',
    started_at: new Date(finished - 300_000).toISOString(),
    finished_at: new Date(finished).toISOString(),
    status: i % 40 === 0 ? 'rolled_back' : 'succeeded',
    changes: [`c-${i}`],
    ai: { assisted: ai, tool: ai ? 'claude-code' : null, evidence: ai === null ? null : 'declared' },
  };
}

async function writeInputs(ndjsonPath: string, copyPath: string): Promise<void> {
  const ndjson = createWriteStream(ndjsonPath);
  const copy = createWriteStream(copyPath);
  const types = ['text', 'text', 'bigint', 'text', 'timestamptz', 'timestamptz', 'text', 'text[]', 'boolean', 'text', 'text', 'jsonb'] as const;
  for (let i = 0; i < total; i++) {
    const r = record(i);
    const a = ndjson.write(`${JSON.stringify(r)}\n`);
    const b = copy.write(copyLine([r.source, r.id, (i % SERVICES) + 1, r.environment, r.started_at, r.finished_at, r.status, r.changes, r.ai.assisted, r.ai.tool, r.ai.evidence, {}], types));
    if (!a) await new Promise<void>((resolve) => ndjson.once('drain', () => resolve()));
    if (!b) await new Promise<void>((resolve) => copy.once('drain', () => resolve()));
  }
  await Promise.all([new Promise<void>((resolve) => ndjson.end(() => resolve())), new Promise<void>((resolve) => copy.end(() => resolve()))]);
  // The baseline's service_id values must exist (bare copies have no FK, but keep it honest).
  await sql`INSERT INTO services (external_id, source, name) SELECT 'svc-' || (g - 1), 'bench', 'svc-' || (g - 1) FROM generate_series(1, ${SERVICES}) g`.execute(db);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`sevscope ingest exited with ${code}`))));
  });
}
