import type { BatchSummary } from '../../ingest/model.ts';
import type { Db } from './connection.ts';

export async function startBatch(db: Db, source: string, origin: string | null): Promise<string> {
  const row = await db.insertInto('ingest_batches').values({ source, origin }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishBatch(
  db: Db,
  batchId: string,
  status: 'succeeded' | 'failed',
  summary: BatchSummary,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('ingest_batches')
    .set({ status, finished_at: new Date(), ...summary.total, by_kind: JSON.stringify(summary.byKind), error })
    .where('id', '=', batchId)
    .execute();
}
