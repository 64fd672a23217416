import { type Kysely, sql } from 'kysely';

// Weekly incident trend points, computed exactly once per refresh instead of per request
// (issue 5 "Performance"): a year of weekly trends for the fleet read 160 000 incident facts
// and sorted them per week and cohort (~300 ms at 200 000 incidents a year).
// One row per scope (the fleet, a team, a domain, a tier), link level, severity set (every
// non-empty subset of sev1..sev4, comma-joined in order), ISO week and incident cohort; stats
// is the trend point's incident object (analytics/incident-trend-points.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_week_points (
      scope      text NOT NULL,
      level      double precision NOT NULL,
      severities text NOT NULL,
      week       date NOT NULL,
      cohort     text NOT NULL,
      stats      json NOT NULL,
      CONSTRAINT incident_week_points_pkey PRIMARY KEY (scope, level, severities, week, cohort)
    );
    CREATE INDEX incident_week_points_week_idx ON incident_week_points (week);

    -- The new table starts empty: the next refresh fills it for every incident.
    INSERT INTO rollup_dirty_incidents SELECT id FROM incidents;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE incident_week_points`.execute(db);
}
