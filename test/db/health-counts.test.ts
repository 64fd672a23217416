// /api/health's row counts: exact for small tables, the planner's estimate for big ones (a count(*)
// of 10 M deployments takes seconds, and health is polled), and the estimate follows a load at once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts } from '../../server/db/health.repository.ts';
import { storeRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeDeployment, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;

const deployments = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => makeDeployment({ id: `d-${from + i}`, service: 'shop', started_at: new Date(Date.UTC(2026, 2, 1) + (from + i) * 60_000).toISOString() }));

beforeAll(async () => {
  t = await createTestDatabase();
  await storeRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), ...deployments(0, 3000)]));
  await sql`ANALYZE deployments`.execute(t.db);
});
afterAll(async () => t?.drop());

describe('rowCounts', () => {
  it('estimates the tables above the limit and counts the others exactly', async () => {
    const { counts, estimated } = await rowCounts(t.db, 1000);
    expect(estimated).toEqual(['deployments']);
    expect(counts.deployments).toBeGreaterThan(3000 * 0.95);
    expect(counts.deployments).toBeLessThan(3000 * 1.05);
    expect(counts.services).toBe(1);
    expect(counts.incidents).toBe(0);
  });

  it('follows rows stored after the last ANALYZE, through the pages on disk', async () => {
    await storeRecords(t.db, { source: 'test' }, valid(deployments(3000, 3000)));
    const { counts } = await rowCounts(t.db, 1000);
    expect(counts.deployments).toBeGreaterThan(6000 * 0.9);
    expect(counts.deployments).toBeLessThan(6000 * 1.1);
  });

  it('counts everything exactly when asked', async () => {
    const { counts, estimated } = await rowCounts(t.db, Infinity);
    expect(estimated).toEqual([]);
    expect(counts.deployments).toBe(6000);
  });
});
