import { type Kysely, sql } from 'kysely';

// Derived tables the dashboard reads instead of scanning raw rows (docs/architecture.md "Derived
// data"), and the bookkeeping that keeps them incremental: triggers note which (day, service)
// and which incidents a statement touched, in the same transaction, so a refresh after a batch
// — or after a crash, the next one — recomputes exactly those.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The link rules produce only these confidences; rollups count failures per level, which
    -- is exact for any min_confidence only while that holds.
    ALTER TABLE incident_links ADD CONSTRAINT incident_links_confidence_level_check
      CHECK (confidence IN (0.5, 0.7, 0.9, 1.0));

    -- Production-status deployments (succeeded, rolled_back) per UTC day, service, environment
    -- and cohort. The environment stays a key so the production set is applied when reading.
    CREATE TABLE deployment_rollups (
      day          date NOT NULL,
      service_id   bigint NOT NULL,
      environment  text NOT NULL,
      cohort       text NOT NULL,
      deployments  integer NOT NULL,
      rollbacks    integer NOT NULL,  -- rollback deployments (rollback_of set): not in CFR
      rework       integer NOT NULL,  -- rollback_of or remediates set
      rolled_back  integer NOT NULL,  -- not rollbacks, status rolled_back: failed at any confidence
      -- not rollbacks, not rolled back, strongest Sev1/Sev2 link exactly at this confidence
      linked_050   integer NOT NULL,
      linked_070   integer NOT NULL,
      linked_090   integer NOT NULL,
      linked_100   integer NOT NULL,
      -- known cohort by evidence (docs/metrics.md "Tagging coverage")
      ev_declared  integer NOT NULL,
      ev_trailer   integer NOT NULL,
      ev_bot_author integer NOT NULL,
      ev_label     integer NOT NULL,
      ev_ticket    integer NOT NULL,
      ev_inferred  integer NOT NULL,
      CONSTRAINT deployment_rollups_pkey PRIMARY KEY (day, service_id, environment, cohort)
    );
    CREATE INDEX deployment_rollups_service_id_day_idx ON deployment_rollups (service_id, day);

    -- Rolled-back deployments' recovery (DORA "Failed deployment recovery time"): first rollback
    -- finished − bad deployment finished, with the strongest Sev1/Sev2 link it has.
    CREATE TABLE deployment_recoveries (
      deployment_id bigint NOT NULL CONSTRAINT deployment_recoveries_pkey PRIMARY KEY,
      day           date NOT NULL,
      service_id    bigint NOT NULL,
      environment   text NOT NULL,
      minutes       double precision NOT NULL,
      max_link_confidence double precision
    );
    CREATE INDEX deployment_recoveries_day_idx ON deployment_recoveries (day);

    -- One row per incident and confidence level: its facts when links below the level are ignored.
    CREATE TABLE incident_facts (
      level             double precision NOT NULL,
      incident_id       bigint NOT NULL,
      severity          text NOT NULL,
      impact_started_at timestamptz NOT NULL,
      cohort            text NOT NULL,
      ttd               double precision,
      ttrb              double precision,
      restore           double precision,
      resolve           double precision,
      blast_services    integer NOT NULL,
      regions           integer NOT NULL,
      orders_lost       double precision,
      errors            double precision,
      users_affected    double precision,
      traffic_share     double precision,
      impact_minutes    double precision,
      CONSTRAINT incident_facts_pkey PRIMARY KEY (level, incident_id)
    );
    CREATE INDEX incident_facts_level_impact_started_at_idx ON incident_facts (level, impact_started_at);

    CREATE TABLE rollup_dirty_days (day date NOT NULL, service_id bigint NOT NULL);
    CREATE TABLE rollup_dirty_incidents (incident_id bigint NOT NULL);

    CREATE FUNCTION note_dirty_deployments() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM new_rows;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM old_rows;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER deployments_dirty_insert AFTER INSERT ON deployments
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_deployments();
    CREATE TRIGGER deployments_dirty_update AFTER UPDATE ON deployments
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_deployments();
    CREATE TRIGGER deployments_dirty_delete AFTER DELETE ON deployments
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_deployments();

    -- A link changes its deployment's failures and its incident's cohort.
    CREATE FUNCTION note_dirty_links() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_dirty_days SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
          FROM new_rows l JOIN deployments d ON d.id = l.deployment_id;
        INSERT INTO rollup_dirty_incidents SELECT DISTINCT incident_id FROM new_rows;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO rollup_dirty_days SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
          FROM old_rows l JOIN deployments d ON d.id = l.deployment_id;
        INSERT INTO rollup_dirty_incidents SELECT DISTINCT incident_id FROM old_rows;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER incident_links_dirty_insert AFTER INSERT ON incident_links
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_links();
    CREATE TRIGGER incident_links_dirty_update AFTER UPDATE ON incident_links
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_links();
    CREATE TRIGGER incident_links_dirty_delete AFTER DELETE ON incident_links
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_links();

    CREATE FUNCTION note_dirty_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_incidents SELECT id FROM new_rows;
      RETURN NULL;
    END $$;
    CREATE TRIGGER incidents_dirty_insert AFTER INSERT ON incidents
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_incidents();
    CREATE TRIGGER incidents_dirty_update AFTER UPDATE ON incidents
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_incidents();

    -- Everything existing is dirty once: the first refresh builds the rollups.
    INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM deployments;
    INSERT INTO rollup_dirty_incidents SELECT id FROM incidents;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER deployments_dirty_insert ON deployments;
    DROP TRIGGER deployments_dirty_update ON deployments;
    DROP TRIGGER deployments_dirty_delete ON deployments;
    DROP TRIGGER incident_links_dirty_insert ON incident_links;
    DROP TRIGGER incident_links_dirty_update ON incident_links;
    DROP TRIGGER incident_links_dirty_delete ON incident_links;
    DROP TRIGGER incidents_dirty_insert ON incidents;
    DROP TRIGGER incidents_dirty_update ON incidents;
    DROP FUNCTION note_dirty_deployments(), note_dirty_links(), note_dirty_incidents();
    DROP TABLE rollup_dirty_days, rollup_dirty_incidents, incident_facts, deployment_recoveries, deployment_rollups;
    ALTER TABLE incident_links DROP CONSTRAINT incident_links_confidence_level_check;
  `.execute(db);
}
