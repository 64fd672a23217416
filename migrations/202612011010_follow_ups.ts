import { type Kysely, sql } from 'kysely';

// Follow-up actions on an incident (title, owner, due date, status), for the weekly review's
// "due or overdue" list. created_by/updated_by are principal names, as in link_decisions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE follow_ups (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT follow_ups_pkey PRIMARY KEY,
      incident_id bigint NOT NULL CONSTRAINT follow_ups_incident_id_fkey REFERENCES incidents (id) ON DELETE CASCADE,
      title       text NOT NULL,
      owner       text,
      due_date    date,
      status      text NOT NULL DEFAULT 'open' CONSTRAINT follow_ups_status_check CHECK (status IN ('open', 'done', 'cancelled')),
      created_by  text NOT NULL,
      updated_by  text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX follow_ups_incident_id_idx ON follow_ups (incident_id);
    CREATE INDEX follow_ups_open_due_idx ON follow_ups (due_date) WHERE status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE follow_ups`.execute(db);
}
