import { sql } from 'kysely';
import type { Db } from './connection.ts';

const COUNTED = ['services', 'people', 'changes', 'deployments', 'incidents', 'incident_links', 'classifications', 'agent_actions', 'quarantine'] as const;

/** Exact row counts of the main tables, in one round trip. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const selects = COUNTED.map((table) => sql`(SELECT count(*) FROM ${sql.table(table)})::int AS ${sql.id(table)}`);
  const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(selects)}`.execute(db);
  return rows[0] ?? {};
}

export interface DerivedBacklog {
  /** (day, service) pairs and incidents whose rollups wait for a refresh. */
  pending_days: number;
  pending_incidents: number;
  /** Ingest batches stored but not yet covered by a refresh. */
  unrefreshed_batches: number;
  /** When the oldest of those was marked or stored: derived data lags the raw tables since then. */
  oldest_pending_at: string | null;
  /** Seconds since oldest_pending_at; 0 when nothing waits. */
  lag_seconds: number;
}

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
