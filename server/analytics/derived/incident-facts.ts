// incident_facts: each incident's cohort, times, blast radius and current AI role, once per link
// level (a min_confidence reads the rows of its level). Computed by analytics/incident-facts.ts.
import { sql } from 'kysely';
import { parseFilters } from '../filters.ts';
import { INCIDENT_TIMES, currentRole, incidentFacts as facts } from '../incident-facts.ts';
import { LINK_LEVELS } from '../rollup-columns.ts';
import type { DerivedTable } from './derived-table.ts';

/** The times of fact `f` whose raw value is negative, as an array of their names. */
const negativeTimes = sql`array_remove(ARRAY[${sql.join(INCIDENT_TIMES.map((time) => sql`CASE WHEN ${sql.ref(`f.raw_${time}`)} < 0 THEN ${time} END`))}]::text[], NULL)`;

export const incidentFacts: DerivedTable = {
  name: 'incident_facts',
  reads: ['incidents', 'incident_services', 'incident_links', 'deployments', 'classifications'],
  order: 'level, incident_id',
  async refresh({ run, settings }) {
    await run(sql`DELETE FROM incident_facts f USING dirty_incidents x WHERE f.incident_id = x.incident_id`);
    for (const level of LINK_LEVELS) {
      const scope = { from: new Date(0), to: new Date(0), filters: parseFilters({ min_confidence: String(level) }, new Date(), settings), ids: sql`SELECT incident_id FROM dirty_incidents` };
      await run(sql`
        INSERT INTO incident_facts (level, incident_id, severity, impact_started_at, cohort, ttd, ttrb, restore, resolve,
                                    blast_services, regions, orders_lost, errors, users_affected, traffic_share, impact_minutes, ai_role, negative_times)
        SELECT ${level}::float8, f.id, f.severity, f.impact_started_at, f.cohort, f.ttd, f.ttrb, f.restore, f.resolve,
               f.blast_services, f.regions, f.orders_lost, f.errors, f.users_affected, f.traffic_share, f.impact_minutes,
               (${currentRole(sql.ref('f.id'))}),
               ${negativeTimes}
        FROM (${facts(scope)}) f
      `);
    }
  },
};
