// The facts of every incident of a dirty month, at every level (a temp table month_facts),
// which the incident rollups are counted from; and the scopes a fact's incident is kept by.
import { sql } from 'kysely';
import type { RefreshContext } from './derived-table.ts';

export function monthFacts({ run, once }: RefreshContext): Promise<void> {
  return once('month_facts', async () => {
    await run(sql`
      CREATE TEMP TABLE month_facts ON COMMIT DROP AS
      SELECT f.*, m.month
      FROM dirty_months m
      JOIN incident_facts f ON f.impact_started_at >= m.month::timestamp AT TIME ZONE 'UTC'
        AND f.impact_started_at < (m.month + 1 * interval '1 month')::timestamp AT TIME ZONE 'UTC'
    `);
    await run(sql`ANALYZE month_facts`);
  });
}

/** The fleet and every scope of fact `f`'s incident, a service included: what counts and histograms are kept for. */
export const rollupScopes = sql`(SELECT 'fleet' UNION ALL SELECT sc.scope FROM incident_scopes sc WHERE sc.incident_id = f.incident_id)`;
