// What every CLI command shares: output, usage errors, and a migrated database for the run.
import type { BatchSummary } from '../../ingest/model.ts';
import { readConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';

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

/** The per-kind table every ingest prints: received, inserted, updated, unchanged, quarantined. */
export function printSummary(summary: BatchSummary): void {
  const header = ['kind', 'received', 'inserted', 'updated', 'unchanged', 'quarantined'];
  const rows = Object.entries(summary.byKind).map(([kind, c]) => [kind, c.received, c.inserted, c.updated, c.unchanged, c.quarantined]);
  const t = summary.total;
  rows.push(['total', t.received, t.inserted, t.updated, t.unchanged, t.quarantined]);
  for (const row of [header, ...rows]) say(row.map((cell, i) => (i === 0 ? String(cell).padEnd(16) : String(cell).padStart(12))).join(''));
  for (const rejection of summary.rejections.slice(0, 10)) {
    const where = rejection.position.origin ? ` (${rejection.position.origin}${rejection.position.line ? `:${rejection.position.line}` : ''})` : '';
    say(`quarantined ${rejection.kind ?? 'record'}${rejection.id ? ` ${rejection.id}` : ''}${where}: ${rejection.reason}`);
  }
  if (summary.total.quarantined > 10) say(`… ${summary.total.quarantined - 10} more: sevscope quarantine list --batch ${summary.batchId}`);
}

export function peakMemoryMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
