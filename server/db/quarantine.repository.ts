import type { PoolClient } from 'pg';
import type { Rejection } from '../../ingest/model.ts';
import type { Db } from './connection.ts';

/** PostgreSQL text cannot hold NUL; the raw payload keeps it visibly escaped instead of failing. */
const withoutNul = (text: string) => text.replaceAll('\u0000', '\\u0000');
const COLUMNS = ['batch_id', 'source', 'kind', 'record_id', 'origin', 'line', 'field', 'reason', 'raw'] as const;
const ROWS_PER_STATEMENT = 1000;

/** Stores rejections in the caller's transaction (the sink's chunk). */
export async function insertQuarantine(client: PoolClient, batchId: string, source: string, rejections: Rejection[]): Promise<void> {
  for (let start = 0; start < rejections.length; start += ROWS_PER_STATEMENT) {
    const slice = rejections.slice(start, start + ROWS_PER_STATEMENT);
    const values: unknown[] = [];
    const tuples = slice.map((rejection, row) => {
      values.push(
        batchId,
        source,
        rejection.kind,
        rejection.id === null ? null : withoutNul(rejection.id),
        rejection.position.origin,
        rejection.position.line,
        rejection.field,
        withoutNul(rejection.reason),
        withoutNul(rejection.raw),
      );
      return `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO quarantine (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

export interface QuarantineQuery {
  batchId?: string | undefined;
  kind?: string | undefined;
  source?: string | undefined;
  /** Default: only records not yet resolved by a retry. */
  includeResolved?: boolean | undefined;
  /** Keyset paging for long walks: only ids above this. */
  afterId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listQuarantine(db: Db, query: QuarantineQuery) {
  let base = db.selectFrom('quarantine');
  if (query.batchId) base = base.where('batch_id', '=', query.batchId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.source) base = base.where('source', '=', query.source);
  if (!query.includeResolved) base = base.where('resolved_at', 'is', null);
  if (query.afterId) base = base.where('id', '>', query.afterId);
  const [{ total }, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['id', 'batch_id', 'source', 'kind', 'record_id', 'origin', 'line', 'field', 'reason', 'raw', 'created_at', 'resolved_at'])
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { total: Number(total), items };
}

export async function markResolved(db: Db, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 10_000) {
    await db.updateTable('quarantine').set({ resolved_at: new Date() }).where('id', 'in', ids.slice(start, start + 10_000)).execute();
  }
}

export async function updateReason(db: Db, id: string, field: string | null, reason: string): Promise<void> {
  await db.updateTable('quarantine').set({ field, reason: withoutNul(reason) }).where('id', '=', id).execute();
}
