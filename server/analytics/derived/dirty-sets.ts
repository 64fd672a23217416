// The dirty range of one refresh, as temp tables every derived table's refresh joins: taken
// from the marks the raw tables' triggers left (migrations/202611231300_rollups.ts), widened to
// what those changes move, in the refresh's transaction (a failed refresh leaves the marks).
import { type RawBuilder, sql } from 'kysely';
import { monthOf, weekOf } from '../incident-rollups.ts';
import type { RefreshContext } from './derived-table.ts';
import { onDirtyDay } from './sql-parts.ts';

/** dirty_days (day, service), dirty_deployments (their deployments, with what each rolls back), dirty_dates (day), dirty_incidents, dirty_months, dirty_weeks. */
export async function takeDirtySets(context: RefreshContext): Promise<void> {
  const { run } = context;
  await run(sql`CREATE TEMP TABLE dirty_days (day date, service_id bigint, PRIMARY KEY (day, service_id)) ON COMMIT DROP`);
  await run(sql`CREATE TEMP TABLE dirty_incidents (incident_id bigint PRIMARY KEY) ON COMMIT DROP`);
  await run(sql`
    WITH taken AS (DELETE FROM rollup_dirty_days RETURNING day, service_id)
    INSERT INTO dirty_days SELECT DISTINCT day, service_id FROM taken
  `);
  await run(sql`ANALYZE dirty_days`);
  await run(sql`CREATE TEMP TABLE dirty_deployments (id bigint PRIMARY KEY, day date NOT NULL, service_id bigint NOT NULL, rollback_of text) ON COMMIT DROP`);
  await addDirtyDeployments(context, sql`dirty_days`);
  // A rollback written today changes the recovery of the deployment it rolls back: that
  // deployment's day is dirty too, and so are its other deployments.
  await run(sql`CREATE TEMP TABLE rolled_back_days (day date, service_id bigint) ON COMMIT DROP`);
  await run(sql`
    WITH added AS (
      INSERT INTO dirty_days
      SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
      FROM dirty_deployments k
      JOIN deployments d ON d.external_id = k.rollback_of AND d.service_id = k.service_id
      WHERE k.rollback_of IS NOT NULL
      ON CONFLICT DO NOTHING
      RETURNING day, service_id)
    INSERT INTO rolled_back_days SELECT * FROM added
  `);
  await addDirtyDeployments(context, sql`rolled_back_days`);
  await run(sql`ANALYZE dirty_days, dirty_deployments`);
  // The scope rows of a day sum every service's rows of that day.
  await run(sql`CREATE TEMP TABLE dirty_dates ON COMMIT DROP AS SELECT DISTINCT day FROM dirty_days`);
  await run(sql`ANALYZE dirty_dates`);

  // Incidents marked, and those linked to a deployment of a dirty day (their cohort or time to
  // rollback may have moved).
  await run(sql`
    WITH taken AS (DELETE FROM rollup_dirty_incidents RETURNING incident_id)
    INSERT INTO dirty_incidents
    SELECT incident_id FROM taken
    UNION
    SELECT l.incident_id FROM dirty_deployments k JOIN incident_links l ON l.deployment_id = k.id
    ON CONFLICT DO NOTHING
  `);
  await run(sql`ANALYZE dirty_incidents`);
  // The months and weeks whose incident rollups and trend points change: where the dirty
  // incidents were (their facts, not yet rebuilt), and where they are now.
  for (const [table, column, periodOf] of [['dirty_months', 'month', monthOf], ['dirty_weeks', 'week', weekOf]] as const) {
    await run(sql`
      CREATE TEMP TABLE ${sql.table(table)} ON COMMIT DROP AS
      SELECT ${periodOf(sql.ref('f.impact_started_at'))} AS ${sql.ref(column)}
      FROM incident_facts f JOIN dirty_incidents x ON x.incident_id = f.incident_id
      UNION
      SELECT ${periodOf(sql.ref('i.impact_started_at'))} FROM incidents i JOIN dirty_incidents x ON x.incident_id = i.id
    `);
  }
  // Temp tables have no statistics until analyzed: without them an empty refresh plans for
  // thousands of rows and scans whole tables (4.1 s at 10 M deployments with nothing dirty).
  await run(sql`ANALYZE dirty_months, dirty_weeks`);
}

/** Above this many dirty (day, service) pairs, their deployments are found by one hash join, not a probe each. */
export const PROBED_DAYS = 5_000;

/**
 * Adds the deployments of the (day, service) pairs in `days` to dirty_deployments. A few days
 * are probed each on the (service, time) index, in a LATERAL that PostgreSQL cannot turn into a
 * hash join: left to choose, it hash-joined a scan of all 10 M deployments for one day's 200
 * pairs (1–3 s per statement, in five statements). Many (a rebuild) take that one scan.
 */
async function addDirtyDeployments({ tx, run }: RefreshContext, days: RawBuilder<unknown>): Promise<void> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${days}`.execute(tx);
  if (rows[0]!.n === 0) return;
  await run(rows[0]!.n <= PROBED_DAYS
    ? sql`
      INSERT INTO dirty_deployments (id, day, service_id, rollback_of)
      SELECT d.id, k.day, k.service_id, d.rollback_of FROM ${days} k
      CROSS JOIN LATERAL (
        SELECT d.id, d.rollback_of FROM deployments d
        WHERE d.service_id = k.service_id
          AND d.effective_at >= k.day::timestamp AT TIME ZONE 'UTC' AND d.effective_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
        OFFSET 0) d -- not flattened into a join PostgreSQL could plan as a hash
      ON CONFLICT DO NOTHING`
    : sql`
      INSERT INTO dirty_deployments (id, day, service_id, rollback_of)
      SELECT d.id, k.day, k.service_id, d.rollback_of FROM deployments d ${onDirtyDay('d', 'effective_at')}
      ON CONFLICT DO NOTHING`);
}

/** How much one refresh covered. */
export async function dirtyCounts({ tx }: RefreshContext): Promise<{ days: number; incidents: number }> {
  const counts = await sql<{ days: number; incidents: number }>`
    SELECT (SELECT count(*)::int FROM dirty_days) AS days, (SELECT count(*)::int FROM dirty_incidents) AS incidents
  `.execute(tx);
  return counts.rows[0]!;
}
