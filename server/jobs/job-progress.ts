// What a running job last reported: its phase and done/total, one row per job (job_progress).
// pg-boss keeps the rest of a job (state, retries, errors) in its own tables; listJobs joins them.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { JobView, QueueCounts } from '../api/jobs/schema.ts';
import { JOB_NAMES } from './derived-jobs.ts';

export type { JobView, QueueCounts };

/** Inner steps (statements) are reported at most this often; top-level phases always. */
const DETAIL_EVERY_MS = 500;

export interface ProgressReporter {
  phase(name: string, done: number): void;
  detail(name: string): void;
  /** Resolves once every report so far is written. */
  flush(): Promise<void>;
}

/** Reports in the background, in order; a failed write is skipped (progress is a hint, not state). */
export function reportProgress(db: Db, jobId: string, queue: string, total: number): ProgressReporter {
  let written: Promise<void> = Promise.resolve();
  let phase = 'starting';
  let done = 0;
  let lastDetail = 0;
  const write = (shown: string) => {
    const row = { job_id: jobId, queue, phase: shown, done, total };
    written = written.then(() => saveProgress(db, row)).then(() => undefined, () => undefined);
  };
  return {
    phase(name, stepsDone) {
      phase = name;
      done = stepsDone;
      write(name);
    },
    detail(name) {
      const now = Date.now();
      if (now - lastDetail < DETAIL_EVERY_MS) return;
      lastDetail = now;
      write(`${phase}: ${name}`);
    },
    flush: () => written,
  };
}

export function finishProgress(db: Db, jobId: string, queue: string, total: number): Promise<void> {
  return saveProgress(db, { job_id: jobId, queue, phase: 'done', done: total, total });
}

async function saveProgress(db: Db, progress: { job_id: string; queue: string; phase: string; done: number; total: number }): Promise<void> {
  const row = { ...progress, updated_at: new Date() };
  await db.insertInto('job_progress').values(row).onConflict((c) => c.column('job_id').doUpdateSet(row)).execute();
}

/**
 * The newest jobs first. Read from pg-boss's job table (its documented columns) rather than
 * findJobs(), which lists oldest first per queue.
 */
export async function listJobs(db: Db, options: { limit: number; queue?: string; id?: string }): Promise<JobView[]> {
  const { rows } = await sql<JobView>`
    SELECT j.id::text, j.name AS queue, j.state::text AS state,
           j.data->>'requested_by' AS requested_by, j.data->>'reason' AS reason,
           to_json(j.created_on)#>>'{}' AS created_at, to_json(j.started_on)#>>'{}' AS started_at,
           to_json(j.completed_on)#>>'{}' AS finished_at, j.retry_count,
           p.phase, p.done, p.total,
           CASE WHEN j.state IN ('failed', 'retry') THEN coalesce(j.output->>'message', j.output::text) END AS error
    FROM pgboss.job j LEFT JOIN job_progress p ON p.job_id = j.id
    WHERE j.name = ANY(${options.queue ? [options.queue] : JOB_NAMES}) ${options.id ? sql`AND j.id = ${options.id}::uuid` : sql``}
    ORDER BY j.created_on DESC, j.id DESC
    LIMIT ${options.limit}`.execute(db);
  return rows;
}

/** The newest job of the queue that has not finished: the one a declined send() is covered by. */
export async function latestOpenJob(db: Db, queue: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    SELECT id::text FROM pgboss.job WHERE name = ${queue} AND state IN ('created', 'retry', 'active')
    ORDER BY created_on DESC LIMIT 1`.execute(db);
  if (rows[0]) return rows[0].id;
  throw new Error(`the ${queue} queue declined the job, yet none waits`);
}

export async function queueCounts(db: Db): Promise<QueueCounts> {
  const { rows } = await sql<QueueCounts>`
    SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS waiting,
           count(*) FILTER (WHERE state = 'active')::int AS running,
           count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '1 day')::int AS failed_last_day
    FROM pgboss.job WHERE name = ANY(${JOB_NAMES})`.execute(db);
  return rows[0]!;
}
