// Above EXACT_LIMIT values the DORA durations come from the stored histograms; below, exactly.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dora } from '../../server/analytics/dora.ts';
import { EXACT_LIMIT } from '../../server/analytics/duration-histogram.ts';
import { parseFilters } from '../../server/analytics/filters.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { HUMAN, makeChange, makeDeployment, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
const START = Date.UTC(2026, 2, 2);
const COUNT = EXACT_LIMIT + 1_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  const records = [makeService({ id: 'shop', team: 'web' }), makeService({ id: 'cart', team: 'web' })];
  for (let i = 0; i < COUNT; i++) {
    const finished = START + Math.floor(i / 1000) * 86_400_000 + (i % 1000) * 60_000;
    // lead times from 1 minute to ~5 days, unevenly
    const lead = 1 + ((i * 7919) % 10007) ** 1.7 / 100;
    const change = makeChange({ service: i % 2 ? 'shop' : 'cart', ai: HUMAN, authored_at: iso(finished - lead * 60_000) });
    records.push(change as never, makeDeployment({ service: change.service, ai: HUMAN, changes: [change.id], finished_at: iso(finished) }) as never);
  }
  await loadRecords(t.db, { source: 'test' }, valid(records));
}, 120_000);
afterAll(() => t.drop());

const exactLeadTime = async (service: string | null) =>
  (await sql<{ median: number; p90: number }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY m) AS p90
    FROM (SELECT extract(epoch FROM d.finished_at - c.authored_at)::float8 / 60 AS m
          FROM deployments d JOIN services s ON s.id = d.service_id
          JOIN deployment_changes dc ON dc.deployment_id = d.id JOIN changes c ON c.external_id = dc.change_external_id
          WHERE ${service === null ? sql`true` : sql`s.external_id = ${service}`}) x`.execute(t.db)).rows[0]!;

describe('DORA duration percentiles at scale', () => {
  it(`above ${EXACT_LIMIT} values: from the histogram, within 2 % of percentile_cont`, async () => {
    const filters = parseFilters({ from: '2026-03-01', to: '2026-05-01' }, new Date(), DEFAULT_METRIC_SETTINGS);
    const result = await dora(t.db, filters);
    expect(result.durations_exact).toBe(false);
    const exact = await exactLeadTime(null);
    expect(Math.abs(result.lead_time.median! - exact.median) / (1 + exact.median)).toBeLessThan(0.0202);
    expect(Math.abs(result.lead_time.p90! - exact.p90) / (1 + exact.p90)).toBeLessThan(0.0202);
    // The team scope holds the same deployments: the same buckets, the same answer.
    expect(await dora(t.db, { ...filters, team: 'web' })).toEqual(result);
  });

  it('at or below the limit (one service, half of them): exact', async () => {
    const result = await dora(t.db, parseFilters({ from: '2026-03-01', to: '2026-05-01', service: 'shop' }, new Date(), DEFAULT_METRIC_SETTINGS));
    expect(result.durations_exact).toBe(true);
    expect(result.lead_time).toEqual(await exactLeadTime('shop'));
  });
});
