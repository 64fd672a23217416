// The job queue: pg-boss on sevscope's own database and connection pool (no extra service).
// `sevscope start` opens it with a worker in-process; `sevscope worker` opens only the worker;
// the CLI's other commands open it to queue a job and, when asked, wait for it.
import { type Job, PgBoss } from 'pg-boss';
import { type Db, jobQueueDatabase } from '../db/connection.ts';
import { watchSteps } from '../analytics/refresh-steps.ts';
import { derivedBacklog } from '../db/health.repository.ts';
import { finishProgress, latestOpenJob, reportProgress } from './job-progress.ts';
import { DERIVED_JOBS, JOB_NAMES, type JobDefinition, type JobName } from './derived-jobs.ts';

/** What a job was queued with: who asked (a principal's name, a command) and why. */
export interface JobRequest {
  requested_by: string;
  reason?: string;
}

export interface JobQueueOptions {
  /** Run the jobs in this process (default false: only queue them). */
  work?: boolean;
  /** Called when a job fails (its error is also kept on the job; GET /api/jobs shows it). */
  onError?: (error: Error) => void;
}

export class JobQueue {
  /** This process's worker per queue, woken when this process queues a job (no poll wait). */
  private readonly workers = new Map<JobName, string>();

  private constructor(
    private readonly boss: PgBoss,
    readonly db: Db,
  ) {}

  static async open(db: Db, options: JobQueueOptions = {}): Promise<JobQueue> {
    const boss = new PgBoss({
      db: jobQueueDatabase(db),
      schema: 'pgboss',
      // A worker that died (kill -9, power loss) stops its heartbeat; supervision every 10 s
      // fails its job so a retry starts within ~20 s instead of the default minute.
      supervise: options.work ?? false,
      superviseIntervalSeconds: 10,
      schedule: false,
    });
    boss.on('error', (error: Error) => options.onError?.(error));
    await boss.start();
    for (const name of JOB_NAMES) await boss.createQueue(name, DERIVED_JOBS[name].queue);
    const queue = new JobQueue(boss, db);
    if (options.work) {
      for (const name of JOB_NAMES) {
        queue.workers.set(name, await boss.work<JobRequest>(name, { localConcurrency: 1, pollingIntervalSeconds: 1 }, (jobs) => queue.runAll(name, jobs)));
      }
    }
    return queue;
  }

  /**
   * Queues a job; returns its id, or null when an equal job already waits and will cover this
   * request (the refresh queue keeps one waiting, the rebuild and relink queues one in all).
   */
  async send(name: JobName, request: JobRequest, options: { now?: boolean } = {}): Promise<string | null> {
    // Someone waits for this one (the CLI): no gathering.
    const gather = options.now ? undefined : (DERIVED_JOBS[name] as JobDefinition).gatherSeconds;
    const id = await this.boss.send(name, { ...request }, gather ? { startAfter: gather } : {});
    const worker = this.workers.get(name);
    if (worker && !gather) this.boss.notifyWorker(worker);
    return id;
  }

  /** Queues a job, or joins the one already waiting that covers the request: its id either way. */
  async sendOrJoin(name: JobName, request: JobRequest, options: { now?: boolean } = {}): Promise<string> {
    return (await this.send(name, request, options)) ?? (await latestOpenJob(this.db, name));
  }

  /**
   * Queues a refresh when derived data is behind: dirty marks a migration left, or records a
   * process stored before it stopped, would otherwise wait for the next ingest. A worker calls
   * this as it starts. Returns the job's id, or null (nothing behind, or a refresh waits).
   */
  async catchUp(requestedBy: string): Promise<string | null> {
    const backlog = await derivedBacklog(this.db);
    if (backlog.pending_days + backlog.pending_incidents + backlog.unrefreshed_batches === 0) return null;
    return this.send('refresh', { requested_by: requestedBy, reason: 'derived data behind when the worker started' }, { now: true });
  }

  /** Stops taking jobs; a job still running is given `graceMs` to end, then failed so another worker retries it. */
  async stop(graceMs = 10_000): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: graceMs, close: false });
  }

  private async runAll(name: JobName, jobs: Job<JobRequest>[]): Promise<void> {
    for (const job of jobs) await this.run(name, job.id);
  }

  private async run(name: JobName, jobId: string): Promise<void> {
    const definition = DERIVED_JOBS[name];
    const steps: readonly string[] = definition.steps;
    const progress = reportProgress(this.db, jobId, name, steps.length);
    progress.phase('starting', 0);
    await watchSteps(
      (step, depth) => {
        // The top-level steps count; a step inside one (a statement of the rollups) names the phase.
        if (depth === 0 && steps.includes(step)) progress.phase(step, steps.indexOf(step));
        else if (depth > 0) progress.detail(step);
      },
      () => definition.run(this.db),
    ).finally(() => progress.flush());
    await finishProgress(this.db, jobId, name, steps.length);
  }
}
