// deployment_scope_rollups: deployment_rollups summed per scope — the fleet, one team, one
// domain, one tier — so an unfiltered or single-attribute year reads a few rows per day.
import { sql } from 'kysely';
import { SERVICE_SCOPES } from '../rollup-scope.ts';
import type { DerivedTable } from './derived-table.ts';
import { ROLLUP_COUNTS } from './deployment-rollups.ts';

export const deploymentScopeRollups: DerivedTable = {
  name: 'deployment_scope_rollups',
  reads: ['deployment_rollups', 'services'],
  order: 'scope, day, environment, cohort',
  async refresh({ run }) {
    await run(sql`DELETE FROM deployment_scope_rollups r USING dirty_dates k WHERE r.day = k.day`);
    await run(sql`
      INSERT INTO deployment_scope_rollups (day, scope, environment, cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql.ref(column)))})
      SELECT r.day, sc.scope, r.environment, r.cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql`sum(${sql.ref(`r.${column}`)})`))}
      FROM deployment_rollups r JOIN dirty_dates k ON k.day = r.day
      JOIN services s ON s.id = r.service_id
      CROSS JOIN LATERAL ${SERVICE_SCOPES} AS sc (scope)
      WHERE sc.scope IS NOT NULL
      GROUP BY 1, 2, 3, 4
    `);
  },
};
