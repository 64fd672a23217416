// Records waiting for the record they refer to (migrations/202612010900_pending_records.ts):
// held by the sink in its chunk's transaction, found again once their target is stored.
import type { PoolClient } from 'pg';
import type { NormalizedRecord, Position } from '../../ingest/model.ts';
import type { Db } from './connection.ts';
import type { MergeStatements } from './merge-statements.ts';

export interface PendingRecord {
  id: string;
  batchId: string | null;
  record: NormalizedRecord;
  position: Position;
}

const ROWS_PER_STATEMENT = 1000;

/** Stores (or replaces, by natural key) records whose `field` names `waitingFor`, not stored yet. */
export async function holdPending(
  client: PoolClient,
  batchId: string,
  held: { record: NormalizedRecord; position: Position; field: string; waitingFor: string }[],
): Promise<void> {
  for (let start = 0; start < held.length; start += ROWS_PER_STATEMENT) {
    const slice = held.slice(start, start + ROWS_PER_STATEMENT);
    await client.query(
      `INSERT INTO pending_records (kind, source, external_id, field, waiting_for, record, origin, line, batch_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::int[], $9::bigint[])
       ON CONFLICT (kind, source, external_id) DO UPDATE SET
         field = EXCLUDED.field, waiting_for = EXCLUDED.waiting_for, record = EXCLUDED.record,
         origin = EXCLUDED.origin, line = EXCLUDED.line, batch_id = EXCLUDED.batch_id, received_at = now()`,
      [
        slice.map((h) => h.record.kind),
        slice.map((h) => h.record.source),
        slice.map((h) => h.record.id),
        slice.map((h) => h.field),
        slice.map((h) => h.waitingFor),
        slice.map((h) => JSON.stringify(h.record)),
        slice.map((h) => h.position.origin),
        slice.map((h) => h.position.line),
        slice.map(() => batchId),
      ],
    );
  }
}

/**
 * Pending records of `kind` whose reference resolves now, by id above `afterId`. The staged
 * reference's own resolve SQL decides, with the waited-for id in place of the staged column.
 */
export async function resolvablePending(
  client: PoolClient,
  kind: string,
  checks: MergeStatements['unresolved'],
  afterId: string,
  limit: number,
): Promise<PendingRecord[]> {
  const resolves = checks.map((check) => `(p.field = '${check.field}' AND ${check.resolve} IS NOT NULL)`).join(' OR ');
  const staged = [...new Set(checks.map((check) => `p.waiting_for AS ${check.staged}`))].join(', ');
  const { rows } = await client.query<{ id: string; batch_id: string | null; record: NormalizedRecord; origin: string | null; line: number | null }>(
    `SELECT p.id, p.batch_id, p.record, p.origin, p.line
     FROM pending_records p CROSS JOIN LATERAL (SELECT ${staged}) s
     WHERE p.kind = $1 AND p.id > $2 AND (${resolves})
     ORDER BY p.id LIMIT $3`,
    [kind, afterId, limit],
  );
  return rows.map((row) => ({ id: row.id, batchId: row.batch_id, record: row.record, position: { origin: row.origin, line: row.line } }));
}

/** What waits, for the Data quality page: counts by kind and field, and the oldest records. */
export async function listPending(db: Db, limit: number) {
  const [byField, items] = await Promise.all([
    db
      .selectFrom('pending_records')
      .select(['kind', 'field', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy(['kind', 'field'])
      .orderBy('count', 'desc')
      .execute(),
    db
      .selectFrom('pending_records')
      .select(['id', 'kind', 'source', 'external_id', 'field', 'waiting_for', 'origin', 'line', 'batch_id', 'received_at'])
      .orderBy('received_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
  ]);
  return {
    total: byField.reduce((sum, row) => sum + Number(row.count), 0),
    by_field: byField.map((row) => ({ kind: row.kind, field: row.field, count: Number(row.count) })),
    items,
  };
}
