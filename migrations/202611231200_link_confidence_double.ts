import { type Kysely, sql } from 'kysely';

// Confidences are compared with decimal thresholds (min_confidence 0.7, the suggestion's 0.7):
// a real holds 0.7 as 0.69999999, which compares below 0.7 and dropped 6-hour heuristic links.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE incident_links ALTER COLUMN confidence TYPE double precision USING round(confidence::numeric, 4)::double precision`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE incident_links ALTER COLUMN confidence TYPE real`.execute(db);
}
