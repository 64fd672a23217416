import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, makeAgentAction, makeChange, makeDeployment, makeIncident, makePerson, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

// One Tier-1 service. cGood passes every control; cNoTicket lacks a ticket; cSolo (AI, by a
// junior) has no approver at all: two_person_review and senior_signoff.
const cGood = makeChange({ service: 'pay', author: 'ann', approvers: ['sam'], change_ticket: 'CHG-7', checks_passed: true });
const cNoTicket = makeChange({ service: 'pay', author: 'ann', approvers: ['sam'], change_ticket: null, checks_passed: true });
const cSolo = makeChange({ service: 'pay', author: 'ann', approvers: [], change_ticket: 'CHG-8', checks_passed: true, ai: AI });
const dGood = makeDeployment({ service: 'pay', changes: [cGood.id], finished_at: '2026-03-03T09:00:00.000Z' });
const dNoTicket = makeDeployment({ service: 'pay', changes: [cNoTicket.id], finished_at: '2026-03-04T09:00:00.000Z' });
const dSolo = makeDeployment({ service: 'pay', changes: [cSolo.id], finished_at: '2026-03-10T09:00:00.000Z' });
const action = makeAgentAction({ service: 'pay', destructive: true, agent: 'fixer', at: '2026-03-05T09:00:00.000Z' });
const incident = makeIncident({ services: ['pay'], severity: 'sev1', title: 'card declines', caused_by: [dSolo.id], impact_started_at: '2026-03-10T10:00:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'pay', tier: 1, team: 'payments', domain: 'payment' }),
    makePerson({ id: 'ann', seniority: 'junior' }),
    makePerson({ id: 'sam', seniority: 'senior' }),
    cGood, cNoTicket, cSolo, dGood, dNoTicket, dSolo, action, incident,
  ]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('GET /api/governance/violations', () => {
  it('returns the summary, weekly rates, findings and incidents for the default period', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // The default period ends the day after the latest deployment (10 March).
    expect(body.period).toEqual({ from: '2025-03-11T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
    // 3 deployments evaluated; dSolo breaks two_person_review and senior_signoff, dNoTicket
    // change_documentation; the destructive action has no approver.
    expect(body.summary).toEqual({
      evaluated: 3,
      violations: { two_person_review: 1, change_documentation: 1, automated_checks: 0, senior_signoff: 1, single_operator_config: 0, agent_destructive_approval: 1 },
    });
    // Week of 2 March: dGood and dNoTicket (1 of 2 undocumented), the action (1 of 1).
    expect(body.weeks.filter((w: { week: string }) => w.week === '2026-03-02')).toEqual([
      { week: '2026-03-02', control: 'two_person_review', evaluated: 2, violations: 0, rate: 0 },
      { week: '2026-03-02', control: 'change_documentation', evaluated: 2, violations: 1, rate: 0.5 },
      { week: '2026-03-02', control: 'automated_checks', evaluated: 2, violations: 0, rate: 0 },
      { week: '2026-03-02', control: 'senior_signoff', evaluated: 2, violations: 0, rate: 0 },
      { week: '2026-03-02', control: 'single_operator_config', evaluated: 2, violations: 0, rate: 0 },
      { week: '2026-03-02', control: 'agent_destructive_approval', evaluated: 1, violations: 1, rate: 1 },
    ]);
    expect(body.violations).toEqual([
      { control: 'two_person_review', deployment: dSolo.id, change: cSolo.id, agent_action: null, service: 'pay', authors: ['ann'], approvers: [], agent: null, at: '2026-03-10T09:00:00.000Z' },
      { control: 'senior_signoff', deployment: dSolo.id, change: cSolo.id, agent_action: null, service: 'pay', authors: ['ann'], approvers: [], agent: null, at: '2026-03-10T09:00:00.000Z' },
      { control: 'agent_destructive_approval', deployment: null, change: null, agent_action: action.id, service: 'pay', authors: [], approvers: [], agent: 'fixer', at: '2026-03-05T09:00:00.000Z' },
      { control: 'change_documentation', deployment: dNoTicket.id, change: cNoTicket.id, agent_action: null, service: 'pay', authors: ['ann'], approvers: ['sam'], agent: null, at: '2026-03-04T09:00:00.000Z' },
    ]);
    expect(body.incidents).toEqual([
      {
        incident: incident.id,
        title: 'card declines',
        severity: 'sev1',
        impact_started_at: '2026-03-10T10:00:00.000Z',
        deployment: dSolo.id,
        service: 'pay',
        controls: ['senior_signoff', 'two_person_review'],
      },
    ]);
  });

  it('narrows the lists by control and limit, and everything by the common filters', async () => {
    const senior = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?control=senior_signoff' })).json();
    expect(senior.violations.map((v: { change: string }) => v.change)).toEqual([cSolo.id]);
    expect(senior.incidents).toHaveLength(1);
    const noTicket = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?control=change_documentation' })).json();
    expect(noTicket.incidents).toEqual([]);
    expect(noTicket.summary.evaluated).toBe(3);
    const limited = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?limit=1' })).json();
    expect(limited.violations).toHaveLength(1);
    const otherTeam = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?team=search' })).json();
    expect(otherTeam.summary).toMatchObject({ evaluated: 0, violations: { agent_destructive_approval: 0 } });
    expect(otherTeam.violations).toEqual([]);
    const later = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?from=2026-03-09' })).json();
    expect(later.summary.evaluated).toBe(1);
  });

  it('gives compliance per control with its Wilson interval, per service and team, and every destructive action', async () => {
    const body = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations' })).json();
    // change_documentation: 1 of 3 deployments undocumented, compliance 2/3. Wilson (z = 1.96):
    // centre (2/3 + z²/6) / (1 + z²/3), half-width z / (1 + z²/3) · √(2/27 + z²/36).
    const z = 1.959963984540054;
    const centre = (2 / 3 + (z * z) / 6) / (1 + (z * z) / 3);
    const half = (z / (1 + (z * z) / 3)) * Math.sqrt(2 / 27 + (z * z) / 36);
    const documentation = body.controls.find((c: { control: string }) => c.control === 'change_documentation');
    expect(documentation).toMatchObject({ evaluated: 3, violations: 1, compliance: expect.closeTo(2 / 3, 9), ci_low: expect.closeTo(centre - half, 9), ci_high: expect.closeTo(centre + half, 9) });
    expect(body.controls.find((c: { control: string }) => c.control === 'agent_destructive_approval')).toMatchObject({ evaluated: 1, violations: 1, compliance: 0 });
    expect(body.controls.map((c: { control: string }) => c.control)).toHaveLength(6);
    // One service, one team: the same counts.
    const pay = body.by_service.find((r: { group: string; control: string }) => r.group === 'pay' && r.control === 'change_documentation');
    expect(pay).toMatchObject({ team: 'payments', evaluated: 3, violations: 1 });
    expect(body.by_team.find((r: { group: string; control: string }) => r.group === 'payments' && r.control === 'two_person_review')).toMatchObject({ evaluated: 3, violations: 1 });
    expect(body.agent_actions).toEqual([
      { agent_action: action.id, agent: 'fixer', action: action.action, service: 'pay', environment: 'production', approvers: [], approved: false, at: '2026-03-05T09:00:00.000Z' },
    ]);
    // Before and after a reset date: the same endpoint over the two periods.
    const before = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?from=2026-03-01&to=2026-03-09' })).json();
    expect(before.controls.find((c: { control: string }) => c.control === 'change_documentation')).toMatchObject({ evaluated: 2, violations: 1, compliance: 0.5 });
  });

  it('answers a bad control with 400 naming the parameter', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?control=code_review' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_filter');
    expect(response.json().error.message).toMatch(/^control: expected one of two_person_review, .*got "code_review"$/);
    const limit = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/governance/violations?limit=0' });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.message).toMatch(/limit/);
  });
});
