import { type Kysely, sql } from 'kysely';

// Every change's lead time and merge-to-deploy, one narrow row per (deployment, change) of a
// finished succeeded or rolled-back deployment, kept in (service, day) order (issue 5
// "Performance"). Exact DORA percentiles (up to EXACT_LIMIT values: one service's week or
// month) read these rows by index instead of joining deployments, deployment_changes and
// changes, whose rows for one service lie on thousands of scattered pages (up to 1 s cold at
// 10 M deployments). The refresh builds the per-service duration histograms from them too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE change_durations (
      service_id      bigint NOT NULL,
      day             date NOT NULL,
      environment     text NOT NULL,
      lead_time       double precision NOT NULL,
      merge_to_deploy double precision
    );

    -- Filled from the raw rows as they stand now; the refresh keeps the days it touches.
    INSERT INTO change_durations
    SELECT d.service_id, (d.finished_at AT TIME ZONE 'UTC')::date, d.environment,
           extract(epoch FROM d.finished_at - c.authored_at)::float8 / 60,
           extract(epoch FROM d.finished_at - c.merged_at)::float8 / 60
    FROM deployments d
    JOIN deployment_changes dc ON dc.deployment_id = d.id
    JOIN changes c ON c.external_id = dc.change_external_id
    WHERE d.status IN ('succeeded', 'rolled_back') AND d.finished_at IS NOT NULL
    ORDER BY 1, 2;

    -- Not covering: the rows of one service's day sit together in the heap, so a period's rows are
    -- a few runs of pages, and the refresh writes one narrow index per row instead of a wide one.
    CREATE INDEX change_durations_service_id_day_idx ON change_durations (service_id, day);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE change_durations`.execute(db);
}
