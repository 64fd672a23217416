import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.ts';
import { JobQueue } from '../jobs/job-queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/** The job queue for the routes that queue work; with `work`, this process also runs the jobs. */
export async function registerJobs(app: FastifyInstance, db: Db, work: boolean): Promise<void> {
  const jobs = await JobQueue.open(db, { work, onError: (error) => app.log.error(error, 'job queue') });
  app.decorate('jobs', jobs);
  if (work) await jobs.catchUp('sevscope start');
  app.addHook('onClose', () => jobs.stop());
}
