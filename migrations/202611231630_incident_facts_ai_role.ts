import { type Kysely, sql } from 'kysely';

// Each incident fact carries its incident's current AI role (docs/metrics.md "AI role
// classification": the latest classification), kept by the refresh like the other facts
// (new classifications already mark their incident dirty). Incident metrics then count
// classified and AI-involved incidents from the facts alone, instead of joining every
// classification (one busy service's year: 54 → 20 ms).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE incident_facts ADD COLUMN ai_role text;
    UPDATE incident_facts f SET ai_role = c.ai_role
    FROM (SELECT DISTINCT ON (incident_id) incident_id, ai_role FROM classifications ORDER BY incident_id, classified_at DESC, id DESC) c
    WHERE c.incident_id = f.incident_id;
    DROP INDEX incident_facts_level_impact_started_at_idx;
    CREATE INDEX incident_facts_level_impact_started_at_idx ON incident_facts (level, impact_started_at)
      INCLUDE (severity, cohort, incident_id, ttd, ttrb, restore, blast_services, traffic_share, impact_minutes, orders_lost, ai_role);
    ALTER TABLE incident_facts DROP CONSTRAINT incident_facts_pkey,
      ADD CONSTRAINT incident_facts_pkey PRIMARY KEY (level, incident_id)
        INCLUDE (severity, cohort, impact_started_at, ttd, ttrb, restore, blast_services, traffic_share, impact_minutes, orders_lost, ai_role);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX incident_facts_level_impact_started_at_idx;
    ALTER TABLE incident_facts DROP CONSTRAINT incident_facts_pkey;
    ALTER TABLE incident_facts DROP COLUMN ai_role;
    CREATE INDEX incident_facts_level_impact_started_at_idx ON incident_facts (level, impact_started_at)
      INCLUDE (severity, cohort, incident_id, ttd, ttrb, restore, blast_services, traffic_share, impact_minutes, orders_lost);
    ALTER TABLE incident_facts ADD CONSTRAINT incident_facts_pkey PRIMARY KEY (level, incident_id)
      INCLUDE (severity, cohort, impact_started_at, ttd, ttrb, restore, blast_services, traffic_share, impact_minutes, orders_lost);
  `.execute(db);
}
