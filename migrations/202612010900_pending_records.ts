import { type Kysely, sql } from 'kysely';

// Records whose reference has not arrived yet (a classification before its incident): kept here,
// whole, instead of quarantined, and applied by the sink as soon as the target is stored — in
// the same batch or a later one (docs/ingest-format.md "Order never matters"). One row per
// natural key: a record sent again while it waits replaces the waiting version.
// Classifications quarantined for a missing incident before this migration move here too, so
// they apply on the next ingest instead of waiting for a manual `quarantine retry`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pending_records (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      source text NOT NULL,
      external_id text NOT NULL,
      field text NOT NULL,
      waiting_for text NOT NULL,
      record jsonb NOT NULL,
      origin text,
      line integer,
      batch_id bigint REFERENCES ingest_batches (id) ON DELETE SET NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pending_records_kind_source_external_id_key UNIQUE (kind, source, external_id)
    );
    CREATE INDEX pending_records_field_waiting_for_idx ON pending_records (field, waiting_for);
    ALTER TABLE ingest_batches ADD COLUMN pending integer NOT NULL DEFAULT 0;

    WITH moved AS (
      UPDATE quarantine SET resolved_at = now()
      WHERE resolved_at IS NULL AND kind = 'classification' AND field = 'classification.incident'
        AND reason LIKE 'classification.incident: no incident % is stored'
      RETURNING id, batch_id, source, origin, line, raw::jsonb AS record
    )
    INSERT INTO pending_records (kind, source, external_id, field, waiting_for, record, origin, line, batch_id)
    SELECT DISTINCT ON (record->>'source', record->>'id')
           'classification', record->>'source', record->>'id', 'classification.incident', record->>'incident',
           record, origin, line, batch_id
    FROM moved
    ORDER BY record->>'source', record->>'id', id DESC
    ON CONFLICT (kind, source, external_id) DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE pending_records;
    ALTER TABLE ingest_batches DROP COLUMN pending;
  `.execute(db);
}
