import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

// Two weeks split at 2026-03-09. Before: AI 3 of 4 rolled back, human 0 of 2. After: AI 0 of 4,
// human 1 of 2.
const before = [
  ...['03', '04', '05'].map((day) => makeDeployment({ service: 'shop', ai: AI, status: 'rolled_back', finished_at: `2026-03-${day}T10:00:00.000Z` })),
  makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-06T10:00:00.000Z' }),
  makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-03T12:00:00.000Z' }),
  makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-04T12:00:00.000Z' }),
];
const after = [
  ...['10', '11', '12', '13'].map((day) => makeDeployment({ service: 'shop', ai: AI, finished_at: `2026-03-${day}T10:00:00.000Z` })),
  makeDeployment({ service: 'shop', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-10T12:00:00.000Z' }),
  makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-11T12:00:00.000Z' }),
];
const PERIOD = 'from=2026-03-02&to=2026-03-16';

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop', tier: 1 }), ...before, ...after]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('GET /api/metrics/compare', () => {
  it('gives each part the summary of that part and tests the change of each rate', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/compare?${PERIOD}&split=2026-03-09` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' });
    expect(body.split).toBe('2026-03-09T00:00:00.000Z');
    for (const [part, query] of [['before', 'from=2026-03-02&to=2026-03-09'], ['after', 'from=2026-03-09&to=2026-03-16']] as const) {
      const summary = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/summary?${query}` });
      expect(body[part]).toEqual(summary.json());
    }
    expect(body.before.cfr.ai).toMatchObject({ deployments: 4, failed: 3 });
    expect(body.after.cfr.ai).toMatchObject({ deployments: 4, failed: 0 });
    // AI: 3/4 → 0/4. Pooled p̂ = 3/8, se = √(3/8 · 5/8 · (1/4 + 1/4)) = 0.3423, z = −0.75 / se.
    const se = Math.sqrt((3 / 8) * (5 / 8) * 0.5);
    expect(body.cfr.ai.difference).toBeCloseTo(-0.75, 12);
    expect(body.cfr.ai.z).toBeCloseTo(-0.75 / se, 10);
    // scipy: 2 · norm.sf(0.75 / 0.3423) = 0.028459736916310565
    expect(body.cfr.ai.p_value).toBeCloseTo(0.028459736916310565, 6);
    // Human: 0/2 → 1/2; unknown: no deployments in either part.
    expect(body.cfr.human.difference).toBeCloseTo(0.5, 12);
    expect(body.cfr.unknown).toEqual({ difference: null, z: null, p_value: null });
    expect(Object.keys(body.governance).sort()).toEqual(
      ['automated_checks', 'change_documentation', 'senior_signoff', 'single_operator_config', 'two_person_review'],
    );
    // Each control's rate is the part's summary's violations over its evaluated deployments.
    for (const [control, entry] of Object.entries(body.governance) as [string, { before: { violations: number; evaluated: number; rate: number } }][]) {
      expect(entry.before.violations).toBe(body.before.governance.violations[control]);
      expect(entry.before.evaluated).toBe(body.before.governance.evaluated);
      expect(entry.before.rate).toBe(entry.before.violations / entry.before.evaluated);
    }
  });

  it('explains a split outside the period or missing', async () => {
    const outside = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/compare?${PERIOD}&split=2026-04-01` });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'invalid_filter', message: expect.stringContaining('split: must be a day after from') });
    const missing = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/compare?${PERIOD}` });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('split');
  });

  it('needs a viewer at least', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/metrics/compare?${PERIOD}&split=2026-03-09` });
    expect(response.statusCode).toBe(401);
  });
});
