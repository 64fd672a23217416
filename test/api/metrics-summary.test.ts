import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));
const PERIOD = 'from=2026-03-02&to=2026-03-09';
let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

// One week on a Tier-1 service: two AI deployments (one rolled back, one causing a Sev1) and two human ones.
const dA1 = makeDeployment({ service: 'shop', ai: AI, status: 'rolled_back', finished_at: '2026-03-03T10:00:00.000Z' });
const rA1 = makeDeployment({ service: 'shop', ai: HUMAN, rollback_of: dA1.id, finished_at: '2026-03-03T10:20:00.000Z' });
const dA2 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-04T10:00:00.000Z' });
const dH1 = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-05T10:00:00.000Z' });
const dH2 = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-06T10:00:00.000Z' });
const sev1 = makeIncident({
  services: ['shop'], severity: 'sev1', caused_by: [dA2.id], impact_started_at: '2026-03-04T11:00:00.000Z',
  detected_at: '2026-03-04T11:10:00.000Z', mitigated_at: '2026-03-04T11:40:00.000Z',
});

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop', tier: 1 }), dA1, rA1, dA2, dH1, dH2, sev1]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('GET /api/metrics/summary', () => {
  it('returns the docs/api.md object with values worked out by hand', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/summary?${PERIOD}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
    // Five production deployments, all tagged: three declared human, two AI by trailer.
    expect(body.coverage).toEqual({ deployments: 5, known: 5, share: 1, ci_low: expect.closeTo(1 / (1 + 1.959963984540054 ** 2 / 5), 12), ci_high: 1, by_evidence: { declared: 3, trailer: 2 } });
    expect(body.cfr.ai).toMatchObject({ deployments: 2, failed: 2, rate: 1 });
    expect(body.cfr.human).toMatchObject({ deployments: 2, failed: 0, rate: 0 });
    expect(body.cfr.unknown).toEqual({ deployments: 0, failed: 0, rate: null, ci_low: null, ci_high: null });
    // Zero cells: +0.5 each → (2.5 / 3) / (0.5 / 3) = 5. Fisher [[2, 0], [0, 2]]: 2 × 1/6.
    expect(body.cfr.risk_ratio.value).toBeCloseTo(5, 9);
    expect(body.cfr.risk_ratio.p_value).toBeCloseTo(1 / 3, 9);
    expect(body.cfr.headline).toBe('no significant difference yet (n_ai = 2, n_human = 2)');
    expect(body.incidents).toMatchObject({ total: 1, sev1: 1, sev2: 0, unattributed: 0, ai_involved: 0, unclassified: 1, times_exact: true });
    expect(body.incidents.by_cohort.ai).toEqual({
      count: 1, ttd: { median: 10, p90: 10 }, ttrb: { median: 30, p90: 30 }, restore: { median: 40, p90: 40 },
      blast_services: { median: 1, p90: 1, max: 1 },
    });
    // Recovery: the Sev1 restored in 40 min; dA1 rolled back after 20 with no incident.
    // CFR: dA1 and dA2 failed of the four non-rollback deployments; rework: rA1 of all five.
    const cfrInterval = wilsonInterval(2, 4)!;
    const reworkInterval = wilsonInterval(1, 5)!;
    expect(body.dora).toEqual({
      deploys_per_week: 5, lead_time: { median: null, p90: null }, merge_to_deploy: { median: null, p90: null },
      cfr: 0.5, cfr_ci_low: cfrInterval.low, cfr_ci_high: cfrInterval.high,
      recovery_time: { median: 30, p90: 38 }, rework_rate: 0.2, rework_ci_low: reworkInterval.low, rework_ci_high: reworkInterval.high, durations_exact: true,
    });
    expect(body.slos).toEqual([
      { name: 'ai-ttd-15m', metric: 'ttd', cohort: 'ai', attainment: 1, objective: 0.95, budget_remaining: 1, burn_rate: 0, status: 'met' },
      { name: 'ai-ttrb-30m', metric: 'ttrb', cohort: 'ai', attainment: 1, objective: 0.95, budget_remaining: 1, burn_rate: 0, status: 'met' },
      { name: 'ai-blast-1-service', metric: 'blast_services', cohort: 'ai', attainment: 1, objective: 0.9, budget_remaining: 1, burn_rate: 0, status: 'met' },
      { name: 'ai-cfr-15pct', metric: 'cfr', cohort: 'ai', attainment: null, objective: 0.95, budget_remaining: null, burn_rate: null, status: 'breached' },
    ]);
    expect(Object.keys(body.governance.violations).sort()).toEqual(
      ['agent_destructive_approval', 'automated_checks', 'change_documentation', 'senior_signoff', 'single_operator_config', 'two_person_review'],
    );
  });

  it('answers a bad filter with a 400 that names the parameter', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/summary?severity=sev1,critical' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_filter', message: expect.stringMatching(/^severity: .*"critical"/) });
  });
});

describe('sevscope metrics summary --json', () => {
  it('prints the same object as the API for the same filters', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(CLI, ['metrics', 'summary', '--json', '--from', '2026-03-02', '--to', '2026-03-09'], { env: { ...process.env, DATABASE_URL: t.url } });
    const api = (await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/metrics/summary?${PERIOD}` })).json();
    expect(JSON.parse(stdout)).toEqual(api);
  });

  it('exits 2 naming the option for a bad filter', async () => {
    const run = promisify(execFile);
    const failure = await run(CLI, ['metrics', 'summary', '--json', '--tier', '7'], { env: { ...process.env, DATABASE_URL: t.url } }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/--tier: expected 1, 2 or 3/);
  });
});
