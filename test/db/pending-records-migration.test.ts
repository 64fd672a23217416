// A classification quarantined for a missing incident before pending records existed moves to
// pending_records when the migration runs, and applies with the next batch that brings its
// incident, without a manual `quarantine retry`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { down, up } from '../../migrations/202612010900_pending_records.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeClassification, makeIncident, valid } from '../support/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it('moves quarantined classifications of missing incidents to pending, and they apply when the incident arrives', async () => {
  const db = t.db as unknown as Kysely<unknown>;
  await down(db);
  const waiting = makeClassification({ id: 'old-cls', incident: 'INC-9', ai_role: 'primary' });
  const other = { kind: 'incident', id: 'bad' };
  await t.db.insertInto('quarantine').values([
    { source: 'test', kind: 'classification', record_id: 'old-cls', origin: 'x.ndjson', line: 3, field: 'classification.incident', reason: 'classification.incident: no incident "INC-9" is stored', raw: JSON.stringify(waiting) },
    { source: 'test', kind: 'incident', record_id: 'bad', origin: 'x.ndjson', line: 4, field: 'incident.severity', reason: 'incident.severity: expected …', raw: JSON.stringify(other) },
  ]).execute();
  await up(db);

  const pending = await t.db.selectFrom('pending_records').select(['kind', 'external_id', 'waiting_for', 'origin', 'line']).execute();
  expect(pending).toEqual([{ kind: 'classification', external_id: 'old-cls', waiting_for: 'INC-9', origin: 'x.ndjson', line: 3 }]);
  const open = await t.db.selectFrom('quarantine').select('record_id').where('resolved_at', 'is', null).execute();
  expect(open).toEqual([{ record_id: 'bad' }]);

  const summary = await loadRecords(t.db, { source: 'test' }, valid([makeIncident({ id: 'INC-9', services: ['shop'], impact_started_at: '2026-03-01T10:00:00Z' })]));
  expect(summary.appliedPending.total).toMatchObject({ received: 1, inserted: 1 });
  const stored = await t.db.selectFrom('classifications').select(['external_id', 'ai_role']).execute();
  expect(stored).toEqual([{ external_id: 'old-cls', ai_role: 'primary' }]);
});
