import { rowCounts } from '../db/health.repository.ts';
import { runJobAndWait } from '../jobs/wait-for-job.ts';
import { say, withDatabase } from './command-context.ts';

/**
 * `sevscope refresh`: recomputes all derived data (deployment cohorts, incident links, rollups)
 * from the raw tables — after a settings change, or to repair it — as the rebuild job, and
 * waits for it (docs/derived-data.md).
 */
export async function refresh(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const { counts: before } = await rowCounts(db, Infinity);
    const started = Date.now();
    const job = await runJobAndWait(db, 'rebuild', { requested_by: 'sevscope refresh' });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { counts: after } = await rowCounts(db, Infinity);
    say(`recomputed deployment cohorts, incident links and rollups from ${after.deployments} deployment(s) and ${after.incidents} incident(s) in ${seconds} s (job ${job.id})`);
    say(`incident links: ${after.incident_links} (before: ${before.incident_links})`);
  });
}
