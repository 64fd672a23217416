import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
const PERIOD = 'from=2026-03-02&to=2026-03-16'; // two ISO weeks

// Week of March 2nd: d1 (AI) rolled back by r1, d2 (AI) causes a Sev1, d3 human.
const d1 = makeDeployment({ service: 'shop', ai: AI, status: 'rolled_back', finished_at: '2026-03-03T10:00:00.000Z' });
const r1 = makeDeployment({ service: 'shop', ai: HUMAN, rollback_of: d1.id, finished_at: '2026-03-03T10:30:00.000Z' });
const d2 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-04T11:00:00.000Z' });
const d3 = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-05T10:00:00.000Z' });
// Week of March 9th: one human, one untagged.
const d4 = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-10T10:00:00.000Z' });
const d5 = makeDeployment({ service: 'shop', ai: UNKNOWN, finished_at: '2026-03-11T10:00:00.000Z' });
const sev1 = makeIncident({
  services: ['shop'], caused_by: [d2.id], impact_started_at: '2026-03-04T12:00:00.000Z', detected_at: '2026-03-04T12:10:00.000Z',
  mitigated_at: '2026-03-04T13:00:00.000Z', impact: { orders_lost: 100, errors: null, users_affected: null, traffic_share: 0.5 },
});

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), d1, r1, d2, d3, d4, d5, sev1]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url });
  return { status: response.statusCode, body: response.json() };
};

describe('GET /api/metrics/trends', () => {
  it('gives each week its deployments, coverage, CFR per cohort, rework and incidents', async () => {
    const { body } = await get(`/api/metrics/trends?${PERIOD}`);
    expect(body.grain).toBe('week');
    expect(body.points.map((p: { period: string }) => p.period)).toEqual(['2026-03-02', '2026-03-09']);
    const [first, second] = body.points;
    // Production deployments d1, r1, d2, d3, all tagged; r1 is rework and not in CFR.
    expect(first).toMatchObject({ days: 7, deployments: 4, deploys_per_week: 4, coverage: 1, rework_rate: 0.25 });
    expect(first.cfr.ai).toMatchObject({ deployments: 2, failed: 2, rate: 1 });
    expect(first.cfr.human).toMatchObject({ deployments: 1, failed: 0 });
    expect(first.cfr.all).toMatchObject({ deployments: 3, failed: 2 });
    // The Sev1: TTD 10, TTRb 13:00 − 12:10 = 50, restore 60, impact minutes 0.5 × 60 = 30.
    expect(first.incidents).toMatchObject({ total: 1, unattributed: 0 });
    expect(first.incidents.ai).toEqual({
      count: 1, ttd: { median: 10, p90: 10 }, ttrb: { median: 50, p90: 50 }, restore: { median: 60, p90: 60 },
      blast_services: { median: 1, p90: 1, max: 1 }, impact_minutes: { median: 30, p90: 30, max: 30 }, orders_lost: { sum: 100, max: 100 },
    });
    expect(second).toMatchObject({ deployments: 2, coverage: 0.5, rework_rate: 0, incidents: { total: 0 } });
    expect(second.cfr.unknown).toMatchObject({ deployments: 1, failed: 0 });
    expect(second.incidents.ai).toMatchObject({ count: 0, ttd: { median: null } });
  });

  it('counts a partial month by the days inside the period', async () => {
    const { body } = await get(`/api/metrics/trends?${PERIOD}&grain=month`);
    expect(body.points).toHaveLength(1);
    expect(body.points[0]).toMatchObject({ period: '2026-03-01', days: 14, deployments: 6, deploys_per_week: 3 });
  });

  it('names a bad grain', async () => {
    const { status, body } = await get(`/api/metrics/trends?grain=year`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^querystring\.grain: /);
  });
});

describe('GET /api/metrics/what-if', () => {
  it('projects weekly failures for a target AI share from the cohort CFRs', async () => {
    const { body } = await get(`/api/metrics/what-if?${PERIOD}&share=1`);
    // AI 2 of 2 failed, human 0 of 2 (d3, d4); 6 deployments in 2 weeks; AI share of known 2/4.
    expect(body).toMatchObject({ weekly_deployments: 3, current_share: 0.5, note: null });
    // The share's Wilson interval, 2 of 4: centre 0.5 (symmetric), half z/(1 + z²/4) · √(1/16 + z²/64).
    const z = 1.959963984540054;
    const half = (z / (1 + z ** 2 / 4)) * Math.sqrt(1 / 16 + z ** 2 / 64);
    expect(body.current_share_ci_low).toBeCloseTo(0.5 - half, 9);
    expect(body.current_share_ci_high).toBeCloseTo(0.5 + half, 9);
    // share 1: 3 × CFR_ai = 3; low 3 × Wilson low of 2/2 = 3 × 2 / (2 + 1.96²).
    expect(body.target.expected_failed_per_week).toBeCloseTo(3, 9);
    expect(body.target.ci_low).toBeCloseTo((3 * 2) / (2 + 1.959963984540054 ** 2), 9);
    expect(body.curve).toHaveLength(11);
    expect(body.curve.find((p: { current: boolean }) => p.current)).toMatchObject({ share: 0.5, expected_failed_per_week: 1.5 });
  });

  it('says why there is no projection without human deployments, and names a bad share', async () => {
    const { body } = await get('/api/metrics/what-if?from=2026-03-03&to=2026-03-05');
    expect(body).toMatchObject({ target: null, curve: [], note: expect.stringContaining('human 0') });
    const bad = await get(`/api/metrics/what-if?share=1.5`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^share: /);
  });
});
