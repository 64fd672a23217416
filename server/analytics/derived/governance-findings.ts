// governance_findings: one row per control a deployment violated. The day rollups count them.
import { sql } from 'kysely';
import { parseFilters } from '../filters.ts';
import { governanceFindings as findings } from '../governance-controls.ts';
import type { DerivedTable } from './derived-table.ts';

export const governanceFindings: DerivedTable = {
  name: 'governance_findings',
  reads: ['deployments', 'changes', 'deployment_changes', 'people', 'services', 'agent_actions'],
  order: 'deployment_id, control, change',
  async refresh({ run, analyzeUnanalyzed, settings }) {
    await run(sql`DELETE FROM governance_findings g USING dirty_days k WHERE g.day = k.day AND g.service_id = k.service_id`);
    await run(sql`
      INSERT INTO governance_findings (deployment_id, day, service_id, environment, control, deployment, change, service, authors, approvers, at)
      WITH ${findings({ environments: null, filters: parseFilters({}, new Date(), settings), periodAndServices: false, deploymentIds: sql`SELECT k.id FROM dirty_deployments k` })}
      SELECT deployment_id, (at AT TIME ZONE 'UTC')::date, service_id, environment, control, deployment, change, service, authors, approvers, at
      FROM finding WHERE deployment_id IS NOT NULL
    `);
    await analyzeUnanalyzed('governance_findings');
  },
};
