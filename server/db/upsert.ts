// One chunked "INSERT … ON CONFLICT … DO UPDATE … WHERE changed" for any raw table, so that
// re-delivered records are counted as unchanged and never duplicated (architecture.md).
import { sql } from 'kysely';
import type { Db } from './connection.ts';
import type { Database } from './schema.ts';

export type Row = Record<string, unknown>;

export interface UpsertedRow {
  id: string;
  /** The natural key columns joined by KEY_SEPARATOR, to match rows back to records. */
  key: string;
  inserted: boolean;
}

export const KEY_SEPARATOR = '\u001f';

export interface UpsertTarget {
  table: keyof Database;
  /** The natural key columns (the ON CONFLICT target). */
  key: readonly string[];
  /** Append-only tables keep the first version: conflicts are left alone. */
  appendOnly?: boolean;
}

/**
 * Upserts rows that all have the same columns and distinct keys. Returns the rows that were
 * inserted or changed; rows not returned were identical to what was stored.
 */
export async function upsertRows(db: Db, target: UpsertTarget, rows: Row[]): Promise<UpsertedRow[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const updatable = columns.filter((column) => !target.key.includes(column));
  const table = sql.table(target.table);
  const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`));
  const conflict = target.appendOnly
    ? sql`DO NOTHING`
    : sql`DO UPDATE SET ${sql.join(updatable.map((column) => sql`${sql.ref(column)} = EXCLUDED.${sql.ref(column)}`))},
          updated_at = now()
        WHERE (${sql.join(updatable.map((column) => sql`${table}.${sql.ref(column)}`))})
          IS DISTINCT FROM (${sql.join(updatable.map((column) => sql`EXCLUDED.${sql.ref(column)}`))})`;
  const { rows: changed } = await sql<UpsertedRow>`
    INSERT INTO ${table} (${sql.join(columns.map((column) => sql.ref(column)))})
    VALUES ${values}
    ON CONFLICT (${sql.join(target.key.map((column) => sql.ref(column)))}) ${conflict}
    RETURNING id, concat_ws(${KEY_SEPARATOR}, ${sql.join(target.key.map((column) => sql.ref(column)))}) AS key,
      (xmax = 0) AS inserted
  `.execute(db);
  return changed;
}
