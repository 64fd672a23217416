import { JobQueue } from '../jobs/job-queue.ts';
import { JOB_NAMES } from '../jobs/derived-jobs.ts';
import { say, withDatabase } from './command-context.ts';

/**
 * `sevscope worker`: runs the jobs (refresh, rebuild, relink) without serving, so a deployment
 * can run them apart from the API servers (start them with --no-worker) or add more.
 */
export async function worker(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const jobs = await JobQueue.open(db, { work: true, onError: (error) => process.stderr.write(`sevscope worker: ${error.message}\n`) });
    await jobs.catchUp('sevscope worker');
    say(`worker running the ${JOB_NAMES.join(', ')} jobs; Ctrl-C stops it (a running job is given 10 s, then retried elsewhere)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        say(`\n${signal}: stopping…`);
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await jobs.stop();
  });
}
