import { type Kysely, sql } from 'kysely';

// Every raw row remembers the ingest batch that last inserted or changed it, so derived data
// can be refreshed for exactly what batches touched; a batch records when its derived data was
// refreshed (a killed run's rows are picked up by the next refresh), and keeps a heartbeat so
// a killed run is told apart from a running one.
const RAW_TABLES = ['services', 'people', 'changes', 'deployments', 'incidents', 'classifications', 'agent_actions'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of RAW_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN ingest_batch_id bigint`.execute(db);
    // BRIN: batches append in id order, so a block-range index finds a batch's rows at a
    // fraction of a btree's cost on every insert.
    await sql`CREATE INDEX ${sql.id(`${table}_ingest_batch_id_idx`)} ON ${sql.table(table)} USING brin (ingest_batch_id)`.execute(db);
  }
  await sql`
    ALTER TABLE ingest_batches ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE ingest_batches ADD COLUMN refreshed_at timestamptz;
    CREATE INDEX ingest_batches_unrefreshed_idx ON ingest_batches (id) WHERE refreshed_at IS NULL;
    ALTER TABLE ingest_batches DROP CONSTRAINT ingest_batches_status_check;
    ALTER TABLE ingest_batches ADD CONSTRAINT ingest_batches_status_check
      CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned'));
    CREATE INDEX quarantine_batch_id_idx ON quarantine (batch_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of RAW_TABLES) await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN ingest_batch_id`.execute(db);
  await sql`
    DROP INDEX quarantine_batch_id_idx;
    UPDATE ingest_batches SET status = 'failed' WHERE status = 'abandoned';
    ALTER TABLE ingest_batches DROP CONSTRAINT ingest_batches_status_check;
    ALTER TABLE ingest_batches ADD CONSTRAINT ingest_batches_status_check CHECK (status IN ('running', 'succeeded', 'failed'));
    ALTER TABLE ingest_batches DROP COLUMN heartbeat_at, DROP COLUMN refreshed_at;
  `.execute(db);
}
