import { sql } from 'kysely';
import type { DerivedBacklog } from '../api/health/schema.ts';
import type { Db } from './connection.ts';

const COUNTED = ['services', 'people', 'changes', 'deployments', 'incidents', 'incident_links', 'classifications', 'agent_actions', 'quarantine'] as const;

/** Below this many rows a table is counted exactly; above it, count(*) costs milliseconds a poll (70 000 classifications: 15 ms) and seconds at 10 M deployments. */
export const EXACT_COUNT_LIMIT = 20_000;

export interface RowCounts {
  counts: Record<string, number>;
  /** Tables whose count is the planner's estimate (it tracks the table's size on disk, so it follows a load at once). */
  estimated: string[];
}

/**
 * Row counts of the main tables, in two round trips: the planner's estimate for each (its rows per page at
 * the last ANALYZE times the pages on disk now, as the planner itself reckons), then count(*) for the
 * tables estimated below `exactBelow` rows or never analyzed.
 */
export async function rowCounts(db: Db, exactBelow = EXACT_COUNT_LIMIT): Promise<RowCounts> {
  const { rows: estimates } = await sql<{ table: string; estimate: number | null }>`
    SELECT c.relname AS table,
           CASE WHEN c.reltuples >= 0 AND c.relpages > 0
                THEN round(c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int))::float8 END AS estimate
    FROM pg_class c
    WHERE c.oid IN (SELECT to_regclass(t) FROM unnest(${[...COUNTED]}::text[]) t)
  `.execute(db);
  const counts: Record<string, number> = {};
  const estimated: string[] = [];
  for (const { table, estimate } of estimates) {
    if (estimate !== null && estimate >= exactBelow) {
      counts[table] = estimate;
      estimated.push(table);
    }
  }
  const exact = COUNTED.filter((table) => !(table in counts));
  if (exact.length > 0) {
    const selects = exact.map((table) => sql`(SELECT count(*) FROM ${sql.table(table)})::int AS ${sql.id(table)}`);
    const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(selects)}`.execute(db);
    Object.assign(counts, rows[0]);
  }
  return { counts: Object.fromEntries(COUNTED.map((table) => [table, counts[table] ?? 0])), estimated: estimated.sort() };
}

export type { DerivedBacklog };

/** How far derived data lags the raw tables: all zero right after a refresh. */
export async function derivedBacklog(db: Db): Promise<DerivedBacklog> {
  const { rows } = await sql<DerivedBacklog>`
    WITH oldest AS (
      SELECT least((SELECT min(marked_at) FROM rollup_dirty_days), (SELECT min(marked_at) FROM rollup_dirty_incidents),
                   (SELECT min(finished_at) FROM ingest_batches WHERE refreshed_at IS NULL AND status <> 'running')) AS at
    )
    SELECT (SELECT count(*)::int FROM (SELECT DISTINCT day, service_id FROM rollup_dirty_days) d) AS pending_days,
           (SELECT count(DISTINCT incident_id)::int FROM rollup_dirty_incidents) AS pending_incidents,
           (SELECT count(*)::int FROM ingest_batches WHERE refreshed_at IS NULL AND status <> 'running') AS unrefreshed_batches,
           to_json(oldest.at)#>>'{}' AS oldest_pending_at,
           coalesce(round(extract(epoch FROM now() - oldest.at)::numeric, 1), 0)::float8 AS lag_seconds
    FROM oldest
  `.execute(db);
  return rows[0]!;
}
