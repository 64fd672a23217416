// The SRE's writes from the incident page, timed over real HTTP on the demo year:
//   npm run bench:writes -- [--requests 20]
// link decisions (confirm, reject), a classification and a follow-up, each --requests times on
// different incidents, beside the incident page's own read (GET /api/incidents/:id) as the
// baseline measured in the same run. Goal (issue 13): every write ≤ 1 s.
// With the job queue (issue 14) a link decision changes its link and queues the refresh; the
// time until the metrics show it is bench:freshness's figure.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { createToken } from '../server/db/api-tokens.repository.ts';
import { connect } from '../server/db/connection.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { loadDemo } from '../server/demo-data.ts';

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '20' } } });
const REQUESTS = Number(args.requests);
const GOAL_MS = 1000;

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-writes-'));
const cluster = await startEmbeddedPostgres(path.join(dir, 'pg'));
const db = connect(cluster.url);
try {
  await migrateToLatest(db);
  await loadDemo(db);
  const app = await buildApp({ db, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${(await createToken(db, 'bench-writes', 'sre')).token}`, 'content-type': 'application/json' };
  const timed = async (method: string, url: string, body?: object) => {
    const started = performance.now();
    const response = await fetch(`${base}${url}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status}`);
    return performance.now() - started;
  };

  // Incidents with a linked deployment of theirs: each gets one decision on that deployment.
  const { rows: pairs } = await sql<{ incident: string; deployment: string }>`
    SELECT i.external_id AS incident, d.external_id AS deployment FROM incident_links l
    JOIN incidents i ON i.id = l.incident_id JOIN deployments d ON d.id = l.deployment_id
    WHERE l.rule <> 'manual' ORDER BY i.id LIMIT ${REQUESTS * 2}`.execute(db);
  if (pairs.length < REQUESTS * 2) throw new Error(`the demo has ${pairs.length} links to decide; need ${REQUESTS * 2}`);

  const figures: Record<string, number[]> = { 'GET incident (baseline)': [], 'confirm a link': [], 'reject a link': [], classify: [], 'add a follow-up': [] };
  for (let n = 0; n < REQUESTS; n++) {
    const confirm = pairs[2 * n]!;
    const reject = pairs[2 * n + 1]!;
    figures['GET incident (baseline)']!.push(await timed('GET', `/api/incidents/${encodeURIComponent(confirm.incident)}`));
    figures['confirm a link']!.push(await timed('POST', `/api/incidents/${encodeURIComponent(confirm.incident)}/links`, { deployment: confirm.deployment, decision: 'confirmed' }));
    figures['reject a link']!.push(await timed('POST', `/api/incidents/${encodeURIComponent(reject.incident)}/links`, { deployment: reject.deployment, decision: 'rejected', notes: 'bench' }));
    figures.classify!.push(await timed('POST', `/api/incidents/${encodeURIComponent(confirm.incident)}/classification`, { ai_role: 'contributory' }));
    figures['add a follow-up']!.push(await timed('POST', `/api/incidents/${encodeURIComponent(confirm.incident)}/follow-ups`, { title: `bench ${n}` }));
  }
  console.log(`writes over HTTP on the demo year, ${REQUESTS} each (goal ≤ ${GOAL_MS} ms)`);
  for (const [name, times] of Object.entries(figures)) {
    const p95 = percentile(times, 0.95);
    console.log(`${name.padEnd(26)} p50 ${percentile(times, 0.5).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  max ${Math.max(...times).toFixed(1).padStart(7)} ms${name.includes('baseline') ? '' : `  ${p95 <= GOAL_MS ? 'met' : 'MISSED'}`}`);
  }
  await app.close();
} finally {
  await db.destroy();
  await cluster.stop();
  await rm(dir, { recursive: true, force: true });
}
