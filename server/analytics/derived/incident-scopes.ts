// incident_scopes: the service, team, domain and tier scopes each incident belongs to, so the
// incident rollups and a scoped read find an incident's scopes by index.
import { sql } from 'kysely';
import { INCIDENT_SCOPES } from '../rollup-scope.ts';
import type { DerivedTable } from './derived-table.ts';

export const incidentScopes: DerivedTable = {
  name: 'incident_scopes',
  reads: ['incidents', 'incident_services', 'services'],
  order: 'scope, impact_started_at, incident_id',
  async refresh({ run, analyzeUnanalyzed }) {
    await run(sql`DELETE FROM incident_scopes sc USING dirty_incidents x WHERE sc.incident_id = x.incident_id`);
    await run(sql`
      INSERT INTO incident_scopes (scope, impact_started_at, incident_id)
      SELECT DISTINCT sc.scope, i.impact_started_at, i.id
      FROM dirty_incidents x JOIN incidents i ON i.id = x.incident_id
      JOIN incident_services isv ON isv.incident_id = i.id JOIN services s ON s.id = isv.service_id
      CROSS JOIN LATERAL ${INCIDENT_SCOPES} AS sc (scope)
      WHERE sc.scope IS NOT NULL
    `);
    await analyzeUnanalyzed('incident_facts', 'incident_scopes');
  },
};
