// deployment_rollups: per UTC day × service × environment × cohort, the additive counts every
// deployment metric sums (production-deployments.ts reads them).
import { sql } from 'kysely';
import { DEPLOYMENT_CONTROLS } from '../governance-control-list.ts';
import { KNOWN_EVIDENCE, LINK_LEVELS, linkedColumn } from '../rollup-columns.ts';
import type { DerivedTable } from './derived-table.ts';
import { inDirtyDay, strongestLink } from './sql-parts.ts';

/** The additive columns of deployment_rollups and deployment_scope_rollups, in insert order. */
export const ROLLUP_COUNTS = [
  'deployments', 'rollbacks', 'rework', 'rolled_back',
  ...LINK_LEVELS.map(linkedColumn),
  ...KNOWN_EVIDENCE.map((evidence) => `ev_${evidence}`),
  'gov_evaluated',
  ...DEPLOYMENT_CONTROLS.map((control) => `gov_${control}`),
  'gov_violated',
] as const;

export const deploymentRollups: DerivedTable = {
  name: 'deployment_rollups',
  reads: ['deployments', 'services', 'incident_links', 'incidents', 'governance_findings'],
  order: 'day, service_id, environment, cohort',
  async refresh({ run }) {
    await run(sql`DELETE FROM deployment_rollups r USING dirty_days k WHERE r.day = k.day AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO deployment_rollups (day, service_id, environment, cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql.ref(column)))})
      SELECT k.day, d.service_id, d.environment, d.cohort,
             count(*),
             count(*) FILTER (WHERE d.rollback_of IS NOT NULL),
             count(*) FILTER (WHERE d.rollback_of IS NOT NULL OR cardinality(d.remediates) > 0),
             count(*) FILTER (WHERE d.rollback_of IS NULL AND d.status = 'rolled_back'),
             ${sql.join(LINK_LEVELS.map((level) => sql`count(*) FILTER (WHERE d.rollback_of IS NULL AND d.status <> 'rolled_back' AND link.confidence = ${level}::float8)`))},
             ${sql.join(KNOWN_EVIDENCE.map((evidence) => sql`count(*) FILTER (WHERE d.cohort <> 'unknown' AND coalesce(d.cohort_evidence, 'declared') = ${evidence})`))},
             count(*) FILTER (WHERE s.tier = 1 OR s.high_risk),
             ${sql.join(DEPLOYMENT_CONTROLS.map((control) => sql`count(*) FILTER (WHERE ${control} = ANY(g.controls))`))},
             count(*) FILTER (WHERE g.controls IS NOT NULL)
      FROM deployments d ${inDirtyDay} ${strongestLink}
      JOIN services s ON s.id = d.service_id
      LEFT JOIN (
        SELECT g.deployment_id, array_agg(DISTINCT g.control) AS controls
        FROM governance_findings g JOIN dirty_days k ON g.day = k.day AND g.service_id = k.service_id
        GROUP BY g.deployment_id) g ON g.deployment_id = d.id
      WHERE d.status IN ('succeeded', 'rolled_back')
      GROUP BY k.day, d.service_id, d.environment, d.cohort
    `);
  },
};
