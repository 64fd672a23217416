// The findings page of GET /api/data-quality when incidents tie on their impact start: the page
// is the newest by start, ties by id, whatever the limit cuts through.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

// Each detected ten minutes before its impact began: one negative TTD each.
const negative = (id: string, impact: string) =>
  makeIncident({ id, services: ['shop'], impact_started_at: impact, detected_at: new Date(Date.parse(impact) - 600_000).toISOString() });
// Loaded with the later id first, so that ingest order is not the page's order.
const incidents = [negative('inc-b', '2026-03-10T12:00:00.000Z'), negative('inc-a', '2026-03-10T12:00:00.000Z'), negative('inc-c', '2026-03-04T08:00:00.000Z')];

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), ...incidents]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const page = async (limit: number) => {
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/data-quality?from=2026-03-01&to=2026-04-01&limit=${limit}` });
  expect(response.statusCode).toBe(200);
  const body = response.json();
  return { ids: body.findings.map((f: { id: string }) => f.id), total: body.findings_total };
};

describe('GET /api/data-quality findings page', () => {
  it('cuts through a tie by id, and counts every finding whatever the limit', async () => {
    expect(await page(1)).toEqual({ ids: ['inc-a'], total: 3 });
    expect(await page(2)).toEqual({ ids: ['inc-a', 'inc-b'], total: 3 });
    expect(await page(3)).toEqual({ ids: ['inc-a', 'inc-b', 'inc-c'], total: 3 });
    expect(await page(10)).toEqual({ ids: ['inc-a', 'inc-b', 'inc-c'], total: 3 });
  });
});
