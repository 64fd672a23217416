import { sql } from 'kysely';
import type { Db } from './connection.ts';

const COUNTED = ['services', 'people', 'changes', 'deployments', 'incidents', 'incident_links', 'classifications', 'agent_actions', 'quarantine'] as const;

/** Exact row counts of the main tables, in one round trip. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const selects = COUNTED.map((table) => sql`(SELECT count(*) FROM ${sql.table(table)})::int AS ${sql.id(table)}`);
  const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(selects)}`.execute(db);
  return rows[0] ?? {};
}
