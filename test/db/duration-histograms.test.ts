// The month histograms follow their day rows by difference (analytics/derived/): a duration
// that moves out of a month must leave no empty bucket and no empty histogram behind.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerived } from '../../server/analytics/refresh.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeChange, makeDeployment, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const months = async () =>
  (await sql<{ scope: string; metric: string; month: string; buckets: number[]; counts: number[] }>`
    SELECT scope, metric, to_char(month, 'YYYY-MM') AS month, buckets, counts FROM duration_month_histograms
    WHERE environment = 'production' ORDER BY scope, metric, month, link_level`.execute(t.db)).rows;
const snapshot = async () => ({
  days: (await sql`SELECT * FROM duration_histograms ORDER BY scope, metric, day, environment, link_level`.execute(t.db)).rows,
  months: (await sql`SELECT * FROM duration_month_histograms ORDER BY scope, metric, month, environment, link_level`.execute(t.db)).rows,
});

describe('duration month histograms', () => {
  it('move with their durations and keep no empty bucket or histogram', async () => {
    const a = makeChange({ service: 'shop', authored_at: '2026-03-01T09:00:00.000Z' });
    const b = makeChange({ service: 'shop', authored_at: '2026-03-02T10:00:00.000Z' });
    const first = makeDeployment({ service: 'shop', changes: [a.id], finished_at: '2026-03-02T09:00:00.000Z' });
    const second = makeDeployment({ service: 'shop', changes: [b.id], finished_at: '2026-03-03T10:00:00.000Z' });
    await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), a, b, first, second]));
    const march = (await months()).filter((m) => m.scope === 'fleet' && m.metric === 'lead_time');
    // Both lead times are 24 h: one bucket, counted twice.
    expect(march).toEqual([{ scope: 'fleet', metric: 'lead_time', month: '2026-03', buckets: [expect.any(Number)], counts: [2] }]);

    // One deployment moves to April, then the other: March empties bucket by bucket.
    await loadRecords(t.db, { source: 'test' }, valid([{ ...first, started_at: '2026-04-02T09:00:00.000Z', finished_at: '2026-04-02T09:00:00.000Z' }]));
    const moved = (await months()).filter((m) => m.scope === 'fleet' && m.metric === 'lead_time');
    expect(moved.map((m) => [m.month, m.counts])).toEqual([['2026-03', [1]], ['2026-04', [1]]]);
    await loadRecords(t.db, { source: 'test' }, valid([{ ...second, started_at: '2026-04-03T10:00:00.000Z', finished_at: '2026-04-03T10:00:00.000Z' }]));
    const all = await months();
    expect(all.filter((m) => m.month === '2026-03')).toEqual([]);
    expect(all.every((m) => m.counts.length > 0 && m.counts.every((n) => n > 0))).toBe(true);
    // Both now 32 days: April's one bucket counts them both.
    expect(all.find((m) => m.scope === 'fleet' && m.metric === 'lead_time')?.counts).toEqual([2]);

    const incremental = await snapshot();
    await rebuildDerived(t.db);
    expect(await snapshot()).toEqual(incremental);
  });
});
