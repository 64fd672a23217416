// deployment_month_rollups: deployment_rollups summed per UTC month, so a per-service read of a
// long period (production-deployments.ts, `perService`) sums a row per month and service
// instead of one per day: a year at 10 M deployments is ~7 000 rows instead of ~220 000.
import type { DerivedTable } from './derived-table.ts';
import { ROLLUP_COUNTS } from './deployment-rollups.ts';
import { refreshMonthSums } from './month-sums.ts';

export const deploymentMonthRollups: DerivedTable = {
  name: 'deployment_month_rollups',
  reads: ['deployment_rollups'],
  order: 'month, service_id, environment, cohort',
  refresh: (context) => refreshMonthSums(context, { table: 'deployment_month_rollups', days: 'deployment_rollups', keys: ['environment', 'cohort'], counts: ROLLUP_COUNTS }),
};
