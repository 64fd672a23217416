import { sql } from 'kysely';
import type { PoolClient } from 'pg';
import type { BatchSummary } from '../../ingest/model.ts';
import type { Db } from './connection.ts';

/**
 * Batches whose rows have not had their derived data refreshed: the current one, and any that
 * stopped before refreshing (killed, failed). A subquery for `ingest_batch_id IN (…)`.
 */
export const UNREFRESHED_BATCHES = sql`SELECT id FROM ingest_batches WHERE refreshed_at IS NULL`;

/**
 * Batches a refresh starting now covers in full: stopped (succeeded, failed, abandoned) and not
 * refreshed yet. A batch still running stays unrefreshed, so a later refresh covers its last rows.
 */
export async function settledUnrefreshedBatches(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('ingest_batches').select('id').where('refreshed_at', 'is', null).where('status', '<>', 'running').execute();
  return rows.map((row) => row.id);
}

export async function markRefreshed(db: Db, batchIds: string[]): Promise<void> {
  if (batchIds.length === 0) return;
  await db.updateTable('ingest_batches').set({ refreshed_at: new Date() }).where('id', 'in', batchIds).execute();
}

/** A running batch whose heartbeat is older than this was killed (chunks commit far more often). */
const STALE_AFTER = '10 minutes';

export async function startBatch(db: Db, source: string, origin: string | null): Promise<string> {
  const row = await db.insertInto('ingest_batches').values({ source, origin }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Marks batches of runs that died (SIGKILL, power loss) so they do not look like they still run. */
export async function abandonStaleBatches(db: Db): Promise<number> {
  const result = await sql`
    UPDATE ingest_batches SET status = 'abandoned', finished_at = heartbeat_at,
      error = 'the run stopped without closing its batch; records of committed chunks are stored'
    WHERE status = 'running' AND heartbeat_at < now() - ${STALE_AFTER}::interval`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Counts so far and a heartbeat, in the chunk's own transaction. */
export async function recordProgress(client: PoolClient, batchId: string, summary: BatchSummary): Promise<void> {
  const { received, inserted, updated, unchanged, quarantined, pending } = summary.total;
  await client.query(
    `UPDATE ingest_batches SET received = $2, inserted = $3, updated = $4, unchanged = $5, quarantined = $6,
       pending = $7, by_kind = $8, heartbeat_at = now() WHERE id = $1`,
    [batchId, received, inserted, updated, unchanged, quarantined, pending, JSON.stringify(summary.byKind)],
  );
}

export async function finishBatch(db: Db, batchId: string, status: 'succeeded' | 'failed', summary: BatchSummary, error: string | null): Promise<void> {
  await db
    .updateTable('ingest_batches')
    .set({ status, finished_at: new Date(), heartbeat_at: new Date(), ...summary.total, by_kind: JSON.stringify(summary.byKind), error })
    .where('id', '=', batchId)
    .execute();
}
