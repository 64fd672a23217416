// change_durations: each (change, deployment) lead time and merge-to-deploy, stored grouped by
// (service, day) on disk, so exact DORA percentiles read a service's days by index.
import { sql } from 'kysely';
import { minutesBetween } from '../duration-histogram.ts';
import type { DerivedTable } from './derived-table.ts';
import { inDirtyDay } from './sql-parts.ts';

export const changeDurations: DerivedTable = {
  name: 'change_durations',
  reads: ['deployments', 'deployment_changes', 'changes'],
  order: 'service_id, day, environment, lead_time, merge_to_deploy',
  async refresh({ run, analyzeUnanalyzed }) {
    await run(sql`DELETE FROM change_durations cd USING dirty_days k WHERE cd.service_id = k.service_id AND cd.day = k.day`);
    await run(sql`
      INSERT INTO change_durations (service_id, day, environment, lead_time, merge_to_deploy)
      SELECT d.service_id, k.day, d.environment,
             ${minutesBetween(sql.ref('d.finished_at'), sql.ref('c.authored_at'))}, ${minutesBetween(sql.ref('d.finished_at'), sql.ref('c.merged_at'))}
      FROM deployments d ${inDirtyDay}
      JOIN deployment_changes dc ON dc.deployment_id = d.id
      JOIN changes c ON c.external_id = dc.change_external_id
      WHERE d.status IN ('succeeded', 'rolled_back') AND d.finished_at IS NOT NULL
      ORDER BY 1, 2
    `);
    await analyzeUnanalyzed('change_durations', 'deployment_recoveries');
  },
};
