import { type Kysely, sql } from 'kysely';

// Monthly incident trend points beside the weekly ones (issue 5 "Performance"): a year of
// monthly trends for the fleet read 160 000 incident facts and sorted them per month and
// cohort (~300 ms at 200 000 incidents a year). incident_week_points becomes
// incident_trend_points, keyed by grain ('week' or 'month') and the period's first day.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE incident_week_points RENAME TO incident_trend_points;
    ALTER TABLE incident_trend_points RENAME COLUMN week TO period;
    ALTER TABLE incident_trend_points ADD COLUMN grain text NOT NULL DEFAULT 'week';
    ALTER TABLE incident_trend_points ALTER COLUMN grain DROP DEFAULT;
    ALTER TABLE incident_trend_points ADD CONSTRAINT incident_trend_points_grain_check CHECK (grain IN ('week', 'month'));
    ALTER TABLE incident_trend_points DROP CONSTRAINT incident_week_points_pkey;
    ALTER TABLE incident_trend_points ADD CONSTRAINT incident_trend_points_pkey PRIMARY KEY (grain, scope, level, severities, period, cohort);
    DROP INDEX incident_week_points_week_idx;
    CREATE INDEX incident_trend_points_period_idx ON incident_trend_points (grain, period);

    -- No month rows yet: the next refresh fills them for every incident.
    INSERT INTO rollup_dirty_incidents SELECT id FROM incidents;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM incident_trend_points WHERE grain = 'month';
    DROP INDEX incident_trend_points_period_idx;
    ALTER TABLE incident_trend_points DROP CONSTRAINT incident_trend_points_pkey;
    ALTER TABLE incident_trend_points DROP CONSTRAINT incident_trend_points_grain_check;
    ALTER TABLE incident_trend_points DROP COLUMN grain;
    ALTER TABLE incident_trend_points RENAME COLUMN period TO week;
    ALTER TABLE incident_trend_points RENAME TO incident_week_points;
    ALTER TABLE incident_week_points ADD CONSTRAINT incident_week_points_pkey PRIMARY KEY (scope, level, severities, week, cohort);
    CREATE INDEX incident_week_points_week_idx ON incident_week_points (week);
  `.execute(db);
}
