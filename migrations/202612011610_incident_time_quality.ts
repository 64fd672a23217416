import { type Kysely, sql } from 'kysely';

// Data quality's incident times without recomputing every incident of the period from raw rows
// (7.5 s for a year at 10 M deployments / 200 k incidents):
// - incident_facts.negative_times names the times (ttd, ttrb, restore, resolve) whose raw value is
//   negative, a data error the stored times drop; a partial index finds the few such incidents;
// - incident_rollups counts, per time, the incidents where it is known and where it is negative
//   (missing = incidents − known − negative).
// The known counts are filled here from the stored facts. The negative ones need the raw times:
// the incidents that can have one are marked dirty, and the refresh the worker queues when it
// starts (JobQueue.catchUp) recomputes only those, and the months they are in.
const TIMES = ['ttd', 'ttrb', 'restore', 'resolve'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE incident_facts ADD COLUMN negative_times text[] NOT NULL DEFAULT '{}';
    CREATE INDEX incident_facts_negative_times_idx ON incident_facts (level, impact_started_at) WHERE cardinality(negative_times) > 0;
    ALTER TABLE incident_rollups ${sql.raw(TIMES.flatMap((t) => [`ADD COLUMN ${t}_known integer NOT NULL DEFAULT 0`, `ADD COLUMN ${t}_negative integer NOT NULL DEFAULT 0`]).join(', '))};
    -- The scopes an incident's rows are kept for, as analytics/derived/month-facts.ts had them at this migration.
    UPDATE incident_rollups r SET ${sql.raw(TIMES.map((t) => `${t}_known = k.${t}_known`).join(', '))}
    FROM (
      SELECT sc.scope, f.level, date_trunc('month', f.impact_started_at AT TIME ZONE 'UTC')::date AS month, f.severity, f.cohort,
             ${sql.raw(TIMES.map((t) => `count(f.${t})::int AS ${t}_known`).join(', '))}
      FROM incident_facts f
      CROSS JOIN LATERAL (SELECT 'fleet' UNION ALL SELECT s.scope FROM incident_scopes s WHERE s.incident_id = f.incident_id) AS sc (scope)
      GROUP BY 1, 2, 3, 4, 5
    ) k
    WHERE r.scope = k.scope AND r.level = k.level AND r.month = k.month AND r.severity = k.severity AND r.cohort = k.cohort;
    -- A superset of the incidents with a negative time: an end before its start, or a rollback
    -- of a linked deployment finishing before detection (TTRb).
    INSERT INTO rollup_dirty_incidents (incident_id)
    SELECT i.id FROM incidents i
    WHERE i.detected_at < i.impact_started_at OR i.mitigated_at < i.impact_started_at OR i.resolved_at < i.impact_started_at
       OR i.mitigated_at < i.detected_at
       OR EXISTS (SELECT 1 FROM incident_links il JOIN deployments d ON d.id = il.deployment_id
                  JOIN deployments rb ON rb.rollback_of = d.external_id AND rb.service_id = d.service_id
                  WHERE il.incident_id = i.id AND rb.finished_at < i.detected_at);
    ANALYZE incident_rollups;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE incident_facts DROP COLUMN negative_times;
    ALTER TABLE incident_rollups ${sql.raw(TIMES.flatMap((t) => [`DROP COLUMN ${t}_known`, `DROP COLUMN ${t}_negative`]).join(', '))};
  `.execute(db);
}
