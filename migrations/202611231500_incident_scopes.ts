import { type Kysely, sql } from 'kysely';

// Incidents by scope (issue 5 "Performance"): which incidents a service filter keeps, by time,
// so a filtered incident metric reads a range of one index instead of testing every incident
// of the period against incident_services and services.
// - incident_scopes: one row per incident and scope it touches — 'service:<external id>',
//   'team:<team>', 'domain:<domain>', 'tier:<n>' (analytics/rollup-scope.ts), each once
//   however many of the incident's services share it. The fleet needs no rows.
// Services moving team, domain or tier, and affected services being rewritten, now mark
// their incidents dirty too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_scopes (
      scope             text NOT NULL,
      impact_started_at timestamptz NOT NULL,
      incident_id       bigint NOT NULL,
      CONSTRAINT incident_scopes_pkey PRIMARY KEY (scope, impact_started_at, incident_id)
    );
    CREATE INDEX incident_scopes_incident_id_idx ON incident_scopes (incident_id);

    CREATE FUNCTION note_dirty_incident_services() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO rollup_dirty_incidents SELECT DISTINCT incident_id FROM new_rows;
      ELSE
        INSERT INTO rollup_dirty_incidents SELECT DISTINCT incident_id FROM old_rows;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER incident_services_dirty_insert AFTER INSERT ON incident_services
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_incident_services();
    CREATE TRIGGER incident_services_dirty_delete AFTER DELETE ON incident_services
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_incident_services();

    CREATE FUNCTION note_dirty_service_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO rollup_dirty_incidents
        SELECT DISTINCT isv.incident_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN incident_services isv ON isv.service_id = n.id
        WHERE (n.team, n.domain, n.tier, n.external_id) IS DISTINCT FROM (o.team, o.domain, o.tier, o.external_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER services_dirty_incidents_update AFTER UPDATE ON services
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_dirty_service_incidents();

    -- The new table starts empty: the next refresh fills it for every incident.
    INSERT INTO rollup_dirty_incidents SELECT id FROM incidents;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER incident_services_dirty_insert ON incident_services;
    DROP TRIGGER incident_services_dirty_delete ON incident_services;
    DROP TRIGGER services_dirty_incidents_update ON services;
    DROP FUNCTION note_dirty_incident_services(), note_dirty_service_incidents();
    DROP TABLE incident_scopes;
  `.execute(db);
}
