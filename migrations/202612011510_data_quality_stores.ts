import { type Kysely, sql } from 'kysely';

// Two derived tables for the Data quality page, which read raw tables for the period (minutes
// for a year at 10 M deployments: every change, and every production deployment joined to its
// changes):
// - change_rollups: changes per UTC day they were authored, service and tagging evidence
//   ('none' for untagged), for change tagging coverage;
// - lead_time_findings: each (deployment, change) whose deployment finished before the change
//   was authored, the lead time data error; a handful of rows, read with their deployment.
// A change now marks the day it was authored dirty too (and, on an update, the day it was
// authored before). Both tables are filled here, as the refresh fills them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE change_rollups (
      day        date NOT NULL,
      service_id bigint NOT NULL,
      evidence   text NOT NULL,
      changes    integer NOT NULL,
      CONSTRAINT change_rollups_pkey PRIMARY KEY (day, service_id, evidence)
    );
    CREATE TABLE lead_time_findings (
      deployment_id      bigint NOT NULL,
      day                date NOT NULL,
      service_id         bigint NOT NULL,
      change_external_id text NOT NULL,
      authored_at        timestamptz NOT NULL,
      minutes            double precision NOT NULL
    );
    CREATE INDEX lead_time_findings_deployment_id_idx ON lead_time_findings (deployment_id);
    CREATE INDEX lead_time_findings_service_id_day_idx ON lead_time_findings (service_id, day);

    CREATE OR REPLACE FUNCTION note_dirty_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_days
        SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
        FROM (SELECT DISTINCT external_id FROM new_rows) c
        JOIN deployment_changes dc ON dc.change_external_id = c.external_id
        JOIN deployments d ON d.id = dc.deployment_id;
      INSERT INTO rollup_dirty_days SELECT DISTINCT (authored_at AT TIME ZONE 'UTC')::date, service_id FROM new_rows;
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO rollup_dirty_days SELECT DISTINCT (authored_at AT TIME ZONE 'UTC')::date, service_id FROM old_rows;
      END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER changes_dirty_update ON changes;
    CREATE TRIGGER changes_dirty_update AFTER UPDATE ON changes
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_changes();

    INSERT INTO change_rollups (day, service_id, evidence, changes)
    SELECT (authored_at AT TIME ZONE 'UTC')::date, service_id,
           CASE WHEN ai_assisted IS NULL THEN 'none' ELSE coalesce(ai_evidence, 'declared') END, count(*)
    FROM changes GROUP BY 1, 2, 3;
    INSERT INTO lead_time_findings (deployment_id, day, service_id, change_external_id, authored_at, minutes)
    SELECT d.id, (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id, c.external_id, c.authored_at,
           extract(epoch FROM d.finished_at - c.authored_at)::float8 / 60
    FROM deployments d JOIN deployment_changes dc ON dc.deployment_id = d.id
    JOIN changes c ON c.external_id = dc.change_external_id
    WHERE d.finished_at < c.authored_at;
    ANALYZE change_rollups, lead_time_findings;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE change_rollups, lead_time_findings;
    CREATE OR REPLACE FUNCTION note_dirty_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_days
        SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
        FROM (SELECT DISTINCT external_id FROM new_rows) c
        JOIN deployment_changes dc ON dc.change_external_id = c.external_id
        JOIN deployments d ON d.id = dc.deployment_id;
      RETURN NULL;
    END $$;
    DROP TRIGGER changes_dirty_update ON changes;
    CREATE TRIGGER changes_dirty_update AFTER UPDATE ON changes
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_changes();
  `.execute(db);
}
