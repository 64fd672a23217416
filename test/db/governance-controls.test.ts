import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricFilters, parseFilters } from '../../server/analytics/filters.ts';
import { GOVERNANCE_CONTROLS } from '../../server/analytics/governance-control-list.ts';
import {
  governanceByWeek,
  governanceSummary,
  governanceViolations,
  incidentsWithViolations,
} from '../../server/analytics/governance-controls.ts';
import { listServices } from '../../server/analytics/service-list.ts';
import { loadRecords } from '../../server/load-records.ts';
import type { ChangeRecord } from '../../ingest/model.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';
import {
  AI,
  HUMAN,
  makeAgentAction,
  makeChange,
  makeDeployment,
  makeIncident,
  makePerson,
  makeService,
  valid,
} from '../support/factories.ts';

let t: TestDatabase;
const filters = (raw: Parameters<typeof parseFilters>[0] = {}): MetricFilters =>
  parseFilters({ from: '2026-03-01', to: '2026-03-16', ...raw }, new Date('2026-03-16T00:00:00Z'), DEFAULT_METRIC_SETTINGS);

// "pay" is Tier-1, "risky" is Tier-2 but high-risk: both evaluated. "blog" is neither.
const services = [
  makeService({ id: 'pay', tier: 1, high_risk: false, domain: 'payment', team: 'payments' }),
  makeService({ id: 'risky', tier: 2, high_risk: true, domain: 'pricing', team: 'pricing' }),
  makeService({ id: 'blog', tier: 3, high_risk: false, domain: 'other', team: 'content' }),
];
const people = [makePerson({ id: 'jun', seniority: 'junior' }), makePerson({ id: 'mia', seniority: 'mid' }), makePerson({ id: 'sen', seniority: 'senior' })];

/** A change that passes every control; each test change breaks one thing. */
const compliant = (fields: Partial<ChangeRecord> = {}): ChangeRecord =>
  makeChange({ service: 'pay', author: 'jun', approvers: ['sen'], change_ticket: 'CHG-1', checks_passed: true, ai: HUMAN, ...fields });

// An AI-assisted change by a junior, approved by a senior: compliant with senior_signoff too.
const cOk = compliant({ ai: AI });
// The same change id from another source, undocumented there: dOk (source "test") reads its own.
const cOkMirror: ChangeRecord = { ...cOk, source: 'mirror', change_ticket: null };
const cSelf = compliant({ approvers: ['jun'] }); // approved only by its author
const cNoTicket = compliant({ change_ticket: null });
const cChecksNull = compliant({ checks_passed: null });
const cChecksFalse = compliant({ checks_passed: false });
// AI-assisted by a mid, approved by a junior (not the author): review done, no senior sign-off.
const cJunior = compliant({ author: 'mia', ai: AI, approvers: ['jun'] });
// An infra change with no approver at all: single_operator_config, and so two_person_review too.
const cInfra = compliant({ service: 'risky', change_type: 'infra', approvers: [] });
// Everything wrong, on deployments that are not evaluated.
const cBad = () => makeChange({ service: 'blog', author: 'jun', approvers: [], change_ticket: null, checks_passed: false, change_type: 'config', ai: AI });
const cBlog = cBad();
const cStaging = cBad();

const dOk = makeDeployment({ service: 'pay', changes: [cOk.id], finished_at: '2026-03-02T10:00:00.000Z' });
const dSelf = makeDeployment({ service: 'pay', changes: [cSelf.id], finished_at: '2026-03-03T10:00:00.000Z' });
const dNoTicket = makeDeployment({ service: 'pay', changes: [cNoTicket.id], finished_at: '2026-03-04T10:00:00.000Z' });
const dChecks = makeDeployment({ service: 'pay', changes: [cChecksNull.id, cChecksFalse.id], finished_at: '2026-03-05T10:00:00.000Z' });
const dJunior = makeDeployment({ service: 'pay', changes: [cJunior.id], finished_at: '2026-03-09T10:00:00.000Z' });
// No declared change_type: it is an infra deployment through its change.
const dConfig = makeDeployment({ service: 'risky', changes: [cInfra.id], finished_at: '2026-03-10T10:00:00.000Z' });
// Its one change was never ingested: evaluated, nothing to judge.
const dNoChanges = makeDeployment({ service: 'pay', changes: ['chg-never-ingested'], finished_at: '2026-03-11T10:00:00.000Z' });
const dBlog = makeDeployment({ service: 'blog', changes: [cBlog.id], change_type: 'config', finished_at: '2026-03-04T11:00:00.000Z' });
const dStaging = makeDeployment({ service: 'pay', environment: 'staging', changes: [cStaging.id], change_type: 'config', finished_at: '2026-03-04T12:00:00.000Z' });

const aBad = makeAgentAction({ service: 'pay', destructive: true, at: '2026-03-10T12:00:00.000Z' });
const aApproved = makeAgentAction({ service: 'pay', destructive: true, approved_by: ['sen'], at: '2026-03-10T13:00:00.000Z' });
const aNoService = makeAgentAction({ service: null, destructive: true, agent: 'ops-agent', at: '2026-03-12T10:00:00.000Z' });
const notEvaluatedActions = [
  makeAgentAction({ service: 'pay', destructive: true, environment: 'staging', at: '2026-03-10T14:00:00.000Z' }),
  makeAgentAction({ service: 'blog', destructive: true, at: '2026-03-10T15:00:00.000Z' }),
  makeAgentAction({ service: 'pay', destructive: false, at: '2026-03-10T16:00:00.000Z' }),
  makeAgentAction({ service: 'pay', destructive: null, at: '2026-03-10T17:00:00.000Z' }),
];

// Explicit links (1.0): to a violating deployment, to the compliant one; a Sev3 is never linked.
const incSelf = makeIncident({ services: ['pay'], severity: 'sev1', caused_by: [dSelf.id], title: 'payments down', impact_started_at: '2026-03-04T12:00:00.000Z' });
const incOk = makeIncident({ services: ['pay'], severity: 'sev2', caused_by: [dOk.id], impact_started_at: '2026-03-02T12:00:00.000Z' });
const incSev3 = makeIncident({ services: ['pay'], severity: 'sev3', caused_by: [dNoTicket.id], impact_started_at: '2026-03-04T13:00:00.000Z' });
// Heuristic: 2 h after dConfig on "risky" → confidence 0.7.
const incRisky = makeIncident({ services: ['risky'], severity: 'sev2', title: 'prices wrong', impact_started_at: '2026-03-10T12:00:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    ...services, ...people,
    cOk, cOkMirror, cSelf, cNoTicket, cChecksNull, cChecksFalse, cJunior, cInfra, cBlog, cStaging,
    dOk, dSelf, dNoTicket, dChecks, dJunior, dConfig, dNoChanges, dBlog, dStaging,
    aBad, aApproved, aNoService, ...notEvaluatedActions,
    incSelf, incOk, incSev3, incRisky,
  ]));
});
afterAll(() => t.drop());

describe('governance summary', () => {
  it('counts evaluated deployments and violating deployments (or actions) per control', async () => {
    // Evaluated: dOk, dSelf, dNoTicket, dChecks, dJunior (pay, Tier-1), dConfig (risky, high-risk),
    // dNoChanges = 7; dBlog (Tier-3, not high-risk) and dStaging are not.
    // two_person_review: dSelf, dConfig. change_documentation: dNoTicket. automated_checks:
    // dChecks (two changes, one deployment). senior_signoff: dJunior. single_operator_config:
    // dConfig. agent_destructive_approval: aBad, aNoService (aApproved has an approver).
    const summary = await governanceSummary(t.db, filters());
    expect(Object.keys(summary.violations)).toEqual([...GOVERNANCE_CONTROLS]);
    expect(summary).toEqual({
      evaluated: 7,
      violations: {
        two_person_review: 2,
        change_documentation: 1,
        automated_checks: 1,
        senior_signoff: 1,
        single_operator_config: 1,
        agent_destructive_approval: 2,
      },
    });
  });

  it('narrows by service attributes, period and environment', async () => {
    // pay only: 6 deployments (not dConfig); agent: aBad only (aNoService names no service).
    expect(await governanceSummary(t.db, filters({ service: 'pay' }))).toEqual({
      evaluated: 6,
      violations: { two_person_review: 1, change_documentation: 1, automated_checks: 1, senior_signoff: 1, single_operator_config: 0, agent_destructive_approval: 1 },
    });
    // Tier 2 = risky: dConfig alone.
    expect(await governanceSummary(t.db, filters({ tier: '2' }))).toEqual({
      evaluated: 1,
      violations: { two_person_review: 1, change_documentation: 0, automated_checks: 0, senior_signoff: 0, single_operator_config: 1, agent_destructive_approval: 0 },
    });
    // From Monday 9 March: dJunior, dConfig, dNoChanges; aBad, aNoService.
    expect(await governanceSummary(t.db, filters({ from: '2026-03-09' }))).toMatchObject({
      evaluated: 3,
      violations: { two_person_review: 1, change_documentation: 0, automated_checks: 0, senior_signoff: 1, agent_destructive_approval: 2 },
    });
    // Everything here is in "production"; "prod" is the other production environment.
    expect(await governanceSummary(t.db, filters({ environment: 'prod' }))).toMatchObject({ evaluated: 0, violations: { agent_destructive_approval: 0 } });
  });
});

describe('violations in the service list', () => {
  it('counts each violating deployment once, however many controls it broke', async () => {
    // pay: dSelf, dNoTicket, dChecks, dJunior. risky: dConfig, which broke two controls. blog is
    // not evaluated, so it has no findings.
    const services = await listServices(t.db, filters());
    expect(Object.fromEntries(services.map((service) => [service.id, service.violations]))).toEqual({ pay: 4, risky: 1, blog: 0 });
    expect((await listServices(t.db, filters({ from: '2026-03-09' }))).find((service) => service.id === 'pay')!.violations).toBe(1);
  });
});

describe('governance violations', () => {
  it('lists each finding with its deployment, change, service and people, latest first', async () => {
    const violations = await governanceViolations(t.db, filters());
    expect(violations.map((v) => [v.control, v.deployment ?? v.agent_action, v.change])).toEqual([
      ['agent_destructive_approval', aNoService.id, null],
      ['agent_destructive_approval', aBad.id, null],
      ['two_person_review', dConfig.id, cInfra.id],
      ['single_operator_config', dConfig.id, null],
      ['senior_signoff', dJunior.id, cJunior.id],
      ...[cChecksNull.id, cChecksFalse.id].sort().map((change) => ['automated_checks', dChecks.id, change]),
      ['change_documentation', dNoTicket.id, cNoTicket.id],
      ['two_person_review', dSelf.id, cSelf.id],
    ]);
    expect(violations.find((v) => v.control === 'senior_signoff')).toEqual({
      control: 'senior_signoff',
      deployment: dJunior.id,
      change: cJunior.id,
      agent_action: null,
      service: 'pay',
      authors: ['mia'],
      approvers: ['jun'],
      agent: null,
      at: '2026-03-09T10:00:00.000Z',
    });
    expect(violations.find((v) => v.control === 'single_operator_config')).toMatchObject({ service: 'risky', authors: ['jun'], approvers: [] });
    expect(violations[0]).toMatchObject({ service: null, agent: 'ops-agent', authors: [], approvers: [], at: '2026-03-12T10:00:00.000Z' });
  });

  it('keeps one control and the first rows when asked', async () => {
    const checks = await governanceViolations(t.db, filters(), { control: 'automated_checks' });
    expect(checks.map((v) => v.change).sort()).toEqual([cChecksNull.id, cChecksFalse.id].sort());
    const firstThree = await governanceViolations(t.db, filters(), { limit: 3 });
    expect(firstThree.map((v) => v.control)).toEqual(['agent_destructive_approval', 'agent_destructive_approval', 'two_person_review']);
    expect(await governanceViolations(t.db, filters({ domain: 'other' }))).toEqual([]);
  });
});

describe('governance per week', () => {
  it('gives evaluated, violating and the rate per ISO week and control', async () => {
    const weeks = await governanceByWeek(t.db, filters());
    // Week of 2 March: dOk, dSelf, dNoTicket, dChecks = 4 evaluated; one violation each of review,
    // documentation and checks. No destructive agent action that week, so no agent row.
    expect(weeks.filter((w) => w.week === '2026-03-02')).toEqual([
      { week: '2026-03-02', control: 'two_person_review', evaluated: 4, violations: 1, rate: 0.25 },
      { week: '2026-03-02', control: 'change_documentation', evaluated: 4, violations: 1, rate: 0.25 },
      { week: '2026-03-02', control: 'automated_checks', evaluated: 4, violations: 1, rate: 0.25 },
      { week: '2026-03-02', control: 'senior_signoff', evaluated: 4, violations: 0, rate: 0 },
      { week: '2026-03-02', control: 'single_operator_config', evaluated: 4, violations: 0, rate: 0 },
    ]);
    // Week of 9 March: dJunior, dConfig, dNoChanges = 3; agent: aBad, aApproved, aNoService = 3, 2 unapproved.
    const week2 = weeks.filter((w) => w.week === '2026-03-09');
    expect(week2.map((w) => [w.control, w.evaluated, w.violations])).toEqual([
      ['two_person_review', 3, 1],
      ['change_documentation', 3, 0],
      ['automated_checks', 3, 0],
      ['senior_signoff', 3, 1],
      ['single_operator_config', 3, 1],
      ['agent_destructive_approval', 3, 2],
    ]);
    expect(week2.at(-1)!.rate).toBeCloseTo(2 / 3, 10);
    expect(weeks).toHaveLength(11);
  });
});

describe('incidents whose linked deployment violated a control', () => {
  it('lists Sev1/Sev2 incidents linked to a violating deployment', async () => {
    // incSelf → dSelf (explicit); incRisky → dConfig (heuristic, 0.7). incOk's deployment is
    // compliant; the Sev3 is not counted (nor linked).
    expect(await incidentsWithViolations(t.db, filters())).toEqual([
      {
        incident: incRisky.id,
        title: 'prices wrong',
        severity: 'sev2',
        impact_started_at: '2026-03-10T12:00:00.000Z',
        deployment: dConfig.id,
        service: 'risky',
        controls: ['single_operator_config', 'two_person_review'],
      },
      {
        incident: incSelf.id,
        title: 'payments down',
        severity: 'sev1',
        impact_started_at: '2026-03-04T12:00:00.000Z',
        deployment: dSelf.id,
        service: 'pay',
        controls: ['two_person_review'],
      },
    ]);
  });

  it('follows min_confidence, severity, control and the incident period, not the deployment period', async () => {
    expect((await incidentsWithViolations(t.db, filters({ min_confidence: '0.8' }))).map((i) => i.incident)).toEqual([incSelf.id]);
    expect((await incidentsWithViolations(t.db, filters({ severity: 'sev2' }))).map((i) => i.incident)).toEqual([incRisky.id]);
    expect((await incidentsWithViolations(t.db, filters(), { control: 'single_operator_config' })).map((i) => i.incident)).toEqual([incRisky.id]);
    expect((await incidentsWithViolations(t.db, filters({ service: 'pay' }))).map((i) => i.incident)).toEqual([incSelf.id]);
    // The limit keeps the latest first: incRisky (10 March) before incSelf (4 March).
    expect((await incidentsWithViolations(t.db, filters(), { limit: 1 })).map((i) => i.incident)).toEqual([incRisky.id]);
    // dSelf (3 March) is before this period; its incident (4 March, 12:00) is in it.
    expect((await incidentsWithViolations(t.db, filters({ from: '2026-03-04', to: '2026-03-05' }))).map((i) => i.deployment)).toEqual([dSelf.id]);
  });
});
