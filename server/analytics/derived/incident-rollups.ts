// incident_rollups: incidents, classified and AI-involved counts, and per incident time how many
// know it and how many have it negative (Data quality), per scope, link level, month,
// severity and cohort (analytics/incident-rollups.ts reads whole months from them).
import { sql } from 'kysely';
import { INCIDENT_TIMES, aiInvolved } from '../incident-facts.ts';
import type { DerivedTable } from './derived-table.ts';
import { monthFacts, rollupScopes } from './month-facts.ts';

export const incidentRollups: DerivedTable = {
  name: 'incident_rollups',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'scope, level, month, severity, cohort',
  async refresh(context) {
    await monthFacts(context);
    await context.run(sql`DELETE FROM incident_rollups r USING dirty_months m WHERE r.month = m.month`);
    await context.run(sql`
      INSERT INTO incident_rollups (scope, level, month, severity, cohort, incidents, classified, ai_involved,
                                    ${sql.join(INCIDENT_TIMES.flatMap((time) => [sql.ref(`${time}_known`), sql.ref(`${time}_negative`)]))})
      SELECT sc.scope, f.level, f.month, f.severity, f.cohort, count(*), count(f.ai_role),
             count(*) FILTER (WHERE ${aiInvolved(sql.ref('f.ai_role'))}),
             ${sql.join(INCIDENT_TIMES.flatMap((time) => [sql`count(${sql.ref(`f.${time}`)})`, sql`count(*) FILTER (WHERE ${time} = ANY(f.negative_times))`]))}
      FROM month_facts f CROSS JOIN LATERAL ${rollupScopes} AS sc (scope)
      GROUP BY 1, 2, 3, 4, 5
    `);
  },
};
