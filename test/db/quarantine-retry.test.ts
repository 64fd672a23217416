import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Validated } from '../../ingest/model.ts';
import { validateRecord } from '../../ingest/validate.ts';
import { listQuarantine } from '../../server/db/quarantine.repository.ts';
import { mapSeverity } from '../../server/db/settings.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { retryQuarantine } from '../../server/quarantine-retry.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const raw = (records: object[]): Validated[] => records.map((record, i) => validateRecord(record, { origin: 'pager.ndjson', line: i + 1 }));
const incident = (id: string, severity: string) => ({ kind: 'incident', source: 'pager', id, title: 'checkout down', severity, impact_started_at: '2026-03-01T10:00:00Z', services: ['checkout'] });

describe('quarantine retry', () => {
  it('stores records that pass after a fix and leaves the rest with a current reason', async () => {
    const first = await loadRecords(t.db, { source: 'pager' }, raw([
      incident('I-1', 'urgent'),
      incident('I-2', 'sev2'),
      { kind: 'classification', source: 'pager', incident: 'I-9', ai_role: 'primary', classified_by: 'sre', classified_at: '2026-03-02T00:00:00Z' },
      incident('I-3', 'whatever'),
    ]));
    // The classification of an incident not stored yet waits as pending, not in quarantine.
    expect(first.total).toMatchObject({ received: 4, inserted: 1, quarantined: 2, pending: 1 });
    const before = await listQuarantine(t.db, { limit: 10, offset: 0 });
    expect(before.items.map((item) => [item.record_id, item.field, item.line])).toEqual([
      ['I-1', 'incident.severity', 1],
      ['I-3', 'incident.severity', 4],
    ]);

    // The classified incident arrives: the pending classification applies with that batch.
    const second = await loadRecords(t.db, { source: 'pager' }, raw([incident('I-9', 'sev1')]));
    expect(second.total).toEqual({ received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    expect(second.appliedPending.total).toEqual({ received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    expect(await t.db.selectFrom('pending_records').select('id').execute()).toEqual([]);

    // The fix for the rest: a severity name mapped.
    await mapSeverity(t.db, 'Urgent', 'sev1');
    const result = await retryQuarantine(t.db);
    expect(result).toMatchObject({ retried: 2, stillInvalid: 1 });
    expect(result.batch?.total).toEqual({ received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 });
    const stored = await t.db.selectFrom('incidents').select(['external_id', 'severity']).orderBy('external_id').execute();
    expect(stored).toEqual([
      { external_id: 'I-1', severity: 'sev1' },
      { external_id: 'I-2', severity: 'sev2' },
      { external_id: 'I-9', severity: 'sev1' },
    ]);
    expect(await t.db.selectFrom('classifications').select('ai_role').execute()).toEqual([{ ai_role: 'primary' }]);
    const after = await listQuarantine(t.db, { limit: 10, offset: 0 });
    expect(after.items.map((item) => item.record_id)).toEqual(['I-3']);
    expect(after.items[0]!.reason).toContain('incident.severity');
  });
});
