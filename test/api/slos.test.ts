import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/db/api-tokens.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
let admin: { authorization: string };
let sre: { authorization: string };

// Two AI-linked Sev1s in March: detected after 5 and after 45 minutes.
const d1 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-10T10:00:00.000Z' });
const d2 = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-12T10:00:00.000Z' });
const fast = makeIncident({ services: ['shop'], caused_by: [d1.id], impact_started_at: '2026-03-10T11:00:00.000Z', detected_at: '2026-03-10T11:05:00.000Z' });
const slow = makeIncident({ services: ['shop'], caused_by: [d2.id], impact_started_at: '2026-03-12T11:00:00.000Z', detected_at: '2026-03-12T11:45:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), d1, d2, fast, slow]));
  admin = { authorization: `Bearer ${(await createToken(t.db, 'admin-1', 'admin')).token}` };
  sre = { authorization: `Bearer ${(await createToken(t.db, 'sre-1', 'sre')).token}` };
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('GET /api/slos', () => {
  it('evaluates every policy and names the incidents that burned the budget', async () => {
    const body = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos?to=2026-03-20' })).json();
    const ttd = body.slos.find((s: { policy: { name: string } }) => s.policy.name === 'ai-ttd-15m');
    // 1 of 2 over 15 min at 95 %: attainment 0.5, budget 1 − 1 / (0.05 × 2) = −9, burn 0.5 / 0.05 = 10.
    expect(ttd).toMatchObject({ window: { from: '2026-02-20T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' }, total: 2, good: 1, attainment: 0.5, status: 'breached' });
    expect(ttd.budget_remaining).toBeCloseTo(-9, 9);
    // Wilson for 1 of 2 (z = 1.96): centre 0.5, half-width (z / (1 + z²/2)) · √(1/8 + z²/16).
    const z = 1.959963984540054;
    const half = (z / (1 + (z * z) / 2)) * Math.sqrt(1 / 8 + (z * z) / 16);
    expect(ttd.attainment_ci_low).toBeCloseTo(0.5 - half, 9);
    expect(ttd.attainment_ci_high).toBeCloseTo(0.5 + half, 9);
    expect(ttd.burn_rate).toBeCloseTo(10, 9);
    expect(ttd.burning).toEqual([{ id: slow.id, title: slow.title, severity: 'sev1', impact_started_at: '2026-03-12T11:00:00.000Z', value: 45 }]);
    // A window that ends before both incidents has no data.
    const early = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos?to=2026-03-01' })).json();
    expect(early.slos.find((s: { policy: { name: string } }) => s.policy.name === 'ai-ttd-15m')).toMatchObject({ total: 0, status: 'no_data' });
  });

  it('lists at most burning_limit burning incidents, and counts them all', async () => {
    const ttdOf = async (query: string) =>
      (await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/slos?to=2026-03-20${query}` })).json().slos.find((s: { policy: { name: string } }) => s.policy.name === 'ai-ttd-15m');
    expect(await ttdOf('&burning_limit=0')).toMatchObject({ total: 2, good: 1, burning: [] });
    expect((await ttdOf('&burning_limit=1')).burning).toHaveLength(1);
    const bad = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos?burning_limit=-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('burning_limit');
  });
});

describe('GET /api/slos/history', () => {
  it('evaluates each policy at every Monday of the period and at its end, as GET /api/slos would', async () => {
    const body = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos/history?from=2026-03-01&to=2026-03-20' })).json();
    const ttdId = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos' })).json().slos.find((s: { policy: { name: string } }) => s.policy.name === 'ai-ttd-15m').policy.id;
    const ttd = body.points.filter((p: { policy: string }) => p.policy === ttdId);
    // Mondays 2, 9 and 16 March, then the period's end (a Friday).
    expect(ttd.map((p: { at: string }) => p.at)).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-20T00:00:00.000Z']);
    // Before 10 March nothing is judged; by the 16th both incidents are, one of them slow.
    expect(ttd.map((p: { status: string }) => p.status)).toEqual(['no_data', 'no_data', 'breached', 'breached']);
    expect(ttd[2]).toMatchObject({ total: 2, good: 1, attainment: 0.5 });
    const one = (await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/slos/history?from=2026-03-01&to=2026-03-20&policy=${ttdId}` })).json();
    expect(one.points).toEqual(ttd);
  });
});

describe('SLO policy changes', () => {
  const policy = { name: 'ai-ttd-60m', metric: 'ttd', cohort: 'ai', threshold: 60, objective: 0.9 };

  it('needs role admin', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/slos', payload: policy, headers: sre })).statusCode).toBe(403);
  });

  it('creates, changes and deletes a policy, audited, and the list evaluates it', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/slos', payload: policy, headers: admin });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ ...policy, severities: ['sev1', 'sev2'], window_days: 28, enabled: true });

    const listed = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos?to=2026-03-20' })).json();
    expect(listed.slos.find((s: { policy: { id: string } }) => s.policy.id === id)).toMatchObject({ total: 2, good: 2, status: 'met' });

    const changed = await app.inject({ method: 'PATCH', url: `/api/slos/${id}`, payload: { threshold: 30 }, headers: admin });
    expect(changed.json()).toMatchObject({ id, threshold: 30 });
    const relisted = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/slos?to=2026-03-20' })).json();
    // 1 bad of 2 at 90 %: budget 1 − 1 / 0.2 = −4.
    expect(relisted.slos.find((s: { policy: { id: string } }) => s.policy.id === id)).toMatchObject({ good: 1, budget_remaining: expect.closeTo(-4, 9), status: 'breached' });

    expect((await app.inject({ method: 'DELETE', url: `/api/slos/${id}`, headers: admin })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/slos/${id}`, headers: admin })).statusCode).toBe(404);
    const log = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'slo_policy').orderBy('id').execute();
    expect(log).toEqual([{ action: 'create', actor: 'admin-1' }, { action: 'update', actor: 'admin-1' }, { action: 'delete', actor: 'admin-1' }]);
  });

  it('refuses bad policies, naming the field', async () => {
    const duplicate = await app.inject({ method: 'POST', url: '/api/slos', payload: { ...policy, name: 'ai-ttd-15m' }, headers: admin });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toMatch(/^name: /);
    const objective = await app.inject({ method: 'POST', url: '/api/slos', payload: { ...policy, objective: 1 }, headers: admin });
    expect(objective.statusCode).toBe(400);
    expect(objective.json().error.message).toMatch(/^body\.objective: /);
    const metric = await app.inject({ method: 'POST', url: '/api/slos', payload: { ...policy, metric: 'vibes' }, headers: admin });
    expect(metric.json().error.message).toMatch(/^body\.metric: /);
  });
});
