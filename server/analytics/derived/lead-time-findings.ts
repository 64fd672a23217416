// lead_time_findings: each (deployment, change) whose deployment finished before the change was
// authored — a negative lead time, which DORA excludes as a data error and Data quality lists
// (analytics/data-quality.ts). Rare, so read with their deployment for the period and scope.
import { sql } from 'kysely';
import { minutesBetween } from '../duration-histogram.ts';
import type { DerivedTable } from './derived-table.ts';
import { inDirtyDay } from './sql-parts.ts';

export const leadTimeFindings: DerivedTable = {
  name: 'lead_time_findings',
  reads: ['deployments', 'deployment_changes', 'changes'],
  order: 'deployment_id, change_external_id, authored_at',
  async refresh({ run }) {
    await run(sql`DELETE FROM lead_time_findings f USING dirty_days k WHERE f.day = k.day AND f.service_id = k.service_id`);
    await run(sql`
      INSERT INTO lead_time_findings (deployment_id, day, service_id, change_external_id, authored_at, minutes)
      SELECT d.id, k.day, d.service_id, c.external_id, c.authored_at, ${minutesBetween(sql.ref('d.finished_at'), sql.ref('c.authored_at'))}
      FROM deployments d ${inDirtyDay}
      JOIN deployment_changes dc ON dc.deployment_id = d.id
      JOIN changes c ON c.external_id = dc.change_external_id
      WHERE d.finished_at < c.authored_at
    `);
  },
};
