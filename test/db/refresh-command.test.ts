import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));
const run = promisify(execFile);
let t: TestDatabase;

// The Sev1 began 30 min after shop's deployment: a heuristic link at 0.9.
const deployment = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-02T10:00:00.000Z' });
const incident = makeIncident({ services: ['shop'], severity: 'sev1', impact_started_at: '2026-03-02T10:30:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), deployment, incident]));
});
afterAll(() => t.drop());

const links = () =>
  t.db
    .selectFrom('incident_links as l')
    .innerJoin('incidents as i', 'i.id', 'l.incident_id')
    .innerJoin('deployments as d', 'd.id', 'l.deployment_id')
    .select(['i.external_id as incident', 'd.external_id as deployment', 'l.rule', 'l.confidence'])
    .execute();

describe('sevscope refresh', () => {
  it('recomputes the links from the raw tables and says what it did', async () => {
    const expected = [{ incident: incident.id, deployment: deployment.id, rule: 'heuristic', confidence: 0.9 }];
    expect(await links()).toEqual(expected);
    await t.db.deleteFrom('incident_links').execute();
    expect(await links()).toEqual([]);

    const { stdout } = await run(CLI, ['refresh'], { env: { ...process.env, DATABASE_URL: t.url } });

    expect(await links()).toEqual(expected);
    expect(stdout).toMatch(/^recomputed deployment cohorts, incident links and rollups from 1 deployment\(s\) and 1 incident\(s\) in \d+\.\d s \(job [0-9a-f-]{36}\)$/m);
    expect(stdout).toContain('incident links: 1 (before: 0)');
  });

  it('exits 2 on an unknown option', async () => {
    const failure = await run(CLI, ['refresh', '--all'], { env: { ...process.env, DATABASE_URL: t.url } }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/--all/);
  });
});

describe('refresh after a batch', () => {
  it('vacuums the derived tables, so that dashboard reads stay index-only', async () => {
    const vacuums = async () =>
      (await sql<{ table: string; vacuums: number }>`
        SELECT relname AS table, vacuum_count::int AS vacuums FROM pg_stat_user_tables
        WHERE relname IN ('duration_month_histograms', 'incident_facts', 'incident_histograms', 'incident_trend_points') ORDER BY 1`.execute(t.db)).rows;
    const before = await vacuums();
    await loadRecords(t.db, { source: 'test' }, valid([
      makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-04-02T10:00:00.000Z' }),
      makeIncident({ services: ['shop'], severity: 'sev2', impact_started_at: '2026-04-02T10:30:00.000Z' }),
    ]));
    const after = await vacuums();
    expect(after.map((r) => r.table)).toEqual(['duration_month_histograms', 'incident_facts', 'incident_histograms', 'incident_trend_points']);
    for (const [k, row] of after.entries()) expect(row.vacuums).toBe(before[k]!.vacuums + 1);
  });
});
