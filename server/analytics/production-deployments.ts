import { type RawBuilder, sql } from 'kysely';

/**
 * metrics.md "Cohorts": a production deployment is one whose environment is in the configured
 * production set and whose status is succeeded or rolled_back (failed never served traffic;
 * in_progress is not counted yet). `d` is the deployments alias.
 */
export function productionDeployment(d: RawBuilder<unknown>, productionEnvironments: string[]): RawBuilder<unknown> {
  return sql`(${d}.environment = ANY(${productionEnvironments}::text[]) AND ${d}.status IN ('succeeded', 'rolled_back'))`;
}
