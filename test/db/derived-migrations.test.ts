// Migrations that add derived data fill it themselves, so an upgrade needs no full refresh: the
// rows each leaves equal those the refresh and a rebuild write.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as dataQualityStores from '../../migrations/202612011510_data_quality_stores.ts';
import * as deploymentMonthRollups from '../../migrations/202612011600_deployment_month_rollups.ts';
import * as changeMonthRollups from '../../migrations/202612011630_change_month_rollups.ts';
import * as incidentTimeQuality from '../../migrations/202612011610_incident_time_quality.ts';
import { LINK_LEVELS } from '../../server/analytics/rollup-columns.ts';
import { down, up } from '../../migrations/202612011500_rollup_violated.ts';
import { derivedSnapshot } from '../support/derived-snapshot.ts';
import { rebuildDerived, refreshDerived } from '../../server/analytics/refresh.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeChange, makeDeployment, makeIncident, makePerson, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const violatedRows = (table: 'deployment_rollups' | 'deployment_scope_rollups') =>
  t.db.selectFrom(table).select(['day', 'environment', 'cohort', 'deployments', 'gov_violated']).where('gov_violated', '>', 0).orderBy(['day', 'environment', 'cohort']).execute();

it('fills gov_violated as the refresh does, per day, environment, cohort and scope', async () => {
  const services = [makeService({ id: 'pay', tier: 1, team: 'payments', domain: 'payment' }), makeService({ id: 'risky', tier: 2, high_risk: true, team: 'payments', domain: 'pricing' })];
  const people = [makePerson({ id: 'jun', seniority: 'junior' }), makePerson({ id: 'sen', seniority: 'senior' })];
  const good = (service: string) => makeChange({ service, author: 'jun', approvers: ['sen'], change_ticket: 'CHG-1', checks_passed: true, ai: HUMAN });
  // Two controls broken by one deployment; one by another; none by a third; two days, two cohorts.
  const bad = makeChange({ service: 'risky', author: 'jun', approvers: [], change_ticket: null, checks_passed: true, ai: AI, change_type: 'infra' });
  const noTicket = makeChange({ service: 'pay', author: 'jun', approvers: ['sen'], change_ticket: null, checks_passed: true, ai: HUMAN });
  const ok = good('pay');
  const records = [
    ...services, ...people, bad, noTicket, ok,
    makeDeployment({ service: 'risky', changes: [bad.id], finished_at: '2026-03-02T10:00:00.000Z', ai: AI }),
    makeDeployment({ service: 'pay', changes: [noTicket.id], finished_at: '2026-03-02T11:00:00.000Z', ai: HUMAN }),
    makeDeployment({ service: 'pay', changes: [ok.id], finished_at: '2026-03-03T10:00:00.000Z', ai: HUMAN }),
  ];
  await loadRecords(t.db, { source: 'test' }, valid(records));
  const refreshed = { days: await violatedRows('deployment_rollups'), scopes: await violatedRows('deployment_scope_rollups') };
  expect(refreshed.days.map((row) => [row.cohort, row.gov_violated])).toEqual([['ai', 1], ['human', 1]]);
  // fleet, team:payments (both services), domain and tier rows of each.
  expect(refreshed.scopes.reduce((sum, row) => sum + row.gov_violated, 0)).toBe(8);

  const db = t.db as unknown as Kysely<unknown>;
  await down(db);
  await up(db);
  expect({ days: await violatedRows('deployment_rollups'), scopes: await violatedRows('deployment_scope_rollups') }).toEqual(refreshed);
  await rebuildDerived(t.db);
  expect({ days: await violatedRows('deployment_rollups'), scopes: await violatedRows('deployment_scope_rollups') }).toEqual(refreshed);
});

it('fills change_rollups and lead_time_findings as the refresh does', async () => {
  // A change authored after its deployment finished: a negative lead time.
  const late = makeChange({ service: 'pay', author: 'jun', approvers: ['sen'], change_ticket: 'CHG-2', checks_passed: true, ai: AI, authored_at: '2026-03-05T12:00:00.000Z' });
  const untagged = makeChange({ service: 'pay', author: 'jun', authored_at: '2026-03-04T08:00:00.000Z', ai: UNKNOWN });
  await loadRecords(t.db, { source: 'test' }, valid([late, untagged, makeDeployment({ service: 'pay', changes: [late.id, untagged.id], finished_at: '2026-03-05T11:00:00.000Z', ai: AI })]));
  const tables = async () => {
    const { change_rollups, lead_time_findings } = await derivedSnapshot(t.db);
    return { change_rollups, lead_time_findings };
  };
  const refreshed = await tables();
  expect((refreshed.lead_time_findings as { minutes: number }[]).map((row) => row.minutes)).toEqual([-60]);
  expect((refreshed.change_rollups as { evidence: string }[]).some((row) => row.evidence === 'none')).toBe(true);
  const db = t.db as unknown as Kysely<unknown>;
  await dataQualityStores.down(db);
  await dataQualityStores.up(db);
  expect(await tables()).toEqual(refreshed);
});

it('fills deployment_month_rollups as the refresh does', async () => {
  // Days in two months (and a second environment) besides the deployments stored above.
  await loadRecords(t.db, { source: 'test' }, valid([
    makeDeployment({ service: 'pay', finished_at: '2026-03-31T23:00:00.000Z', ai: AI }),
    makeDeployment({ service: 'pay', finished_at: '2026-04-01T01:00:00.000Z', ai: HUMAN, environment: 'staging' }),
  ]));
  const months = async () => (await derivedSnapshot(t.db)).deployment_month_rollups as { month: string; deployments: number }[];
  const refreshed = await months();
  expect(new Set(refreshed.map((row) => new Date(row.month).toISOString().slice(0, 7)))).toEqual(new Set(['2026-03', '2026-04']));
  expect(refreshed.reduce((sum, row) => sum + row.deployments, 0)).toBe(
    (await t.db.selectFrom('deployment_rollups').select((eb) => eb.fn.sum<number>('deployments').as('n')).executeTakeFirstOrThrow()).n * 1);
  const db = t.db as unknown as Kysely<unknown>;
  await deploymentMonthRollups.down(db);
  await deploymentMonthRollups.up(db);
  expect(await months()).toEqual(refreshed);
});

it('fills the incident time counts, and marks the incidents whose negative times the refresh then finds', async () => {
  await loadRecords(t.db, { source: 'test' }, valid([
    // Detected before impact (TTD), resolved before impact (resolve), and one with every time in order.
    makeIncident({ id: 'early', services: ['pay'], severity: 'sev1', impact_started_at: '2026-03-06T10:00:00.000Z', detected_at: '2026-03-06T09:50:00.000Z', resolved_at: '2026-03-06T09:00:00.000Z' }),
    makeIncident({ id: 'fine', services: ['pay'], severity: 'sev2', impact_started_at: '2026-03-07T10:00:00.000Z', detected_at: '2026-03-07T10:05:00.000Z', mitigated_at: '2026-03-07T11:00:00.000Z' }),
  ]));
  const tables = async () => {
    const { incident_facts, incident_rollups } = await derivedSnapshot(t.db);
    return { incident_facts, incident_rollups };
  };
  const refreshed = await tables();
  const negative = (refreshed.incident_facts as { negative_times: string[] }[]).filter((row) => row.negative_times.length > 0);
  expect(negative.map((row) => row.negative_times)).toEqual(LINK_LEVELS.map(() => ['ttd', 'resolve']));
  const db = t.db as unknown as Kysely<unknown>;
  await incidentTimeQuality.down(db);
  await incidentTimeQuality.up(db);
  const marked = await t.db.selectFrom('rollup_dirty_incidents').innerJoin('incidents', 'incidents.id', 'rollup_dirty_incidents.incident_id').select('incidents.external_id').execute();
  expect(marked.map((row) => row.external_id)).toEqual(['early']);
  await refreshDerived(t.db);
  expect(await tables()).toEqual(refreshed);
});

it('fills change_month_rollups as the refresh does', async () => {
  const months = async () => (await derivedSnapshot(t.db)).change_month_rollups as { changes: number }[];
  const refreshed = await months();
  expect(refreshed.reduce((sum, row) => sum + row.changes, 0)).toBe(Number((await t.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  const db = t.db as unknown as Kysely<unknown>;
  await changeMonthRollups.down(db);
  await changeMonthRollups.up(db);
  expect(await months()).toEqual(refreshed);
});
