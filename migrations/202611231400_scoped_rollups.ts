import { type Kysely, sql } from 'kysely';

// Rollups a year-long query can read in milliseconds (issue 5 "Performance"):
// - deployment_scope_rollups: the day rollups summed per scope — the whole fleet, a team, a
//   domain, a tier — so an unfiltered or single-attribute query reads one row per day and
//   cohort instead of one per service;
// - governance counts in the day rollups, and the findings themselves, kept per deployment;
// - duration_histograms: lead time, merge-to-deploy and rollback recovery counted per
//   logarithmic bucket, per day and scope (a service is a scope too), for percentiles of
//   millions of values (analytics/duration-histogram.ts).
// Changes, people and services now feed the rollups, so their triggers note dirty days too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Production-status deployments to Tier-1 or high-risk services (governance "evaluated"),
    -- and those of them with at least one finding, per deployment control.
    ALTER TABLE deployment_rollups
      ADD COLUMN gov_evaluated integer NOT NULL DEFAULT 0,
      ADD COLUMN gov_two_person_review integer NOT NULL DEFAULT 0,
      ADD COLUMN gov_change_documentation integer NOT NULL DEFAULT 0,
      ADD COLUMN gov_automated_checks integer NOT NULL DEFAULT 0,
      ADD COLUMN gov_senior_signoff integer NOT NULL DEFAULT 0,
      ADD COLUMN gov_single_operator_config integer NOT NULL DEFAULT 0;

    -- The same counts per scope: 'fleet', 'team:<team>', 'domain:<domain>', 'tier:<n>'.
    CREATE TABLE deployment_scope_rollups (LIKE deployment_rollups INCLUDING DEFAULTS);
    ALTER TABLE deployment_scope_rollups DROP COLUMN service_id, ADD COLUMN scope text NOT NULL,
      ADD CONSTRAINT deployment_scope_rollups_pkey PRIMARY KEY (scope, day, environment, cohort);
    CREATE INDEX deployment_scope_rollups_day_idx ON deployment_scope_rollups (day);

    -- One row per finding of a deployment control (docs/metrics.md "Governance controls") on a
    -- production-status deployment to a Tier-1 or high-risk service, in any environment.
    CREATE TABLE governance_findings (
      deployment_id bigint NOT NULL,
      day           date NOT NULL,
      service_id    bigint NOT NULL,
      environment   text NOT NULL,
      control       text NOT NULL,
      deployment    text NOT NULL,
      change        text,
      service       text NOT NULL,
      authors       text[] NOT NULL,
      approvers     text[] NOT NULL,
      at            timestamptz NOT NULL
    );
    CREATE INDEX governance_findings_at_idx ON governance_findings (at DESC);
    CREATE INDEX governance_findings_deployment_id_idx ON governance_findings (deployment_id);
    CREATE INDEX governance_findings_service_id_day_idx ON governance_findings (service_id, day);

    -- Values per logarithmic bucket (analytics/duration-histogram.ts). metric: lead_time and
    -- merge_to_deploy per change of a production-status deployment; recovery per rolled-back
    -- deployment, with link_level its strongest Sev1/Sev2 link (0 without one), since DORA
    -- recovery counts it only below min_confidence. scope: as above, or 'service:<external id>'.
    CREATE TABLE duration_histograms (
      scope       text NOT NULL,
      metric      text NOT NULL,
      day         date NOT NULL,
      environment text NOT NULL,
      link_level  double precision NOT NULL,
      bucket      smallint NOT NULL,
      n           integer NOT NULL,
      -- n in the key's index: a year of one scope is read from the index alone (800 ms → 100 ms
      -- at 10 M deployments), once VACUUM has marked the pages all-visible.
      CONSTRAINT duration_histograms_pkey PRIMARY KEY (scope, metric, day, environment, link_level, bucket) INCLUDE (n)
    );
    CREATE INDEX duration_histograms_day_idx ON duration_histograms (day);

    -- A change that arrives or changes moves its deployments' lead time and findings.
    CREATE FUNCTION note_dirty_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_days
        SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
        FROM (SELECT DISTINCT external_id FROM new_rows) c
        JOIN deployment_changes dc ON dc.change_external_id = c.external_id
        JOIN deployments d ON d.id = dc.deployment_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER changes_dirty_insert AFTER INSERT ON changes
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_changes();
    CREATE TRIGGER changes_dirty_update AFTER UPDATE ON changes
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_changes();

    -- A person's seniority decides senior_signoff for the AI-assisted changes they wrote or approved.
    CREATE FUNCTION note_dirty_people() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      moved text[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT array_agg(external_id) INTO moved FROM new_rows;
      ELSE
        SELECT array_agg(n.external_id) INTO moved FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.seniority IS DISTINCT FROM o.seniority OR n.external_id <> o.external_id;
      END IF;
      IF moved IS NOT NULL THEN
        INSERT INTO rollup_dirty_days
          SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
          FROM changes c
          JOIN deployment_changes dc ON dc.change_external_id = c.external_id
          JOIN deployments d ON d.id = dc.deployment_id
          WHERE c.ai_assisted IS TRUE AND (c.author = ANY(moved) OR c.approvers && moved);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER people_dirty_insert AFTER INSERT ON people
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_people();
    CREATE TRIGGER people_dirty_update AFTER UPDATE ON people
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_people();

    -- A service's team, domain, tier and risk place its rollups in scopes and decide governance.
    CREATE FUNCTION note_dirty_services() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_days
        SELECT DISTINCT r.day, r.service_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN deployment_rollups r ON r.service_id = n.id
        WHERE (n.team, n.domain, n.tier, n.high_risk, n.external_id) IS DISTINCT FROM (o.team, o.domain, o.tier, o.high_risk, o.external_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER services_dirty_update AFTER UPDATE ON services
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_services();

    -- The new columns and tables start empty: the next refresh rebuilds every day.
    INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM deployments;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER changes_dirty_insert ON changes;
    DROP TRIGGER changes_dirty_update ON changes;
    DROP TRIGGER people_dirty_insert ON people;
    DROP TRIGGER people_dirty_update ON people;
    DROP TRIGGER services_dirty_update ON services;
    DROP FUNCTION note_dirty_changes(), note_dirty_people(), note_dirty_services();
    DROP TABLE duration_histograms, governance_findings, deployment_scope_rollups;
    ALTER TABLE deployment_rollups
      DROP COLUMN gov_evaluated, DROP COLUMN gov_two_person_review, DROP COLUMN gov_change_documentation,
      DROP COLUMN gov_automated_checks, DROP COLUMN gov_senior_signoff, DROP COLUMN gov_single_operator_config;
  `.execute(db);
}
