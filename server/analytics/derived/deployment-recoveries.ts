// deployment_recoveries: each rolled-back deployment's recovery time (its first rollback's
// finish − its own) and strongest link; DORA's time to restore and the recovery histograms read it.
import { sql } from 'kysely';
import { minutesBetween } from '../duration-histogram.ts';
import type { DerivedTable } from './derived-table.ts';
import { inDirtyDay, strongestLink } from './sql-parts.ts';

export const deploymentRecoveries: DerivedTable = {
  name: 'deployment_recoveries',
  reads: ['deployments', 'incident_links', 'incidents'],
  order: 'deployment_id',
  async refresh({ run }) {
    await run(sql`DELETE FROM deployment_recoveries r USING dirty_days k WHERE r.day = k.day AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO deployment_recoveries
      SELECT d.id, k.day, d.service_id, d.environment, ${minutesBetween(sql.ref('rb.finished_at'), sql.ref('d.finished_at'))}, link.confidence
      FROM deployments d ${inDirtyDay} ${strongestLink}
      CROSS JOIN LATERAL (
        SELECT min(rb.finished_at) AS finished_at FROM deployments rb
        WHERE rb.rollback_of = d.external_id AND rb.service_id = d.service_id AND rb.finished_at >= d.finished_at) rb
      WHERE d.status = 'rolled_back' AND d.rollback_of IS NULL AND rb.finished_at IS NOT NULL
    `);
  },
};
