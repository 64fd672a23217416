// Freshness under a steady trickle of records (issue 14 "Goals"), measured in one run:
//   npm run bench:freshness -- [--rate 20] [--seconds 300] [--url postgres://…/db]
// 1. a database: --url uses that one as it is (e.g. the 10 M database bench:api --keep left);
//    otherwise an embedded cluster in a temp dir with the demo year loaded;
// 2. the server as `sevscope start` builds it (worker in-process), listening on a free port;
// 3. baseline: p50/p95 of GET /api/metrics/summary for the bench service, nothing being written;
// 4. for --seconds, --rate POSTs per second to /api/ingest/records over real HTTP, each one new
//    production deployment of the service "bench-freshness"; meanwhile the summary of that
//    service is read every 250 ms. The k-th answered deployment is visible when the summary
//    counts k of them: its lag is that moment minus its answer;
// 5. prints the ingest answers' p50/p95/p99, the visibility lag's p50/p95/max, the refresh jobs
//    that ran (count, p50/max duration) and the summary's latency during the run.
// Goals: visible within 60 s at p95; ingest answers p95 ≤ 200 ms (no request waits for a refresh).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.ts';
import { createToken } from '../server/db/api-tokens.repository.ts';
import { connect } from '../server/db/connection.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { loadDemo } from '../server/demo-data.ts';
import { listJobs } from '../server/jobs/job-progress.ts';
import { AI, HUMAN, makeDeployment, makeService } from '../test/support/factories.ts';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '300' },
    url: { type: 'string' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const SERVICE = 'bench-freshness';
const GOAL_LAG_P95_S = 60;
const GOAL_INGEST_P95_MS = 200;

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const s = (n: number) => `${n.toFixed(1)} s`;

const dir = args.url ? null : await mkdtemp(path.join(tmpdir(), 'sevscope-bench-freshness-'));
const cluster = dir ? await startEmbeddedPostgres(path.join(dir, 'pg')) : null;
const db = connect(args.url ?? cluster!.url);
try {
  await migrateToLatest(db);
  if (!args.url) {
    const started = Date.now();
    await loadDemo(db);
    console.log(`demo year loaded in ${s((Date.now() - started) / 1000)}`);
  }
  const stored = await db.selectFrom('deployments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  console.log(`database: ${Number(stored.n).toLocaleString('en')} deployments; rate ${RATE}/s for ${SECONDS} s`);

  const app = await buildApp({ db, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = (await createToken(db, `bench-freshness-${Date.now()}`, 'sre')).token;
  const headers = { authorization: `Bearer ${token}` };
  const runId = Date.now().toString(36);
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const summaryUrl = `${base}/api/metrics/summary?service=${SERVICE}&from=${from}&to=${to}`;

  const post = async (body: string) => {
    const response = await fetch(`${base}/api/ingest/records?source=bench-freshness`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body });
    if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  const visible = async () => {
    const started = performance.now();
    const response = await fetch(summaryUrl, { headers });
    const body = (await response.json()) as { coverage: { deployments: number } };
    return { count: body.coverage.deployments, ms: performance.now() - started };
  };

  await post(JSON.stringify(makeService({ source: 'bench-freshness', id: SERVICE, team: 'bench' })));
  // Whatever the first batch queued, let it finish: the baseline reads a settled database.
  for (let start = await visible(); start.count !== 0 || (await listJobs(db, { limit: 1, queue: 'refresh' }))[0]?.state !== 'completed'; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    start = await visible();
    if (start.count !== 0) throw new Error(`the service ${SERVICE} already has deployments in the period: use a fresh database`);
  }
  const baseline: number[] = [];
  for (let i = 0; i < 40; i++) baseline.push((await visible()).ms);
  console.log(`baseline summary (idle)  p50 ${ms(percentile(baseline, 0.5))}  p95 ${ms(percentile(baseline, 0.95))}`);

  const answered: number[] = []; // answer time of the k-th deployment (performance.now())
  const ingestMs: number[] = [];
  const lagS: number[] = [];
  const duringMs: number[] = [];
  let seen = 0;
  let posting = true;
  const runStarted = performance.now();

  const reader = (async () => {
    while (posting || seen < answered.length) {
      const { count, ms: took } = await visible();
      duringMs.push(took);
      const now = performance.now();
      for (; seen < Math.min(count, answered.length); seen++) lagS.push((now - answered[seen]!) / 1000);
      if (!posting && now - runStarted > (SECONDS + 600) * 1000) break; // give up 10 min after the last post
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();

  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round(RATE * SECONDS);
  const progress = setInterval(() => process.stderr.write(`\rposted ${answered.length}/${total}, visible ${seen}   `), 1000);
  for (; sent < total; sent++) {
    const due = runStarted + (sent * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const at = new Date().toISOString();
    const record = makeDeployment({ source: 'bench-freshness', id: `bf-${runId}-${sent}`, service: SERVICE, started_at: at, finished_at: at, ai: sent % 2 === 0 ? AI : HUMAN });
    const started = performance.now();
    inFlight.push(
      post(JSON.stringify(record)).then(() => {
        const now = performance.now();
        ingestMs.push(now - started);
        answered.push(now);
      }),
    );
  }
  await Promise.all(inFlight);
  posting = false;
  await reader;
  clearInterval(progress);
  process.stderr.write('\n');

  const jobs = (await listJobs(db, { limit: 10_000, queue: 'refresh' })).filter((job) => job.started_at && Date.parse(job.created_at) >= Date.now() - (performance.now() - runStarted) - 5000);
  const durations = jobs.filter((job) => job.finished_at).map((job) => (Date.parse(job.finished_at!) - Date.parse(job.started_at!)) / 1000);
  console.log(`ingest answers           n ${ingestMs.length}  p50 ${ms(percentile(ingestMs, 0.5))}  p95 ${ms(percentile(ingestMs, 0.95))}  p99 ${ms(percentile(ingestMs, 0.99))}  (goal p95 ≤ ${GOAL_INGEST_P95_MS} ms: ${percentile(ingestMs, 0.95) <= GOAL_INGEST_P95_MS ? 'met' : 'MISSED'})`);
  console.log(`visible in the summary   n ${lagS.length}  p50 ${s(percentile(lagS, 0.5))}  p95 ${s(percentile(lagS, 0.95))}  max ${s(Math.max(...lagS))}  (goal p95 ≤ ${GOAL_LAG_P95_S} s: ${lagS.length === answered.length && percentile(lagS, 0.95) <= GOAL_LAG_P95_S ? 'met' : 'MISSED'})`);
  console.log(`refresh jobs             ${jobs.length} for ${answered.length} batches  p50 ${s(percentile(durations, 0.5))}  max ${s(Math.max(...durations))}`);
  console.log(`summary during the run   p50 ${ms(percentile(duringMs, 0.5))}  p95 ${ms(percentile(duringMs, 0.95))}  (baseline p95 ${ms(percentile(baseline, 0.95))})`);
  await app.close();
} finally {
  await db.destroy();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
