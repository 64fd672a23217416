import { type Kysely, sql } from 'kysely';

// A trigram index on incident titles, so the Incidents page's text search ("contains, any
// case": ILIKE '%text%') finds its matches by index instead of reading every title (a year's
// count at 10 M deployments read 200 000 titles: 180 ms). pg_trgm ships with PostgreSQL's
// contrib, and since PostgreSQL 13 a database owner may create it; a server without it, or a
// role without the right, keeps the search working unindexed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX incidents_title_trgm_idx ON incidents USING gin (title gin_trgm_ops);
    EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
      RAISE NOTICE 'pg_trgm is not available (%): incident text search reads every title', SQLERRM;
    END
    $$
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS incidents_title_trgm_idx`.execute(db);
}
