// GET /api/incidents: sort by any column over all pages, title search, AI-role filter, and a
// page past the last that still reports the total.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeClassification, makeIncident, makeService, valid } from '../support/factories.ts';

const PERIOD = 'from=2026-03-01&to=2026-04-01';
// Five Sev2 incidents a day apart; detection delays 30, 10, none, 20, 10 minutes.
const delays = [30, 10, null, 20, 10];
const incidents = delays.map((delay, i) => {
  const start = Date.UTC(2026, 2, 2 + i, 12);
  return makeIncident({
    title: ['Checkout 500s', 'search latency', 'cart_empty 100%', 'checkout timeouts', 'Banner typo'][i]!,
    severity: 'sev2', services: ['shop'], impact_started_at: new Date(start).toISOString(),
    detected_at: delay === null ? null : new Date(start + delay * 60_000).toISOString(),
  });
});
const classifications = [
  makeClassification({ incident: incidents[0]!.id, ai_role: 'primary', classified_at: '2026-03-20T09:00:00.000Z' }),
  makeClassification({ incident: incidents[3]!.id, ai_role: 'none', classified_at: '2026-03-20T09:00:00.000Z' }),
];

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), ...incidents, ...classifications]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

interface Row { id: string; title: string; ttd: number | null; ai_role: string | null }
async function list(query: string): Promise<{ total: number; incidents: Row[] }> {
  const response = await app.inject({ url: `/api/incidents?${PERIOD}&${query}`, headers: viewer.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const ids = (body: { incidents: Row[] }) => body.incidents.map((row) => row.id);
const by = (...indexes: number[]) => indexes.map((i) => incidents[i]!.id);

describe('GET /api/incidents sort, search and role filter', () => {
  it('sorts by TTD over all pages, missing values last, ties newest first, both directions', async () => {
    // Ascending: 10 (day 5), 10 (day 2), 20, 30, then the one never detected.
    expect(ids(await list('sort=ttd&limit=100'))).toEqual(by(4, 1, 3, 0, 2));
    expect(ids(await list('sort=-ttd&limit=100'))).toEqual(by(0, 3, 4, 1, 2));
    // The second page of two continues the same order, not the newest-first one.
    const second = await list('sort=ttd&limit=2&offset=2');
    expect(ids(second)).toEqual(by(3, 0));
    expect(second.total).toBe(5);
  });

  it('sorts titles case-insensitively', async () => {
    expect((await list('sort=title')).incidents.map((r) => r.title)).toEqual(['Banner typo', 'cart_empty 100%', 'Checkout 500s', 'checkout timeouts', 'search latency']);
  });

  it('finds titles containing text, case-insensitively, with % and _ taken literally', async () => {
    expect(ids(await list('q=CHECKOUT'))).toEqual(by(3, 0));
    expect(ids(await list(`q=${encodeURIComponent('_empty 100%')}`))).toEqual(by(2));
    expect((await list(`q=${encodeURIComponent('%')}`)).total).toBe(1);
    expect((await list('q=nothing-like-this')).total).toBe(0);
  });

  it('filters by AI role, unclassified included', async () => {
    expect(ids(await list('ai_role=primary'))).toEqual(by(0));
    expect(ids(await list('ai_role=unclassified'))).toEqual(by(4, 2, 1));
    expect((await list('ai_role=unclassified&q=checkout')).total).toBe(0);
  });

  it('reports the total on a page past the last', async () => {
    const past = await list('limit=2&offset=10');
    expect(past).toMatchObject({ total: 5, incidents: [] });
  });

  it('names a bad sort key', async () => {
    const response = await app.inject({ url: `/api/incidents?${PERIOD}&sort=colour`, headers: viewer.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/sort/);
  });
});
