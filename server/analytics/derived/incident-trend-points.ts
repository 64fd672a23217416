// incident_trend_points: every weekly and monthly trend point, exactly, for the fleet, each
// team, domain and tier, link level, stored severity set (STORED_SEVERITY_SETS) and cohort of a
// dirty week or month
// (analytics/incident-trend-points.ts reads them).
import { sql } from 'kysely';
import { weekOf } from '../incident-rollups.ts';
import { SEVERITY_SETS, TREND_STATS } from '../incident-trend-points.ts';
import type { DerivedTable } from './derived-table.ts';
import { monthFacts, trendScopes } from './month-facts.ts';

// A dirty month's facts are month_facts already; a week may reach into a month that is not
// dirty, so its facts are read by time — in both forms, as onDirtyDay: the range for a few
// weeks by index, the equality to hash-join many.
const periodFacts = {
  week: sql`SELECT f.*, w.week AS period FROM dirty_weeks w
        JOIN incident_facts f ON f.impact_started_at >= w.week::timestamp AT TIME ZONE 'UTC'
          AND f.impact_started_at < (w.week + 7)::timestamp AT TIME ZONE 'UTC'
          AND w.week = ${weekOf(sql.ref('f.impact_started_at'))}`,
  month: sql`SELECT f.*, f.month AS period FROM month_facts f`,
};

export const incidentTrendPoints: DerivedTable = {
  name: 'incident_trend_points',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'grain, scope, level, severities, period, cohort',
  snapshotColumns: 'grain, scope, level, severities, period, cohort, stats::text',
  async refresh(context) {
    await monthFacts(context);
    for (const [grain, table] of [['week', 'dirty_weeks'], ['month', 'dirty_months']] as const) {
      await context.run(sql`DELETE FROM incident_trend_points t USING ${sql.table(table)} p WHERE t.grain = ${grain} AND t.period = ${sql.ref(`p.${grain}`)}`);
      await context.run(sql`
        INSERT INTO incident_trend_points (grain, scope, level, severities, period, cohort, stats)
        SELECT ${grain}::text, sc.scope, f.level, ss.severities, f.period, f.cohort, ${TREND_STATS}
        FROM (${periodFacts[grain]}) f
        CROSS JOIN LATERAL ${trendScopes} AS sc (scope)
        JOIN ${SEVERITY_SETS} AS ss (severities, members) ON f.severity = ANY(ss.members)
        GROUP BY 1, 2, 3, 4, 5, 6
      `);
    }
  },
};
