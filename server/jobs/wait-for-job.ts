// For the CLI: queue a job and wait for it, running a worker in this process so the job ends
// even when no `sevscope start` or `sevscope worker` runs; when one does, either may take it.
import type { Db } from '../db/connection.ts';
import { progressLine } from '../progress-line.ts';
import type { JobName } from './derived-jobs.ts';
import { type JobView, listJobs } from './job-progress.ts';
import { type JobRequest, JobQueue } from './job-queue.ts';

const POLL_MS = 250;

/** Resolves with the finished job; throws with its error when it failed for good. */
export async function runJobAndWait(db: Db, name: JobName, request: JobRequest): Promise<JobView> {
  const jobs = await JobQueue.open(db, { work: true });
  const progress = progressLine(name);
  try {
    // The queue keeps one job waiting: a request it declines is covered by that one.
    const id = await jobs.sendOrJoin(name, request, { now: true });
    for (;;) {
      const job = await jobById(db, id);
      if (!job) throw new Error(`job ${id} (${name}) is gone from the queue`);
      if (job.state === 'completed') return job;
      if (job.state === 'failed' || job.state === 'cancelled') throw new Error(`${name} job ${id} ${job.state}: ${job.error ?? 'no error recorded'}`);
      const at = job.phase ? `${job.phase} (${job.done}/${job.total})` : job.state;
      progress.show(job.state === 'retry' ? `retrying after: ${job.error ?? 'an error'}` : at);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    progress.done();
    await jobs.stop();
  }
}

async function jobById(db: Db, id: string): Promise<JobView | undefined> {
  return (await listJobs(db, { limit: 1, id }))[0];
}
