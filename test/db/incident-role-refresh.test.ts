// A classification through the API updates its incident's facts and rollup counts by
// difference (analytics/incident-role-refresh.ts); the next full refresh must find the same rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters } from '../../server/analytics/filters.ts';
import { incidentCounts } from '../../server/analytics/incident-rollups.ts';
import { refreshIncidentRole } from '../../server/analytics/incident-role-refresh.ts';
import { refreshRollups } from '../../server/analytics/rollups.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
const deploy = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-04-02T10:00:00Z' });
const incidents = [0, 1, 2].map((i) => makeIncident({
  id: `INC-${i}`, services: i === 2 ? ['shop', 'cart'] : ['shop'], severity: i === 0 ? 'sev1' : 'sev2',
  impact_started_at: `2026-04-0${3 + i}T09:00:00Z`, caused_by: i === 1 ? [] : [deploy.id],
}));

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', team: 'web', domain: 'checkout', tier: 1 }), makeService({ id: 'cart', team: 'basket', domain: 'checkout', tier: 2 }),
    deploy, ...incidents,
  ]));
}, 60_000);
afterAll(() => t.drop());

async function classify(external: string, role: string, at: string): Promise<void> {
  const { id } = await t.db.selectFrom('incidents').select('id').where('external_id', '=', external).executeTakeFirstOrThrow();
  await t.db.insertInto('classifications').values({
    source: 'sevscope', external_id: `${external}@${at}`, incident_id: id, ai_role: role,
    factors: JSON.stringify({ human: [], ai: [], process: [] }), notes: null, classified_by: 'test', classified_at: at,
  }).execute();
  await refreshIncidentRole(t.db, id);
}

const snapshot = async () => ({
  facts: (await sql`SELECT level, incident_id, ai_role FROM incident_facts ORDER BY level, incident_id`.execute(t.db)).rows,
  rollups: (await sql`SELECT * FROM incident_rollups ORDER BY scope, level, month, severity, cohort`.execute(t.db)).rows,
});

describe('refreshIncidentRole', () => {
  it('counts a new role at once, re-classification moves it, and a full refresh finds the same rows', async () => {
    const april = parseFilters({ from: '2026-04-01', to: '2026-05-01' }, new Date(), DEFAULT_METRIC_SETTINGS);
    const counted = async (scope: string) => {
      const rows = await incidentCounts(t.db, april, scope);
      return { classified: rows.reduce((n, r) => n + r.classified, 0), ai_involved: rows.reduce((n, r) => n + r.ai_involved, 0) };
    };
    expect(await counted('fleet')).toEqual({ classified: 0, ai_involved: 0 });

    await classify('INC-0', 'primary', '2026-04-10T00:00:00Z');
    await classify('INC-2', 'contributory', '2026-04-10T00:00:00Z');
    expect(await counted('fleet')).toEqual({ classified: 2, ai_involved: 2 });
    expect(await counted('service:cart')).toEqual({ classified: 1, ai_involved: 1 });
    expect(await counted('team:basket')).toEqual({ classified: 1, ai_involved: 1 });

    // the latest classification is current: INC-2 is no longer AI-involved, still classified
    await classify('INC-2', 'incidental', '2026-04-11T00:00:00Z');
    expect(await counted('fleet')).toEqual({ classified: 2, ai_involved: 1 });
    expect(await counted('service:cart')).toEqual({ classified: 1, ai_involved: 0 });
    const { rows } = await sql<{ ai_role: string | null }>`
      SELECT DISTINCT f.ai_role FROM incident_facts f JOIN incidents i ON i.id = f.incident_id WHERE i.external_id = 'INC-2'`.execute(t.db);
    expect(rows).toEqual([{ ai_role: 'incidental' }]);

    const fast = await snapshot();
    const dirty = await sql<{ n: number }>`SELECT count(DISTINCT incident_id)::int AS n FROM rollup_dirty_incidents`.execute(t.db);
    expect(dirty.rows[0]!.n).toBe(2); // the trigger still marks them for the next refresh
    await refreshRollups(t.db);
    expect(await snapshot()).toEqual(fast);
  });
});
