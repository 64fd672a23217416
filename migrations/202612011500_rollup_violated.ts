import { type Kysely, sql } from 'kysely';

// deployment_rollups and deployment_scope_rollups count the deployments with at least one
// governance finding (gov_violated), so the service list's violations are a sum of rollup rows
// instead of a count(DISTINCT) over every finding of the period (12 s for a year at 10 M
// deployments). The next refresh fills the column for every day that has deployments.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE deployment_rollups ADD COLUMN gov_violated integer NOT NULL DEFAULT 0;
    ALTER TABLE deployment_scope_rollups ADD COLUMN gov_violated integer NOT NULL DEFAULT 0;
    INSERT INTO rollup_dirty_days (day, service_id) SELECT DISTINCT day, service_id FROM governance_findings;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE deployment_rollups DROP COLUMN gov_violated;
    ALTER TABLE deployment_scope_rollups DROP COLUMN gov_violated;
  `.execute(db);
}
