import { sql } from 'kysely';
import { DERIVED_TABLES } from '../../server/analytics/derived/registry.ts';
import type { Db } from '../../server/db/connection.ts';

/** Every derived table's rows (and the incident links) in a fixed order: two refresh histories agree when these are equal. */
export async function derivedSnapshot(db: Db): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of DERIVED_TABLES) {
    snapshot[table.name] = (await sql`SELECT ${sql.raw(table.snapshotColumns ?? '*')} FROM ${sql.table(table.name)} ORDER BY ${sql.raw(table.order)}`.execute(db)).rows;
  }
  snapshot.incident_links = (await sql`SELECT incident_id, deployment_id, rule, confidence FROM incident_links ORDER BY incident_id, deployment_id`.execute(db)).rows;
  return snapshot;
}
