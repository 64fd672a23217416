import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { UNREFRESHED_BATCHES } from '../db/ingest-batches.repository.ts';

/**
 * Sets each deployment's cohort (metrics.md "Cohorts"; ingest-format.md "The ai object"):
 * its declared ai.assisted, else from its changes — ai if any change is AI-assisted, human if
 * all are known human, else unknown (never folded into human). Evidence is `inferred` then.
 * `onlyUnrefreshed` limits the work to deployments written by batches not yet refreshed, or
 * whose changes such batches wrote; otherwise all deployments.
 */
export async function refreshDeploymentCohorts(db: Db, onlyUnrefreshed: boolean): Promise<number> {
  const inScope = onlyUnrefreshed
    ? sql`(d.ingest_batch_id IN (${UNREFRESHED_BATCHES}) OR d.id IN (
          SELECT dc.deployment_id FROM changes c JOIN deployment_changes dc ON dc.change_external_id = c.external_id
          WHERE c.ingest_batch_id IN (${UNREFRESHED_BATCHES})))`
    : sql`true`;
  const result = await sql`
    WITH target AS (
      SELECT d.id, d.ai_assisted, d.ai_evidence FROM deployments d WHERE ${inScope}
    ),
    per_change AS (
      -- One verdict per change id (the same change may come from two sources).
      SELECT dc.deployment_id, bool_or(c.ai_assisted) AS ai
      FROM deployment_changes dc
      JOIN target t ON t.id = dc.deployment_id AND t.ai_assisted IS NULL
      LEFT JOIN changes c ON c.external_id = dc.change_external_id
      GROUP BY dc.deployment_id, dc.change_external_id
    ),
    inferred AS (
      SELECT deployment_id,
             CASE WHEN bool_or(ai) THEN 'ai'
                  WHEN bool_and(ai IS NOT NULL AND NOT ai) THEN 'human'
                  ELSE 'unknown' END AS cohort
      FROM per_change GROUP BY deployment_id
    ),
    verdict AS (
      SELECT t.id,
             CASE WHEN t.ai_assisted THEN 'ai' WHEN NOT t.ai_assisted THEN 'human'
                  ELSE coalesce(i.cohort, 'unknown') END AS cohort,
             CASE WHEN t.ai_assisted IS NOT NULL THEN coalesce(t.ai_evidence, 'declared')
                  WHEN i.cohort IN ('ai', 'human') THEN 'inferred' END AS evidence
      FROM target t LEFT JOIN inferred i ON i.deployment_id = t.id
    )
    UPDATE deployments d SET cohort = v.cohort, cohort_evidence = v.evidence
    FROM verdict v
    WHERE d.id = v.id AND (d.cohort, d.cohort_evidence) IS DISTINCT FROM (v.cohort, v.evidence)
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
