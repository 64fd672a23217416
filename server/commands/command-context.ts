// What every CLI command shares: output, usage errors, and a migrated database for the run.
import type { BatchSummary } from '../../ingest/model.ts';
import { readConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { runJobAndWait } from '../jobs/wait-for-job.ts';

export { UsageError } from './usage-error.ts';

export const say = (line: string) => process.stdout.write(`${line}\n`);

export async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(readConfig());
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** The per-kind table every ingest prints: received, inserted, updated, unchanged, quarantined, pending. */
export function printSummary(summary: BatchSummary): void {
  const header = ['kind', 'received', 'inserted', 'updated', 'unchanged', 'quarantined', 'pending'];
  const rows = Object.entries(summary.byKind).map(([kind, c]) => [kind, c.received, c.inserted, c.updated, c.unchanged, c.quarantined, c.pending]);
  const t = summary.total;
  rows.push(['total', t.received, t.inserted, t.updated, t.unchanged, t.quarantined, t.pending]);
  for (const row of [header, ...rows]) say(row.map((cell, i) => (i === 0 ? String(cell).padEnd(16) : String(cell).padStart(12))).join(''));
  const applied = summary.appliedPending.total;
  if (applied.received > 0) {
    say(`applied ${applied.received} record(s) that earlier runs kept pending: ${applied.inserted} inserted, ${applied.updated} updated, ${applied.unchanged} unchanged, ${applied.quarantined} quarantined, ${applied.pending} still pending`);
  }
  if (t.pending > 0) say(`${t.pending} record(s) wait for a record they refer to; they apply by themselves when it arrives (GET /api/data-quality lists them)`);
  for (const rejection of summary.rejections.slice(0, 10)) {
    const where = rejection.position.origin ? ` (${rejection.position.origin}${rejection.position.line ? `:${rejection.position.line}` : ''})` : '';
    say(`quarantined ${rejection.kind ?? 'record'}${rejection.id ? ` ${rejection.id}` : ''}${where}: ${rejection.reason}`);
  }
  if (summary.total.quarantined > 10) say(`… ${summary.total.quarantined - 10} more: sevscope quarantine list --batch ${summary.batchId}`);
}

export function peakMemoryMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * After a command stored records: refresh derived data, waiting for it (with a worker in this
 * process, so it ends even when no server runs), or only queue it for the server's worker.
 */
export async function refreshAfter(db: DatabaseHandle['db'], reason: string, wait: boolean): Promise<void> {
  const request = { requested_by: `sevscope ${process.argv.slice(2, 3).join(' ') || 'cli'}`, reason };
  if (wait) {
    const started = Date.now();
    await runJobAndWait(db, 'refresh', request);
    say(`derived data refreshed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  const jobs = await JobQueue.open(db);
  try {
    const id = await jobs.send('refresh', request);
    say(`refresh of derived data queued${id ? ` (job ${id})` : ''}: the worker of sevscope start or sevscope worker applies it`);
  } finally {
    await jobs.stop();
  }
}
