// docs/ingest-format.md "Common rules": a record sent again updates it — within one batch too.
// A later line with the same (kind, source, id) wins, exactly as if it came in the next batch,
// whether it lands in the same chunk as the earlier line or in a later one written in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedRecord } from '../../ingest/model.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeAgentAction, makeChange, makeClassification, makeDeployment, makeIncident, makePerson, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeIncident({ id: 'base-incident', services: ['shop'], impact_started_at: '2026-03-01T10:00:00Z' })]));
});
afterAll(() => t.drop());

const at = '2026-03-05T10:00:00.000Z';
/** Per kind: two versions of one record, and how to read back the field they differ in. */
const CASES: { kind: string; table: string; column: string; first: NormalizedRecord; second: NormalizedRecord }[] = [
  { kind: 'service', table: 'services', column: 'team', first: makeService({ id: 'svc-r', team: 'old' }), second: makeService({ id: 'svc-r', team: 'new' }) },
  { kind: 'person', table: 'people', column: 'seniority', first: makePerson({ id: 'pat', seniority: 'junior' }), second: makePerson({ id: 'pat', seniority: 'senior' }) },
  { kind: 'change', table: 'changes', column: 'title', first: makeChange({ id: 'chg-r', service: 'shop', title: 'draft' }), second: makeChange({ id: 'chg-r', service: 'shop', title: 'final' }) },
  {
    kind: 'deployment', table: 'deployments', column: 'status',
    first: makeDeployment({ id: 'dep-r', service: 'shop', status: 'in_progress', finished_at: at }),
    second: makeDeployment({ id: 'dep-r', service: 'shop', status: 'succeeded', finished_at: at }),
  },
  {
    // The case of the issue: an incident exported twice, open and then resolved.
    kind: 'incident', table: 'incidents', column: 'status',
    first: makeIncident({ id: 'inc-r', services: ['shop'], impact_started_at: at, status: 'open' }),
    second: makeIncident({ id: 'inc-r', services: ['shop'], impact_started_at: at, status: 'resolved', resolved_at: '2026-03-05T12:00:00.000Z' }),
  },
  {
    kind: 'agent_action', table: 'agent_actions', column: 'outcome',
    first: makeAgentAction({ id: 'act-r', at, outcome: 'started' }),
    second: makeAgentAction({ id: 'act-r', at, outcome: 'deleted the environment' }),
  },
];

const renamed = (record: NormalizedRecord, suffix: string) => ({ ...record, id: `${record.id}-${suffix}` }) as NormalizedRecord;

describe('a record repeated within one batch', () => {
  for (const { kind, table, column, first, second } of CASES) {
    for (const chunkSize of [5000, 1]) {
      const where = chunkSize === 1 ? 'a later chunk' : 'the same chunk';
      it(`${kind}: the later line wins when it lands in ${where}, counted as inserted then updated`, async () => {
        const suffix = `c${chunkSize}`;
        const [a, b] = [renamed(first, suffix), renamed(second, suffix)];
        const summary = await loadRecords(t.db, { source: 'test', chunkSize }, valid([a, b]));
        expect(summary.byKind[kind]).toEqual({ received: 2, inserted: 1, updated: 1, unchanged: 0, quarantined: 0, pending: 0 });
        const rows = await t.db.selectFrom(table as 'services').select(column as 'team').where('external_id', '=', a.id).execute();
        expect(rows).toEqual([{ [column]: (b as unknown as Record<string, unknown>)[column] }]);
      });
    }

    it(`${kind}: an identical repeat is unchanged, and a third version after it still wins`, async () => {
      const [a, b] = [renamed(first, 'same'), renamed(second, 'same')];
      const summary = await loadRecords(t.db, { source: 'test' }, valid([a, a, b]));
      expect(summary.byKind[kind]).toEqual({ received: 3, inserted: 1, updated: 1, unchanged: 1, quarantined: 0, pending: 0 });
      const rows = await t.db.selectFrom(table as 'services').select(column as 'team').where('external_id', '=', a.id).execute();
      expect(rows).toEqual([{ [column]: (b as unknown as Record<string, unknown>)[column] }]);
    });
  }

  it('deployment: a repeat moves its child rows too (the later change list is the one kept)', async () => {
    const a = makeDeployment({ id: 'dep-children', service: 'shop', changes: ['c-1', 'c-2'] });
    const b = makeDeployment({ id: 'dep-children', service: 'shop', changes: ['c-3'] });
    await loadRecords(t.db, { source: 'test', chunkSize: 1 }, valid([a, b]));
    const rows = await t.db
      .selectFrom('deployment_changes')
      .innerJoin('deployments', 'deployments.id', 'deployment_changes.deployment_id')
      .select('change_external_id')
      .where('deployments.external_id', '=', 'dep-children')
      .execute();
    expect(rows).toEqual([{ change_external_id: 'c-3' }]);
  });

  it('classification (append-only): the first version stays, as a later batch would leave it', async () => {
    for (const chunkSize of [5000, 1]) {
      const id = `cls-r-${chunkSize}`;
      const a = makeClassification({ id, incident: 'base-incident', ai_role: 'primary' });
      const b = makeClassification({ id, incident: 'base-incident', ai_role: 'none' });
      const summary = await loadRecords(t.db, { source: 'test', chunkSize }, valid([a, b]));
      expect(summary.byKind.classification).toEqual({ received: 2, inserted: 1, updated: 0, unchanged: 1, quarantined: 0, pending: 0 });
      const again = await loadRecords(t.db, { source: 'test' }, valid([b]));
      expect(again.byKind.classification).toEqual({ received: 1, inserted: 0, updated: 0, unchanged: 1, quarantined: 0, pending: 0 });
      const rows = await t.db.selectFrom('classifications').select('ai_role').where('external_id', '=', id).execute();
      expect(rows).toEqual([{ ai_role: 'primary' }]);
    }
  });

  it('classification: a repeat of one that waits for its incident replaces the waiting version', async () => {
    const a = makeClassification({ id: 'cls-wait', incident: 'inc-later', ai_role: 'primary', notes: 'first' });
    const b = makeClassification({ id: 'cls-wait', incident: 'inc-later', ai_role: 'contributory', notes: 'second' });
    const first = await loadRecords(t.db, { source: 'test', chunkSize: 1 }, valid([a, b]));
    expect(first.byKind.classification).toMatchObject({ received: 2, pending: 2 });
    const waiting = await t.db.selectFrom('pending_records').select(['external_id', 'waiting_for', 'record']).execute();
    expect(waiting).toEqual([{ external_id: 'cls-wait', waiting_for: 'inc-later', record: expect.objectContaining({ ai_role: 'contributory' }) }]);
    const second = await loadRecords(t.db, { source: 'test' }, valid([makeIncident({ id: 'inc-later', services: ['shop'], impact_started_at: at })]));
    expect(second.appliedPending.total).toEqual({ received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    const rows = await t.db.selectFrom('classifications').select(['ai_role', 'notes']).where('external_id', '=', 'cls-wait').execute();
    expect(rows).toEqual([{ ai_role: 'contributory', notes: 'second' }]);
    expect(await t.db.selectFrom('pending_records').select('id').execute()).toEqual([]);
  });

  it('a classification before its incident in the same batch applies when the batch ends, counted as inserted', async () => {
    const cls = makeClassification({ id: 'cls-early', incident: 'inc-same-batch', ai_role: 'primary' });
    const incident = makeIncident({ id: 'inc-same-batch', services: ['shop'], impact_started_at: at });
    const summary = await loadRecords(t.db, { source: 'test', chunkSize: 1 }, valid([cls, incident]));
    expect(summary.byKind.classification).toEqual({ received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    expect(summary.total.pending).toBe(0);
    expect(summary.appliedPending.total.received).toBe(0);
    const batch = await t.db.selectFrom('ingest_batches').select(['received', 'inserted', 'pending']).where('id', '=', String(summary.batchId)).executeTakeFirstOrThrow();
    expect(batch).toEqual({ received: 2, inserted: 2, pending: 0 });
  });
});
