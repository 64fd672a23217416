import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../ingest/model.ts';
import { cfrByWeek } from '../../server/analytics/change-failure-rate.ts';
import { parseFilters } from '../../server/analytics/filters.ts';
import { buildApp } from '../../server/app.ts';
import { demoWanted, loadDemo } from '../../server/demo-data.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;
let summary: BatchSummary;

beforeAll(async () => {
  t = await createTestDatabase();
  summary = await loadDemo(t.db);
}, 120_000);
afterAll(() => t.drop());

describe('the demo dataset loaded through validation and the sink', () => {
  it('passes validation whole and is not offered again', async () => {
    expect(summary.total.quarantined).toBe(0);
    expect(summary.total.inserted).toBe(summary.total.received);
    expect(await demoWanted(t.db, { embedded: true })).toBe(false);
  });

  it('is reported by GET /api/health, for the dashboard to say it shows demo data', async () => {
    const app = await buildApp({ db: t.db });
    try {
      const { demo } = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(demo.loaded).toBe(true);
      expect(Date.now() - Date.parse(demo.loaded_at)).toBeLessThan(5 * 60_000);
    } finally {
      await app.close();
    }
  });

  it('links the modeled incidents to the deployments that caused them', async () => {
    const links = await t.db
      .selectFrom('incidents as i')
      .innerJoin('incident_links as l', 'l.incident_id', 'i.id')
      .innerJoin('deployments as d', 'd.id', 'l.deployment_id')
      .select(['i.external_id as incident', 'd.cohort', 'd.actor_type'])
      .where('i.external_id', 'in', ['INC-2025-12-agent-env-delete', 'INC-2026-03-02-delivery-estimates', 'INC-2026-03-05-order-intake-config'])
      .execute();
    const byIncident = new Map(links.map((link) => [link.incident, link]));
    expect(byIncident.get('INC-2025-12-agent-env-delete')).toMatchObject({ cohort: 'ai', actor_type: 'agent' });
    expect(byIncident.get('INC-2026-03-02-delivery-estimates')).toMatchObject({ cohort: 'ai' });
    expect(byIncident.has('INC-2026-03-05-order-intake-config')).toBe(true);
  });

  it('shows the early-March spike in the weekly change failure rate of the AI cohort', async () => {
    const points = await cfrByWeek(t.db, parseFilters({}, new Date('2026-12-01T00:00:00Z'), DEFAULT_METRIC_SETTINGS));
    const ai = points.filter((point) => point.cohort === 'ai');
    const year = ai.reduce((sum, p) => ({ failed: sum.failed + p.failed, deployments: sum.deployments + p.deployments }), { failed: 0, deployments: 0 });
    const march = ai.filter((p) => p.week >= '2026-02-23' && p.week <= '2026-03-09');
    const marchRate = march.reduce((s, p) => s + p.failed, 0) / march.reduce((s, p) => s + p.deployments, 0);
    expect(marchRate).toBeGreaterThan(2 * (year.failed / year.deployments));
    // The worst AI week of the year is in that spike.
    const worst = ai.filter((p) => p.deployments >= 50).sort((a, b) => b.rate - a.rate)[0]!;
    expect(['2026-02-23', '2026-03-02', '2026-03-09']).toContain(worst.week);
  });
});
