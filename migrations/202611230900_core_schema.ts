import { type Kysely, sql } from 'kysely';

// The core schema. Raw tables keep each source record's natural key; derived tables
// (incident_links) can be recomputed from them at any time. See docs/architecture.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Services and people are an organisation-wide catalog: other records refer to them by
    -- id alone (a deployment from GitHub names a service defined in a file), so their key is
    -- external_id; source records who wrote them last ('implicit' = only referred to so far).
    CREATE TABLE services (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT services_pkey PRIMARY KEY,
      external_id text NOT NULL,
      source      text NOT NULL,
      name        text NOT NULL,
      team        text,
      tier        smallint CONSTRAINT services_tier_check CHECK (tier BETWEEN 1 AND 3),
      domain      text,
      high_risk   boolean NOT NULL DEFAULT false,
      attributes  jsonb NOT NULL DEFAULT '{}',
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT services_external_id_key UNIQUE (external_id)
    );

    CREATE TABLE people (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT people_pkey PRIMARY KEY,
      external_id text NOT NULL,
      source      text NOT NULL,
      name        text,
      team        text,
      seniority   text NOT NULL DEFAULT 'unknown',
      attributes  jsonb NOT NULL DEFAULT '{}',
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT people_external_id_key UNIQUE (external_id)
    );

    CREATE TABLE changes (
      id            bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT changes_pkey PRIMARY KEY,
      source        text NOT NULL,
      external_id   text NOT NULL,
      service_id    bigint NOT NULL CONSTRAINT changes_service_id_fkey REFERENCES services (id),
      author        text NOT NULL,
      authored_at   timestamptz NOT NULL,
      repo          text,
      title         text,
      merged_at     timestamptz,
      approvers     text[] NOT NULL DEFAULT '{}',
      change_ticket text,
      checks_passed boolean,
      change_type   text,
      lines_added   integer,
      lines_deleted integer,
      reverts       text,
      ai_assisted   boolean,
      ai_tool       text,
      ai_mode       text,
      ai_evidence   text,
      attributes    jsonb NOT NULL DEFAULT '{}',
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT changes_source_external_id_key UNIQUE (source, external_id)
    );
    CREATE INDEX changes_external_id_idx ON changes (external_id);
    CREATE INDEX changes_service_id_authored_at_idx ON changes (service_id, authored_at);
    CREATE INDEX changes_authored_at_idx ON changes (authored_at);

    CREATE TABLE deployments (
      id           bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT deployments_pkey PRIMARY KEY,
      source       text NOT NULL,
      external_id  text NOT NULL,
      service_id   bigint NOT NULL CONSTRAINT deployments_service_id_fkey REFERENCES services (id),
      environment  text NOT NULL,
      started_at   timestamptz NOT NULL,
      finished_at  timestamptz,
      -- docs/metrics.md: a deployment belongs to a period by finished_at, else started_at.
      effective_at timestamptz GENERATED ALWAYS AS (coalesce(finished_at, started_at)) STORED,
      status       text NOT NULL,
      version      text,
      change_ids   text[] NOT NULL DEFAULT '{}',
      actor        text,
      actor_type   text,
      rollback_of  text,
      remediates   text[] NOT NULL DEFAULT '{}',
      regions      text[] NOT NULL DEFAULT '{}',
      change_type  text,
      -- The ai object as the record declared it (assisted null = not declared).
      ai_assisted  boolean,
      ai_tool      text,
      ai_mode      text,
      ai_evidence  text,
      -- Derived after each batch: declared status, else inferred from the changes.
      cohort          text NOT NULL DEFAULT 'unknown'
                      CONSTRAINT deployments_cohort_check CHECK (cohort IN ('ai', 'human', 'unknown')),
      cohort_evidence text,
      attributes   jsonb NOT NULL DEFAULT '{}',
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT deployments_source_external_id_key UNIQUE (source, external_id),
      CONSTRAINT deployments_status_check CHECK (status IN ('succeeded', 'failed', 'rolled_back', 'in_progress'))
    );
    CREATE INDEX deployments_external_id_idx ON deployments (external_id);
    CREATE INDEX deployments_effective_at_idx ON deployments (effective_at);
    CREATE INDEX deployments_service_id_effective_at_idx ON deployments (service_id, effective_at);
    CREATE INDEX deployments_rollback_of_idx ON deployments (rollback_of) WHERE rollback_of IS NOT NULL;

    -- Which changes a deployment shipped, by change id (the change may arrive later);
    -- kept in step with deployments.change_ids by the sink.
    CREATE TABLE deployment_changes (
      deployment_id      bigint NOT NULL CONSTRAINT deployment_changes_deployment_id_fkey
                         REFERENCES deployments (id) ON DELETE CASCADE,
      change_external_id text NOT NULL,
      CONSTRAINT deployment_changes_pkey PRIMARY KEY (deployment_id, change_external_id)
    );
    CREATE INDEX deployment_changes_change_external_id_idx ON deployment_changes (change_external_id);

    CREATE TABLE incidents (
      id                bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT incidents_pkey PRIMARY KEY,
      source            text NOT NULL,
      external_id       text NOT NULL,
      title             text NOT NULL,
      severity          text NOT NULL CONSTRAINT incidents_severity_check CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
      status            text,
      impact_started_at timestamptz NOT NULL,
      detected_at       timestamptz,
      acknowledged_at   timestamptz,
      mitigated_at      timestamptz,
      resolved_at       timestamptz,
      detection         text,
      services          text[] NOT NULL DEFAULT '{}',
      caused_by         text[] NOT NULL DEFAULT '{}',
      regions           text[] NOT NULL DEFAULT '{}',
      orders_lost       bigint,
      errors            bigint,
      users_affected    bigint,
      traffic_share     double precision CONSTRAINT incidents_traffic_share_check CHECK (traffic_share BETWEEN 0 AND 1),
      postmortem_url    text,
      attributes        jsonb NOT NULL DEFAULT '{}',
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT incidents_source_external_id_key UNIQUE (source, external_id)
    );
    CREATE INDEX incidents_external_id_idx ON incidents (external_id);
    CREATE INDEX incidents_impact_started_at_idx ON incidents (impact_started_at);

    -- Kept in step with incidents.services by the sink.
    CREATE TABLE incident_services (
      incident_id bigint NOT NULL CONSTRAINT incident_services_incident_id_fkey
                  REFERENCES incidents (id) ON DELETE CASCADE,
      service_id  bigint NOT NULL CONSTRAINT incident_services_service_id_fkey REFERENCES services (id),
      CONSTRAINT incident_services_pkey PRIMARY KEY (incident_id, service_id)
    );
    CREATE INDEX incident_services_service_id_idx ON incident_services (service_id);

    -- An SRE's confirmation or rejection of a link (docs/metrics.md rule 1, "manual").
    CREATE TABLE link_decisions (
      incident_id   bigint NOT NULL CONSTRAINT link_decisions_incident_id_fkey REFERENCES incidents (id),
      deployment_id bigint NOT NULL CONSTRAINT link_decisions_deployment_id_fkey REFERENCES deployments (id),
      decision      text NOT NULL CONSTRAINT link_decisions_decision_check CHECK (decision IN ('confirmed', 'rejected')),
      decided_by    text NOT NULL,
      decided_at    timestamptz NOT NULL DEFAULT now(),
      notes         text,
      CONSTRAINT link_decisions_pkey PRIMARY KEY (incident_id, deployment_id)
    );

    -- Derived: recomputable from incidents, deployments and link_decisions.
    CREATE TABLE incident_links (
      incident_id   bigint NOT NULL CONSTRAINT incident_links_incident_id_fkey
                    REFERENCES incidents (id) ON DELETE CASCADE,
      deployment_id bigint NOT NULL CONSTRAINT incident_links_deployment_id_fkey
                    REFERENCES deployments (id) ON DELETE CASCADE,
      rule          text NOT NULL CONSTRAINT incident_links_rule_check CHECK (rule IN ('manual', 'explicit', 'heuristic')),
      confidence    real NOT NULL CONSTRAINT incident_links_confidence_check CHECK (confidence > 0 AND confidence <= 1),
      computed_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT incident_links_pkey PRIMARY KEY (incident_id, deployment_id)
    );
    CREATE INDEX incident_links_deployment_id_idx ON incident_links (deployment_id);

    -- Append-only history; the current classification is the latest.
    CREATE TABLE classifications (
      id            bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT classifications_pkey PRIMARY KEY,
      source        text NOT NULL,
      external_id   text NOT NULL,
      incident_id   bigint NOT NULL CONSTRAINT classifications_incident_id_fkey REFERENCES incidents (id),
      ai_role       text NOT NULL CONSTRAINT classifications_ai_role_check
                    CHECK (ai_role IN ('primary', 'contributory', 'incidental', 'none', 'unknown')),
      factors       jsonb NOT NULL DEFAULT '{"human": [], "ai": [], "process": []}',
      notes         text,
      classified_by text NOT NULL,
      classified_at timestamptz NOT NULL,
      attributes    jsonb NOT NULL DEFAULT '{}',
      created_at    timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT classifications_source_external_id_key UNIQUE (source, external_id)
    );
    CREATE INDEX classifications_incident_id_classified_at_idx ON classifications (incident_id, classified_at DESC);

    CREATE TABLE agent_actions (
      id               bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT agent_actions_pkey PRIMARY KEY,
      source           text NOT NULL,
      external_id      text NOT NULL,
      agent            text NOT NULL,
      at               timestamptz NOT NULL,
      action           text NOT NULL,
      service_id       bigint CONSTRAINT agent_actions_service_id_fkey REFERENCES services (id),
      environment      text,
      destructive      boolean,
      approved_by      text[] NOT NULL DEFAULT '{}',
      permission_scope text,
      outcome          text,
      attributes       jsonb NOT NULL DEFAULT '{}',
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT agent_actions_source_external_id_key UNIQUE (source, external_id)
    );
    CREATE INDEX agent_actions_at_idx ON agent_actions (at);

    CREATE TABLE slo_policies (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT slo_policies_pkey PRIMARY KEY,
      name        text NOT NULL CONSTRAINT slo_policies_name_key UNIQUE,
      metric      text NOT NULL CONSTRAINT slo_policies_metric_check
                  CHECK (metric IN ('ttd', 'ttrb', 'restore', 'blast_services', 'traffic_share', 'impact_minutes', 'cfr')),
      cohort      text NOT NULL CONSTRAINT slo_policies_cohort_check CHECK (cohort IN ('ai', 'human', 'all')),
      severities  text[] NOT NULL DEFAULT '{sev1,sev2}',
      threshold   double precision NOT NULL,
      objective   double precision NOT NULL CONSTRAINT slo_policies_objective_check CHECK (objective > 0 AND objective < 1),
      window_days integer NOT NULL DEFAULT 28 CONSTRAINT slo_policies_window_days_check CHECK (window_days > 0),
      enabled     boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    -- docs/metrics.md "Seeded defaults (editable)".
    INSERT INTO slo_policies (name, metric, cohort, threshold, objective) VALUES
      ('ai-ttd-15m',            'ttd',            'ai', 15,   0.95),
      ('ai-ttrb-30m',           'ttrb',           'ai', 30,   0.95),
      ('ai-blast-1-service',    'blast_services', 'ai', 1,    0.90),
      ('ai-cfr-15pct',          'cfr',            'ai', 0.15, 0.95);

    CREATE TABLE ingest_batches (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT ingest_batches_pkey PRIMARY KEY,
      source      text NOT NULL,
      origin      text,
      status      text NOT NULL DEFAULT 'running'
                  CONSTRAINT ingest_batches_status_check CHECK (status IN ('running', 'succeeded', 'failed')),
      started_at  timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      received    integer NOT NULL DEFAULT 0,
      inserted    integer NOT NULL DEFAULT 0,
      updated     integer NOT NULL DEFAULT 0,
      unchanged   integer NOT NULL DEFAULT 0,
      quarantined integer NOT NULL DEFAULT 0,
      by_kind     jsonb NOT NULL DEFAULT '{}',
      error       text
    );
    CREATE INDEX ingest_batches_started_at_idx ON ingest_batches (started_at DESC);

    CREATE TABLE quarantine (
      id          bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT quarantine_pkey PRIMARY KEY,
      batch_id    bigint CONSTRAINT quarantine_batch_id_fkey REFERENCES ingest_batches (id),
      source      text NOT NULL,
      kind        text,
      record_id   text,
      origin      text,
      line        integer,
      field       text,
      reason      text NOT NULL,
      raw         text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    );
    CREATE INDEX quarantine_created_at_idx ON quarantine (created_at DESC);
    CREATE INDEX quarantine_unresolved_idx ON quarantine (id) WHERE resolved_at IS NULL;

    CREATE TABLE api_tokens (
      id           bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT api_tokens_pkey PRIMARY KEY,
      name         text NOT NULL,
      role         text NOT NULL CONSTRAINT api_tokens_role_check CHECK (role IN ('viewer', 'sre', 'admin')),
      token_hash   text NOT NULL CONSTRAINT api_tokens_token_hash_key UNIQUE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at   timestamptz
    );

    CREATE TABLE audit_log (
      id        bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_log_pkey PRIMARY KEY,
      at        timestamptz NOT NULL DEFAULT now(),
      actor     text NOT NULL,
      token_id  bigint CONSTRAINT audit_log_token_id_fkey REFERENCES api_tokens (id),
      action    text NOT NULL,
      entity    text NOT NULL,
      entity_id text,
      details   jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER classifications_append_only BEFORE UPDATE OR DELETE ON classifications
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- Organisation settings that metric definitions say are configurable.
    CREATE TABLE settings (
      key        text CONSTRAINT settings_pkey PRIMARY KEY,
      value      jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO settings (key, value) VALUES
      ('production_environments', '["production", "prod"]'),
      ('link_severities', '["sev1", "sev2"]'),
      ('link_window_hours', '24');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE settings, audit_log, api_tokens, quarantine, ingest_batches, slo_policies,
      agent_actions, classifications, incident_links, link_decisions, incident_services,
      incidents, deployment_changes, deployments, changes, people, services;
    DROP FUNCTION refuse_change();
  `.execute(db);
}
