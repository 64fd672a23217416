// GET /api/weekly-review: one ISO week's agenda, each section checked against answers worked
// out by hand from the fixture's records (test/support/weekly-review-fixture.ts).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekName, weekStart } from '../../server/analytics/iso-week.ts';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeIncident, valid } from '../support/factories.ts';
import { FOLLOW_UPS, RECORDS, WEEK, WEEK_FROM, WEEK_TO, dAi, dHuman, incAi, incBefore, incHuman } from '../support/weekly-review-fixture.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
let body: any; // the JSON answer, read field by field below

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid(RECORDS));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
  const sre = await signIn(t.db, 'sre');
  for (const { incident, body: payload } of FOLLOW_UPS) {
    const created = await app.inject({ method: 'POST', url: `/api/incidents/${incident}/follow-ups`, headers: sre.headers, payload });
    expect(created.statusCode).toBe(201);
  }
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/weekly-review?week=${WEEK}` });
  expect(response.statusCode).toBe(200);
  body = response.json();
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const wilson = (k: number, n: number) => {
  const i = wilsonInterval(k, n)!;
  return { ci_low: i.low, ci_high: i.high };
};

describe('GET /api/weekly-review', () => {
  it('names the week, its period and its neighbours', () => {
    expect(body).toMatchObject({ week: WEEK, period: { from: WEEK_FROM, to: WEEK_TO }, complete: true, previous_week: '2026-W09', next_week: '2026-W11', min_confidence: 0.5 });
  });

  it('lists the open follow-ups due by Sunday, the overdue ones marked, as GET /api/follow-ups does', async () => {
    expect(body.follow_ups.map((f: { title: string; overdue: boolean }) => [f.title, f.overdue])).toEqual([
      ['Alert on stuck carts', true],
      ['Add a senior review gate to pay', false],
    ]);
    const list = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/follow-ups?status=open&due_before=2026-03-08' })).json();
    expect(body.follow_ups.map(({ overdue: _o, ...f }: { overdue: boolean }) => f)).toEqual(list.follow_ups);
  });

  it('lists the week’s Sev1/Sev2 incidents with links, times, blast radius and skipped controls', () => {
    expect(body.incidents).toHaveLength(2);
    const [first, second] = body.incidents;
    // Sev1 first. incAi: 30 min after dAi (≤ 1 h: 0.9); dAi's change skipped two controls.
    expect(first).toMatchObject({
      id: incAi.id, severity: 'sev1', services: ['pay'], ai_role: null, cohort: 'ai', ttd: 10, ttrb: 60, blast_services: 1,
      links: [{ deployment: dAi.id, service: 'pay', cohort: 'ai', confidence: 0.9, rule: 'heuristic' }],
      controls_skipped: ['senior_signoff', 'two_person_review'],
    });
    // incHuman: 4 h after dHuman (≤ 6 h: 0.7); web is not judged by governance.
    expect(second).toMatchObject({
      id: incHuman.id, severity: 'sev2', ai_role: 'none', cohort: 'human', ttd: 30, ttrb: 30,
      links: [{ deployment: dHuman.id, confidence: 0.7 }], controls_skipped: [],
    });
  });

  it('says which SLOs burned budget this week', () => {
    const byName = Object.fromEntries(body.slos.map((s: { name: string }) => [s.name, s]));
    // incAi is the only AI-linked incident in the 28 days: TTRb 60 > 30 burns; TTD 10 ≤ 15 does not.
    expect(byName['ai-ttrb-30m']).toMatchObject({ burned_this_week: 1, total: 1, good: 0, status: 'breached', burning_this_week: [{ id: incAi.id, value: 60 }] });
    expect(byName['ai-ttd-15m']).toMatchObject({ burned_this_week: 0, total: 1, good: 1, status: 'met' });
    expect(byName['ai-cfr-15pct'].burned_this_week).toBeNull();
    expect(body.slos[0].name).toBe('ai-ttrb-30m');
  });

  it('counts skipped controls by team, judged teams only', () => {
    expect(body.controls_by_team).toEqual([
      {
        team: 'payments', evaluated: 1,
        violations: { two_person_review: 1, change_documentation: 0, automated_checks: 0, senior_signoff: 1, single_operator_config: 0, agent_destructive_approval: 1 },
      },
    ]);
  });

  it('lists the classification backlog: unclassified Sev1/Sev2 older than 48 hours', () => {
    expect(body.backlog.map((b: { id: string }) => b.id)).toEqual([incBefore.id, incAi.id]);
    expect(body.backlog_total).toBe(2);
  });

  it('gives the headline of this week and the four before, with intervals', () => {
    expect(body.headline.map((w: { week: string }) => w.week)).toEqual(['2026-W06', '2026-W07', '2026-W08', '2026-W09', WEEK]);
    const [before, week] = body.headline.slice(-2);
    // This week: dAi failed (1 of 1 AI); dHuman failed, dHumanOk did not (1 of 2 human).
    expect(week).toMatchObject({
      deployments: 3, days: 7,
      cfr: { ai: { deployments: 1, failed: 1, rate: 1, ...wilson(1, 1) }, human: { deployments: 2, failed: 1, rate: 0.5, ...wilson(1, 2) } },
      ai_share: { rate: 1 / 3, ...wilson(1, 3), n: 3 },
      incidents: { total: 2, sev1: 1, sev2: 1 },
      // Medians of (10, 30) and (60, 30).
      ttd: { median: 20, n: 2 }, ttrb: { median: 45, n: 2 },
    });
    // The week before: one rolled-back human deployment, one Sev2 detected after 20 min.
    expect(before).toMatchObject({ deployments: 1, cfr: { human: { failed: 1, rate: 1 } }, incidents: { total: 1, sev1: 0, sev2: 1 }, ttd: { median: 20, n: 1 }, ttrb: { median: null, n: 0 } });
    expect(body.headline[0]).toMatchObject({ deployments: 0, cfr: { ai: { rate: null } }, ai_share: { rate: null, n: 0 }, incidents: { total: 0 } });
  });

  it('counts destructive agent actions with and without approval', () => {
    expect(body.agent_actions).toMatchObject({ destructive: 2, approved: 1, unapproved: 1 });
    expect(body.agent_actions.unapproved_actions).toHaveLength(1);
    expect(body.agent_actions.unapproved_actions[0]).toMatchObject({ agent: 'fixer', service: 'pay', at: '2026-03-04T10:00:00.000Z' });
  });

  it('says an empty week is empty, section by section', async () => {
    const empty = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/weekly-review?week=2025-W30' })).json();
    expect(empty).toMatchObject({ incidents: [], controls_by_team: [], agent_actions: { destructive: 0, approved: 0, unapproved: 0 } });
    expect(empty.follow_ups).toEqual([]);
  });

  it('defaults to the last complete week', async () => {
    const fallback = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/weekly-review' })).json();
    const today = new Date(new Date().toISOString().slice(0, 10));
    const thisMonday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000);
    expect(fallback.period.from).toBe(new Date(thisMonday.getTime() - 7 * 86_400_000).toISOString());
    expect(fallback.complete).toBe(true);
    expect(fallback.next_week).not.toBeNull();
  });

  it('marks the week in progress: not complete, no next week, its days so far', async () => {
    const now = new Date();
    const current = (await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/weekly-review?week=${weekName(now)}` })).json();
    expect(current).toMatchObject({ week: weekName(now), complete: false, next_week: null });
    const days = current.headline.at(-1).days;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(7);
    expect(days).toBeCloseTo((now.getTime() - weekStart(now).getTime()) / 86_400_000, 1);
  });

  it('explains a bad week and needs a signed-in caller', async () => {
    const bad = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/weekly-review?week=2025-W53' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({ code: 'invalid_filter', message: 'week: expected an ISO week such as 2026-W47 (2025 has 52 weeks), got "2025-W53"' });
    expect((await app.inject({ method: 'GET', url: `/api/weekly-review?week=${WEEK}` })).statusCode).toBe(401);
  });

  it('lists at most 200 incidents of a busy week, the Sev1s first, and counts them all', async () => {
    // 2026-W30: 3 Sev1s at the week's start and 205 Sev2s after them: the Sev1s and the newest 197
    // Sev2s are listed, each group by impact start (newest-first alone would have dropped Sev1s).
    const monday = Date.UTC(2026, 6, 20);
    const at = (minutes: number) => new Date(monday + minutes * 60_000).toISOString();
    await loadRecords(t.db, { source: 'test' }, valid([
      ...Array.from({ length: 205 }, (_, k) => makeIncident({ id: `busy-${k}`, services: ['web'], severity: 'sev2', impact_started_at: at(100 + k * 10) })),
      ...Array.from({ length: 3 }, (_, k) => makeIncident({ id: `busy-sev1-${k}`, services: ['web'], severity: 'sev1', impact_started_at: at(k) })),
    ]));
    const busy = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/weekly-review?week=2026-W30' })).json();
    expect(busy.incidents_total).toBe(208);
    expect(busy.incidents).toHaveLength(200);
    expect(busy.incidents.slice(0, 4).map((i: { id: string }) => i.id)).toEqual(['busy-sev1-0', 'busy-sev1-1', 'busy-sev1-2', 'busy-8']);
  });
});
