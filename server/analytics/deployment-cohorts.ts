import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { UNREFRESHED_BATCHES } from '../db/ingest-batches.repository.ts';
import { deploymentCohort } from '../db/kind-tables.ts';

/**
 * Re-derives deployment cohorts (kind-tables.ts `deploymentCohort`) where changes arrived after
 * their deployment: `onlyUnrefreshed` limits it to deployments whose changes were written by
 * batches not yet refreshed (the merge already set the cohort of every deployment it wrote);
 * otherwise all deployments.
 */
export async function refreshDeploymentCohorts(db: Db, onlyUnrefreshed: boolean): Promise<number> {
  // A deployment that declares its AI status keeps it whatever its changes say: only the
  // undeclared ones can move.
  const inScope = onlyUnrefreshed
    ? sql`d.ai_assisted IS NULL AND d.id IN (
        SELECT dc.deployment_id FROM changes c JOIN deployment_changes dc ON dc.change_external_id = c.external_id
        WHERE c.ingest_batch_id IN (${UNREFRESHED_BATCHES}))`
    : sql`true`;
  const result = await sql`
    UPDATE deployments d SET cohort = v.cohort, cohort_evidence = v.evidence
    FROM (
      SELECT d.id, ${sql.raw(COHORT.cohort)} AS cohort, ${sql.raw(COHORT.evidence)} AS evidence
      FROM deployments d ${sql.raw(COHORT.join)}
      WHERE ${inScope}
    ) v
    WHERE d.id = v.id AND (d.cohort, d.cohort_evidence) IS DISTINCT FROM (v.cohort, v.evidence)
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const COHORT = deploymentCohort('d');
