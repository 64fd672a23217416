import { listJobs, queueCounts, type JobView } from '../jobs/job-progress.ts';
import { say, withDatabase } from './command-context.ts';

export interface JobsOptions {
  limit: number;
  watch?: boolean;
  json?: boolean;
}

/** `sevscope jobs [--watch]`: the newest jobs, their state and progress. */
export async function jobs(options: JobsOptions): Promise<void> {
  await withDatabase(async ({ db }) => {
    for (;;) {
      const [list, counts] = await Promise.all([listJobs(db, { limit: options.limit }), queueCounts(db)]);
      if (options.json) {
        say(JSON.stringify({ counts, jobs: list }, null, 2));
        return;
      }
      const text = [`${counts.running} running, ${counts.waiting} waiting, ${counts.failed_last_day} failed in the last 24 h`, ...table(list)].join('\n');
      if (!options.watch) return say(text);
      process.stdout.write(`\x1b[H\x1b[2J${text}\n\n(every 2 s; Ctrl-C stops)\n`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  });
}

function table(list: JobView[]): string[] {
  if (list.length === 0) return ['no jobs yet'];
  const rows = list.map((job) => [
    job.id.slice(0, 8),
    job.queue,
    job.state,
    job.created_at.replace('T', ' ').slice(0, 19),
    job.phase ? `${job.phase.split(':')[0]} ${job.done}/${job.total}` : '',
    job.requested_by ?? '',
    job.error ? job.error.slice(0, 60) : '',
  ]);
  const header = ['id', 'queue', 'state', 'queued (UTC)', 'progress', 'requested by', 'error'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
