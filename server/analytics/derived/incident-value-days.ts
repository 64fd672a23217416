// incident_value_days: per scope (the fleet, a team, domain or tier), link level, UTC day,
// severity and cohort, the incidents and each incident SLO metric's known values, sorted
// (analytics/slo-window-counts.ts reads them). A window then counts its bad events from a row per day:
// width_bucket finds how many sorted values are at or below a threshold. At 10 M deployments a
// year's fleet history read 160 000 facts in 200 ms, and a domain's 30 000 in 210 (through its
// scope rows); these rows take 10 ms. A service's incidents are few enough to read as facts.
import { sql } from 'kysely';
import { INCIDENT_SLO_METRICS } from '../../db/slo-policies.repository.ts';
import { LINK_LEVELS } from '../rollup-columns.ts';
import { serviceScopeIn } from '../rollup-scope.ts';
import type { DerivedTable } from './derived-table.ts';

const utcDay = (column: string) => sql`(${sql.ref(column)} AT TIME ZONE 'UTC')::date`;

export const incidentValueDays: DerivedTable = {
  name: 'incident_value_days',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'scope, level, day, severity, cohort',
  // The days the dirty incidents were on, read before their facts are rebuilt.
  async before({ run }) {
    await run(sql`
      CREATE TEMP TABLE dirty_value_days ON COMMIT DROP AS
      SELECT DISTINCT ${utcDay('f.impact_started_at')} AS day FROM incident_facts f JOIN dirty_incidents x ON x.incident_id = f.incident_id`);
  },
  async refresh({ run }) {
    // And the days they are on now.
    await run(sql`INSERT INTO dirty_value_days SELECT DISTINCT ${utcDay('i.impact_started_at')} FROM incidents i JOIN dirty_incidents x ON x.incident_id = i.id`);
    await run(sql`ANALYZE dirty_value_days`);
    await run(sql`DELETE FROM incident_value_days v USING dirty_value_days k WHERE v.day = k.day`);
    await run(sql`
      INSERT INTO incident_value_days (scope, level, day, severity, cohort, incidents, ${sql.join(INCIDENT_SLO_METRICS.map((metric) => sql.ref(metric)))})
      SELECT sc.scope, f.level, k.day, f.severity, f.cohort, count(*)::int,
             ${sql.join(INCIDENT_SLO_METRICS.map((metric) => {
               const value = sql.ref(`f.${metric}`);
               return sql`coalesce(array_agg(${value}::float8 ORDER BY ${value}) FILTER (WHERE ${value} IS NOT NULL), '{}')`;
             }))}
      FROM (SELECT DISTINCT day FROM dirty_value_days) k
      JOIN incident_facts f ON f.level = ANY(${LINK_LEVELS}::float8[])
        AND f.impact_started_at >= k.day::timestamp AT TIME ZONE 'UTC' AND f.impact_started_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
      CROSS JOIN LATERAL (
        SELECT 'fleet' UNION ALL SELECT s.scope FROM incident_scopes s WHERE s.incident_id = f.incident_id AND NOT ${serviceScopeIn(sql.ref('s.scope'))}
      ) AS sc (scope)
      GROUP BY 1, 2, 3, 4, 5`);
  },
};
