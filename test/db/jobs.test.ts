// The job queue (server/jobs): ingest answers before the refresh, refreshes coalesce, and a
// refresh that dies (its connection cut, its worker killed with SIGKILL) is retried by the
// queue and ends with the rows of one clean run.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerived } from '../../server/analytics/refresh.ts';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/db/api-tokens.repository.ts';
import { derivedBacklog } from '../../server/db/health.repository.ts';
import { listJobs } from '../../server/jobs/job-progress.ts';
import { JobQueue } from '../../server/jobs/job-queue.ts';
import { storeRecords } from '../../server/load-records.ts';
import { spawnCli } from '../support/cli-process.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { derivedSnapshot } from '../support/derived-snapshot.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let sre: string;

const PERIOD = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

/** One day's deployments of shop as NDJSON, half AI-assisted; the first one fails into an incident. */
function day(n: number) {
  const date = `2026-03-${String(n).padStart(2, '0')}`;
  const deployments = [0, 1, 2, 3].map((i) =>
    makeDeployment({ id: `d-${n}-${i}`, service: 'shop', started_at: `${date}T0${i}:00:00Z`, finished_at: `${date}T0${i}:10:00Z`, ai: i % 2 === 0 ? AI : HUMAN }),
  );
  const incident = makeIncident({ id: `i-${n}`, services: ['shop'], impact_started_at: `${date}T00:30:00Z`, severity: 'sev2' });
  return [...deployments, incident];
}

const ndjson = (records: object[]) => records.map((record) => JSON.stringify(record)).join('\n');
const post = (records: object[]) =>
  app.inject({ method: 'POST', url: '/api/ingest/records?source=ci', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${sre}` }, payload: ndjson(records) });
const get = async (url: string) => (await app.inject({ url, headers: { authorization: `Bearer ${sre}` } })).json();

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const latestRefresh = async () => (await listJobs(t.db, { limit: 1, queue: 'refresh' }))[0];

/**
 * Holds a lock on deployment_rollups from another connection, so a refresh stops where it first
 * touches the table (mid-job: its earlier steps ran) until release().
 */
async function holdRollups(): Promise<{ blockedPid: () => Promise<number>; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE deployment_rollups IN ACCESS EXCLUSIVE MODE');
  return {
    blockedPid: async () => {
      const row = await until('a refresh blocked by the lock on deployment_rollups', async () => {
        // pg_locks, not pg_stat_activity: the latter is a snapshot taken once per transaction,
        // and this one began before the worker opened the connection that runs the refresh.
        const { rows } = await client.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE NOT granted AND relation = 'deployment_rollups'::regclass AND pg_backend_pid() = ANY(pg_blocking_pids(pid))`,
        );
        return rows[0];
      }, (found) => found !== undefined, 120_000);
      return row!.pid;
    },
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp({ db: t.db, worker: false, serveWeb: false });
  sre = (await createToken(t.db, 'ci', 'sre')).token;
  expect((await post([makeService({ id: 'shop' })])).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('the refresh job', () => {
  it('lets ingest answer before the refresh, covers many batches with one refresh, and then shows them', async () => {
    // The service batch above queued a refresh; nobody works the queue yet.
    const answers = await Promise.all([post(day(1)), post(day(2)), post(day(3))].map(async (answer) => (await answer).json()));
    expect(answers.map((answer) => answer.total.received)).toEqual([5, 5, 5]);
    // One refresh waits; the later requests were declined: that one covers them.
    expect(answers.every((answer) => answer.refresh.job_id === null)).toBe(true);
    const waiting = await get('/api/jobs?queue=refresh');
    expect(waiting.jobs.map((job: { state: string }) => job.state)).toEqual(['created']);
    expect(waiting.counts).toEqual({ waiting: 1, running: 0, failed_last_day: 0 });

    const stale = await get('/api/health');
    expect(stale.derived.unrefreshed_batches).toBe(4);
    expect(stale.derived.pending_days).toBe(3);
    expect(stale.derived.oldest_pending_at).not.toBeNull();
    expect(stale.jobs.waiting).toBe(1);
    expect((await get(`/api/metrics/summary?${PERIOD}`)).coverage.deployments).toBe(0);

    const worker = await JobQueue.open(t.db, { work: true });
    try {
      const job = await until('the refresh', latestRefresh, (found) => found?.state === 'completed');
      expect(job).toMatchObject({ queue: 'refresh', phase: 'done', done: 5, total: 5, retry_count: 0, error: null });
      expect(job!.requested_by).toBe('POST /api/ingest/records by ci');
    } finally {
      await worker.stop();
    }
    const summary = await get(`/api/metrics/summary?${PERIOD}`);
    expect(summary.coverage.deployments).toBe(12);
    expect(await derivedBacklog(t.db)).toMatchObject({ pending_days: 0, pending_incidents: 0, unrefreshed_batches: 0, oldest_pending_at: null, lag_seconds: 0 });
  });

  it('is retried when its database connection dies mid-way, and ends with the rows of a clean run', async () => {
    await storeRecords(t.db, { source: 'test' }, valid(day(4)));
    const lock = await holdRollups();
    const worker = await JobQueue.open(t.db, { work: true });
    try {
      const id = await worker.send('refresh', { requested_by: 'test' });
      expect(id).not.toBeNull();
      const pid = await lock.blockedPid();
      await sql`SELECT pg_terminate_backend(${pid})`.execute(t.db);
      await lock.release();
      const job = await until('the retried refresh', latestRefresh, (found) => found?.state === 'completed', 90_000);
      expect(job!.id).toBe(id);
      expect(job!.retry_count).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(await derivedBacklog(t.db)).toMatchObject({ pending_days: 0, unrefreshed_batches: 0 });
    const retried = await derivedSnapshot(t.db);
    expect(retried.deployment_rollups!.length).toBeGreaterThan(0);
    expect(retried.incident_links!.length).toBeGreaterThan(0);
    await rebuildDerived(t.db);
    expect(await derivedSnapshot(t.db)).toEqual(retried);
  }, 240_000);

  it('is taken over by another worker when its worker is killed with SIGKILL mid-job', async () => {
    const child = spawnCli(['worker'], { env: { DATABASE_URL: t.url } });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await until('the worker to start', async () => output, (text) => text.includes('worker running'));
    // Stored after the worker started, which queues a refresh only for data already behind.
    await storeRecords(t.db, { source: 'test' }, valid(day(5)));

    const lock = await holdRollups();
    const producer = await JobQueue.open(t.db);
    const id = await producer.send('refresh', { requested_by: 'test' });
    await producer.stop();
    // On a failure, what the worker said and where the job is: the reason is in one of them.
    await lock.blockedPid().catch(async (error: Error) => {
      child.kill('SIGKILL');
      await lock.release();
      throw new Error(`${error.message}\nworker output:\n${output}\njobs: ${JSON.stringify(await listJobs(t.db, { limit: 3 }))}`);
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await lock.release();
    expect((await latestRefresh())!.state).toBe('active');

    const worker = await JobQueue.open(t.db, { work: true });
    try {
      const job = await until('the refresh taken over', latestRefresh, (found) => found?.state === 'completed', 100_000);
      expect(job!.id).toBe(id);
      expect(job!.retry_count).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(await derivedBacklog(t.db)).toMatchObject({ pending_days: 0, unrefreshed_batches: 0 });
    const summary = await get(`/api/metrics/summary?${PERIOD}`);
    expect(summary.coverage.deployments).toBe(20);
    const retried = await derivedSnapshot(t.db);
    await rebuildDerived(t.db);
    expect(await derivedSnapshot(t.db)).toEqual(retried);
  }, 240_000);

  it('is queued by a worker that starts with derived data behind: marks a migration left are not kept waiting for the next ingest', async () => {
    const idle = await JobQueue.open(t.db);
    try {
      expect(await idle.catchUp('test')).toBeNull();
    } finally {
      await idle.stop();
    }
    // What a migration adding a rollup column does: every day dirty, the column empty until refreshed.
    const before = await derivedSnapshot(t.db);
    await sql`UPDATE deployment_rollups SET deployments = 0`.execute(t.db);
    await sql`INSERT INTO rollup_dirty_days (day, service_id) SELECT DISTINCT day, service_id FROM deployment_rollups`.execute(t.db);
    const server = await buildApp({ db: t.db, serveWeb: false });
    try {
      const job = await until('the catch-up refresh', latestRefresh, (found) => found?.requested_by === 'sevscope start' && found.state === 'completed');
      expect(job!.reason).toBe('derived data behind when the worker started');
    } finally {
      await server.close();
    }
    expect(await derivedBacklog(t.db)).toMatchObject({ pending_days: 0, unrefreshed_batches: 0 });
    expect(await derivedSnapshot(t.db)).toEqual(before);
  }, 120_000);
});
