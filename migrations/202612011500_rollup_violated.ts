import { type Kysely, sql } from 'kysely';

// deployment_rollups and deployment_scope_rollups count the deployments with at least one
// governance finding (gov_violated), so the service list's violations are a sum of rollup rows
// instead of a count(DISTINCT) over every finding of the period (12 s for a year at 10 M
// deployments). Filled here from the findings, as the refresh would (a deployment's rollup row
// is its effective day, environment and cohort; a finding's `day` is that same day): marking
// every day dirty instead would make the upgrade's first refresh a full rebuild (33 min at 10 M).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE deployment_rollups ADD COLUMN gov_violated integer NOT NULL DEFAULT 0;
    ALTER TABLE deployment_scope_rollups ADD COLUMN gov_violated integer NOT NULL DEFAULT 0;
    UPDATE deployment_rollups r SET gov_violated = v.violated
    FROM (
      SELECT g.day, g.service_id, d.environment, d.cohort, count(DISTINCT g.deployment_id)::int AS violated
      FROM governance_findings g JOIN deployments d ON d.id = g.deployment_id
      GROUP BY 1, 2, 3, 4
    ) v
    WHERE r.day = v.day AND r.service_id = v.service_id AND r.environment = v.environment AND r.cohort = v.cohort;
    -- The scopes a service's rows add to, as analytics/rollup-scope.ts had them at this migration.
    UPDATE deployment_scope_rollups r SET gov_violated = v.violated
    FROM (
      SELECT r.day, sc.scope, r.environment, r.cohort, sum(r.gov_violated)::int AS violated
      FROM deployment_rollups r JOIN services s ON s.id = r.service_id
      CROSS JOIN LATERAL (VALUES ('fleet'), ('team:' || s.team), ('domain:' || s.domain), ('tier:' || s.tier)) AS sc (scope)
      WHERE sc.scope IS NOT NULL AND r.gov_violated > 0
      GROUP BY 1, 2, 3, 4
    ) v
    WHERE r.day = v.day AND r.scope = v.scope AND r.environment = v.environment AND r.cohort = v.cohort;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE deployment_rollups DROP COLUMN gov_violated;
    ALTER TABLE deployment_scope_rollups DROP COLUMN gov_violated;
  `.execute(db);
}
