import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

beforeAll(async () => {
  t = await createTestDatabase();
  const bad = makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-03T09:00:00.000Z' });
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'pay', domain: 'payment', team: 'payments' }),
    bad,
    makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-04T09:00:00.000Z' }),
    makeDeployment({ service: 'pay', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-10T09:00:00.000Z' }),
    makeIncident({ services: ['pay'], caused_by: [bad.id], impact_started_at: '2026-03-04T12:00:00.000Z' }),
  ]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('GET /api/metrics/cfr-trend', () => {
  it('returns weekly points per cohort for the default period ending the day after the latest deployment', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: '2025-03-11T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
    expect(body.min_confidence).toBe(0.5);
    // The explicit link (caused_by) fails the first AI deployment though the incident came a day later.
    expect(body.weeks).toEqual([
      { week: '2026-03-02', cohort: 'ai', deployments: 2, failed: 1, rate: 0.5, ci_low: expect.closeTo(0.0945, 3), ci_high: expect.closeTo(0.9055, 3) },
      { week: '2026-03-09', cohort: 'human', deployments: 1, failed: 1, rate: 1, ci_low: expect.closeTo(0.2065, 3), ci_high: 1 },
    ]);
  });

  it('applies filters from the query string', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend?from=2026-03-09&team=payments' });
    expect(response.json().weeks).toMatchObject([{ week: '2026-03-09', cohort: 'human' }]);
    const otherTeam = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend?team=search' });
    expect(otherTeam.json().weeks).toEqual([]);
  });

  it('answers a bad filter with 400 naming the parameter', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend?from=last%20week' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'invalid_filter', message: 'from: expected a date (2026-03-01) or RFC 3339 time, got "last week"' } });
    const tier = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend?tier=7' });
    expect(tier.json().error.message).toMatch(/^tier: /);
    const time = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/metrics/cfr-trend?to=2026-03-01T00:00:00' });
    expect(time.json().error.message).toMatch(/^to: expected/);
  });
});

describe('GET /api/health', () => {
  it('reports the database, the migration and row counts', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    const latest = readdirSync(new URL('../../migrations/', import.meta.url)).sort().at(-1)!.replace(/\.ts$/, '');
    expect(body.database).toMatchObject({ reachable: true, migration: latest, pending_migrations: 0 });
    expect(body.counts).toMatchObject({ services: 1, deployments: 3, incidents: 1, incident_links: 1 });
    expect(body.derived).toEqual({ pending_days: 0, pending_incidents: 0, unrefreshed_batches: 0, oldest_pending_at: null, lag_seconds: 0 });
    expect(body.jobs).toEqual({ waiting: 0, running: 0, failed_last_day: 0 });
    expect(body.demo).toEqual({ loaded: false, loaded_at: null, loading: false, records_loaded: null }); // data of one's own
  });

  it('shows derived data waiting for a refresh', async () => {
    // A raw write outside the ingest path (no refresh after it) leaves its day and incident pending.
    await t.db.updateTable('incidents').set({ title: 'renamed' }).execute();
    await t.db.updateTable('deployments').set({ version: 'v2' }).where('status', '=', 'rolled_back').execute();
    const before = Date.now();
    const body = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/health' })).json();
    expect(body.derived).toMatchObject({ pending_days: 1, pending_incidents: 1, unrefreshed_batches: 0 });
    // The lag counts from the marks just made: a fraction of a second, not the age of the data.
    expect(Date.parse(body.derived.oldest_pending_at)).toBeGreaterThan(before - 60_000);
    expect(body.derived.lag_seconds).toBeGreaterThanOrEqual(0);
    expect(body.derived.lag_seconds).toBeLessThan(60);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
