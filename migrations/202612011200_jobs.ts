import { type Kysely, sql } from 'kysely';

// Jobs (server/jobs): the queue itself is pg-boss's own schema, installed by migrateToLatest.
// Here: when each dirty mark was made, so /api/health can report how far derived data lags, and
// the progress a running job reports (pg-boss keeps state, retries and errors; not progress).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE rollup_dirty_days ADD COLUMN marked_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE rollup_dirty_incidents ADD COLUMN marked_at timestamptz NOT NULL DEFAULT now();
    CREATE TABLE job_progress (
      job_id     uuid CONSTRAINT job_progress_pkey PRIMARY KEY,
      queue      text NOT NULL,
      phase      text NOT NULL,
      done       integer NOT NULL,
      total      integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE job_progress;
    ALTER TABLE rollup_dirty_days DROP COLUMN marked_at;
    ALTER TABLE rollup_dirty_incidents DROP COLUMN marked_at;
  `.execute(db);
}
