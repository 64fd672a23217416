// deployment_month_rollups: deployment_rollups summed per UTC month, so a per-service read of a
// long period (production-deployments.ts, `perService`) sums a row per month and service
// instead of one per day: a year at 10 M deployments is ~7 000 rows instead of ~220 000.
import { sql } from 'kysely';
import type { DerivedTable, RefreshContext } from './derived-table.ts';
import { ROLLUP_COUNTS } from './deployment-rollups.ts';

/** dirty_service_months (month, service_id): the months of the dirty (day, service) pairs, for the month tables. */
export function dirtyServiceMonths({ run, once }: RefreshContext): Promise<void> {
  return once('dirty_service_months', async () => {
    await run(sql`
      CREATE TEMP TABLE dirty_service_months ON COMMIT DROP AS
      SELECT DISTINCT date_trunc('month', day)::date AS month, service_id FROM dirty_days
    `);
    await run(sql`ANALYZE dirty_service_months`);
  });
}

export const deploymentMonthRollups: DerivedTable = {
  name: 'deployment_month_rollups',
  reads: ['deployment_rollups'],
  order: 'month, service_id, environment, cohort',
  async refresh(context) {
    const { run } = context;
    await dirtyServiceMonths(context);
    await run(sql`DELETE FROM deployment_month_rollups r USING dirty_service_months k WHERE r.month = k.month AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO deployment_month_rollups (month, service_id, environment, cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql.ref(column)))})
      SELECT k.month, r.service_id, r.environment, r.cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql`sum(${sql.ref(`r.${column}`)})`))}
      FROM dirty_service_months k
      JOIN deployment_rollups r ON r.service_id = k.service_id AND r.day >= k.month AND r.day < k.month + interval '1 month'
      GROUP BY 1, 2, 3, 4
    `);
  },
};
