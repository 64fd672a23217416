import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Validated } from '../../ingest/model.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function tableSnapshot() {
  const [services, changes, deployments, links, incidentServices, deploymentChanges] = await Promise.all([
    t.db.selectFrom('services').select(['id', 'external_id', 'name', 'source', 'tier', 'updated_at']).orderBy('id').execute(),
    t.db.selectFrom('changes').select(['id', 'external_id', 'ai_assisted', 'updated_at']).orderBy('id').execute(),
    t.db.selectFrom('deployments').select(['id', 'external_id', 'status', 'cohort', 'cohort_evidence', 'updated_at']).orderBy('id').execute(),
    t.db.selectFrom('incident_links').select(['incident_id', 'deployment_id', 'rule', 'confidence']).orderBy('incident_id').orderBy('deployment_id').execute(),
    t.db.selectFrom('incident_services').selectAll().orderBy('incident_id').orderBy('service_id').execute(),
    t.db.selectFrom('deployment_changes').selectAll().orderBy('deployment_id').orderBy('change_external_id').execute(),
  ]);
  return { services, changes, deployments, links, incidentServices, deploymentChanges };
}

describe('Postgres sink', () => {
  const shop = makeService({ id: 'shop', name: 'Shop' });
  const aiChange = makeChange({ service: 'shop', ai: AI });
  const humanChange = makeChange({ service: 'shop', ai: HUMAN });
  const inferredAi = makeDeployment({ service: 'shop', changes: [aiChange.id, humanChange.id], finished_at: '2026-03-02T10:00:00.000Z' });
  const inferredHuman = makeDeployment({ service: 'shop', changes: [humanChange.id], finished_at: '2026-03-02T08:00:00.000Z' });
  const missingChange = makeDeployment({ service: 'shop', changes: [humanChange.id, 'not-yet-ingested'], finished_at: '2026-03-01T08:00:00.000Z' });
  // Refers to a service that has no record of its own: stored with a placeholder service.
  const elsewhere = makeDeployment({ service: 'search', ai: HUMAN, finished_at: '2026-03-02T11:00:00.000Z' });
  const incident = makeIncident({ services: ['shop'], impact_started_at: '2026-03-02T10:30:00.000Z' });
  const records = [shop, aiChange, humanChange, inferredAi, inferredHuman, missingChange, elsewhere, incident];

  it('stores every record once and counts each as inserted', async () => {
    const summary = await loadRecords(t.db, { source: 'test' }, valid(records));
    expect(summary.total).toEqual({ received: 8, inserted: 8, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    expect(summary.byKind.deployment).toEqual({ received: 4, inserted: 4, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    const services = await t.db.selectFrom('services').select(['external_id', 'source', 'name']).orderBy('external_id').execute();
    expect(services).toEqual([
      { external_id: 'search', source: 'implicit', name: 'search' },
      { external_id: 'shop', source: 'test', name: 'Shop' },
    ]);
  });

  it('infers a deployment cohort from its changes, and keeps unknown apart from human', async () => {
    const rows = await t.db.selectFrom('deployments').select(['external_id', 'cohort', 'cohort_evidence']).execute();
    const cohortOf = Object.fromEntries(rows.map((row) => [row.external_id, [row.cohort, row.cohort_evidence]]));
    expect(cohortOf[inferredAi.id]).toEqual(['ai', 'inferred']);
    expect(cohortOf[inferredHuman.id]).toEqual(['human', 'inferred']);
    expect(cohortOf[missingChange.id]).toEqual(['unknown', null]);
    expect(cohortOf[elsewhere.id]).toEqual(['human', 'declared']);
  });

  it('links the incident to the latest production deployment of its service before impact', async () => {
    const links = await t.db
      .selectFrom('incident_links as l')
      .innerJoin('deployments as d', 'd.id', 'l.deployment_id')
      .select(['d.external_id', 'l.rule', 'l.confidence'])
      .execute();
    expect(links).toEqual([{ external_id: inferredAi.id, rule: 'heuristic', confidence: 0.9 }]);
  });

  it('changes nothing when the same records are loaded again', async () => {
    const before = await tableSnapshot();
    const summary = await loadRecords(t.db, { source: 'test' }, valid(records));
    expect(summary.total).toEqual({ received: 8, inserted: 0, updated: 0, unchanged: 8, quarantined: 0, pending: 0 });
    expect(await tableSnapshot()).toEqual(before);
  });

  it('updates a changed record, and a change arriving later updates the deployment cohort', async () => {
    const lateChange = makeChange({ id: 'not-yet-ingested', service: 'shop', ai: AI });
    const summary = await loadRecords(t.db, { source: 'test' }, valid([{ ...shop, tier: 2 }, lateChange]));
    expect(summary.total).toEqual({ received: 2, inserted: 1, updated: 1, unchanged: 0, quarantined: 0, pending: 0 });
    const row = await t.db.selectFrom('deployments').select('cohort').where('external_id', '=', missingChange.id).executeTakeFirstOrThrow();
    expect(row.cohort).toBe('ai');
  });

  it('quarantines what validation or the database rejects, names the field, and keeps the rest', async () => {
    const rejected: Validated = {
      ok: false,
      rejection: { kind: 'incident', id: 'bad-1', field: 'incident.detected_at', reason: 'incident.detected_at: expected RFC 3339 time, got "yesterday"', raw: '{}', position: { origin: 'f.ndjson', line: 7 } },
    };
    const refusedByDb = makeIncident({ services: ['shop'], impact_started_at: '2026-03-03T00:00:00.000Z', impact: { orders_lost: null, errors: null, users_affected: null, traffic_share: 2 } });
    const good = makeDeployment({ service: 'shop', finished_at: '2026-03-04T00:00:00.000Z' });
    const summary = await loadRecords(t.db, { source: 'test' }, [rejected, ...valid([refusedByDb, good])]);
    expect(summary.total).toEqual({ received: 3, inserted: 1, updated: 0, unchanged: 0, quarantined: 2, pending: 0 });
    const quarantine = await t.db.selectFrom('quarantine').select(['record_id', 'field', 'line', 'reason']).orderBy('id').execute();
    expect(quarantine.map((row) => [row.record_id, row.field, row.line])).toEqual([
      ['bad-1', 'incident.detected_at', 7],
      [refusedByDb.id, 'incident.traffic_share', null],
    ]);
    expect(quarantine[1]!.reason).toContain('incident.traffic_share');
    const stored = await t.db.selectFrom('deployments').select('id').where('external_id', '=', good.id).execute();
    expect(stored).toHaveLength(1);
  });

  it('keeps received = inserted + updated + unchanged + quarantined in every batch row', async () => {
    const batches = await t.db.selectFrom('ingest_batches').select(['status', 'received', 'inserted', 'updated', 'unchanged', 'quarantined']).execute();
    expect(batches).toHaveLength(4);
    for (const batch of batches) {
      expect(batch.status).toBe('succeeded');
      expect(batch.received).toBe(batch.inserted + batch.updated + batch.unchanged + batch.quarantined);
    }
  });
});
