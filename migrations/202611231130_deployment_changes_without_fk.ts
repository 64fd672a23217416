import { type Kysely, sql } from 'kysely';

// deployment_changes is derived: the deployments merge writes it from change_ids in the same
// statement as its parent row, and deployments are never deleted. Its foreign key guarded
// nothing that statement does not, and its per-row trigger was a quarter of the merge's time
// (EXPLAIN ANALYZE of a 5 000-row chunk: 17 of 125 ms, plus lock traffic on deployments).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deployment_changes DROP CONSTRAINT deployment_changes_deployment_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE deployment_changes ADD CONSTRAINT deployment_changes_deployment_id_fkey
      FOREIGN KEY (deployment_id) REFERENCES deployments (id) ON DELETE CASCADE
  `.execute(db);
}
