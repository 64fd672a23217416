import { type Kysely, sql } from 'kysely';

// incident_value_days (analytics/derived/incident-value-days.ts): per scope (the fleet, a team,
// domain or tier), link level, UTC day, severity and cohort, the incidents and each SLO metric's known values, sorted, so that
// an SLO history counts a year from a day's row instead of every incident (width_bucket counts
// the values at or below a threshold in a sorted array). Filled here from the stored facts, as
// that module computes it at this migration.
const METRICS = ['ttd', 'ttrb', 'restore', 'blast_services', 'traffic_share', 'impact_minutes'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_value_days (
      scope text NOT NULL,
      level float8 NOT NULL,
      day date NOT NULL,
      severity text NOT NULL,
      cohort text NOT NULL,
      incidents integer NOT NULL,
      ${sql.raw(METRICS.map((m) => `${m} float8[] NOT NULL`).join(',\n      '))},
      PRIMARY KEY (scope, level, day, severity, cohort)
    );
    INSERT INTO incident_value_days (scope, level, day, severity, cohort, incidents, ${sql.raw(METRICS.join(', '))})
    SELECT sc.scope, f.level, (f.impact_started_at AT TIME ZONE 'UTC')::date, f.severity, f.cohort, count(*)::int,
           ${sql.raw(METRICS.map((m) => `coalesce(array_agg(f.${m}::float8 ORDER BY f.${m}) FILTER (WHERE f.${m} IS NOT NULL), '{}')`).join(',\n           '))}
    FROM incident_facts f
    CROSS JOIN LATERAL (SELECT 'fleet' UNION ALL SELECT s.scope FROM incident_scopes s WHERE s.incident_id = f.incident_id AND s.scope NOT LIKE 'service:%') AS sc (scope)
    GROUP BY 1, 2, 3, 4, 5;
    ANALYZE incident_value_days;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE incident_value_days`.execute(db);
}
