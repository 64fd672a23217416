import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, UNKNOWN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;

const pay = makeService({ id: 'pay', team: 'payments', domain: 'payment', tier: 1 });
const web = makeService({ id: 'web', team: 'web', domain: 'checkout', tier: 2, high_risk: false });
const idle = makeService({ id: 'idle', team: 'web', domain: 'other', tier: null, high_risk: false });
// Linked explicitly (caused_by) to the Sev1 incident below: failed.
const payAi1 = makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-03T09:00:00.000Z', changes: ['chg-1', 'chg-2'], change_type: 'code' });
// Its one change has no change ticket: it broke change_documentation, and only that.
const undocumented = makeChange({ service: 'pay', id: 'chg-undocumented', approvers: ['bob'], checks_passed: true });
const payAi2 = makeDeployment({ service: 'pay', ai: AI, finished_at: '2026-03-04T09:00:00.000Z', version: 'v2.4.0', changes: [undocumented.id] });
// Rolled back (failed), and 11 h before an unattributed-by-name incident: a 0.5 heuristic link.
const payHuman = makeDeployment({ service: 'pay', ai: HUMAN, status: 'rolled_back', finished_at: '2026-03-10T09:00:00.000Z' });
const payRollback = makeDeployment({ service: 'pay', ai: HUMAN, rollback_of: payHuman.id, finished_at: '2026-03-10T10:00:00.000Z' });
const webStaging = makeDeployment({ service: 'web', ai: UNKNOWN, environment: 'staging', finished_at: '2026-03-05T09:00:00.000Z' });
// Two deployments at the same instant: the keyset's id breaks the tie.
const webFailed = makeDeployment({ service: 'web', ai: AI, status: 'failed', finished_at: '2026-03-06T09:00:00.000Z' });
const webHuman = makeDeployment({ service: 'web', ai: HUMAN, finished_at: '2026-03-06T09:00:00.000Z' });
const webRunning = makeDeployment({ service: 'web', ai: AI, status: 'in_progress', started_at: '2026-03-07T09:00:00.000Z', finished_at: null });
const incident = makeIncident({ services: ['pay'], caused_by: [payAi1.id], impact_started_at: '2026-03-04T12:00:00.000Z' });
const lateIncident = makeIncident({ services: ['pay'], severity: 'sev2', impact_started_at: '2026-03-10T20:00:00.000Z' });

const all = [payAi1, payAi2, payHuman, payRollback, webStaging, webFailed, webHuman, webRunning];
/** External ids, newest first, the tie broken by database id (descending). */
let newestFirst: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([pay, web, idle, undocumented, ...all, incident, lateIncident]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
  const rows = await t.db.selectFrom('deployments').select(['id', 'external_id', 'effective_at']).execute();
  newestFirst = rows
    .sort((a, b) => b.effective_at.getTime() - a.effective_at.getTime() || Number(BigInt(b.id) - BigInt(a.id)))
    .map((row) => row.external_id);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const ids = async (query: string) => {
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/deployments${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().deployments as { id: string }[]).map((row) => row.id);
};

describe('GET /api/deployments', () => {
  it('lists deployments newest first with their cohort, failure and links', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: '2025-03-11T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
    expect(body.next_cursor).toBeNull();
    expect(response.headers.link).toBeUndefined();
    expect(body.deployments.map((row: { id: string }) => row.id)).toEqual(newestFirst);
    expect(newestFirst.slice(0, 3)).toEqual([payRollback.id, payHuman.id, webRunning.id]);
    const row = (id: string) => body.deployments.find((r: { id: string }) => r.id === id);
    expect(row(payAi1.id)).toEqual({
      id: payAi1.id,
      source: 'test',
      service: 'pay',
      environment: 'production',
      version: payAi1.version,
      started_at: '2026-03-03T09:00:00.000Z',
      finished_at: '2026-03-03T09:00:00.000Z',
      status: 'succeeded',
      cohort: 'ai',
      cohort_evidence: 'trailer',
      ai_tool: 'claude-code',
      change_type: 'code',
      rollback_of: null,
      changes: ['chg-1', 'chg-2'],
      failed: true,
      linked_incidents: [incident.id],
      controls_evaluated: true,
      controls_skipped: [],
    });
    expect(row(webRunning.id)).toMatchObject({ finished_at: null, started_at: '2026-03-07T09:00:00.000Z', status: 'in_progress', failed: false, linked_incidents: [] });
    expect(row(payHuman.id)).toMatchObject({ cohort: 'human', failed: true, linked_incidents: [lateIncident.id] });
    expect(row(payRollback.id)).toMatchObject({ rollback_of: payHuman.id, failed: false });
    expect(row(payAi2.id)).toMatchObject({ failed: false, linked_incidents: [], version: 'v2.4.0', controls_evaluated: true, controls_skipped: ['change_documentation'] });
    // Tier 2, not high-risk: controls are not judged.
    expect(row(webHuman.id)).toMatchObject({ controls_evaluated: false, controls_skipped: [] });
    expect(row(webStaging.id)).toMatchObject({ cohort: 'unknown', cohort_evidence: null, ai_tool: null, environment: 'staging' });
  });

  it('pages by cursor: two pages cover every row once, even across a tie', async () => {
    const first = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments?limit=4' });
    const body = first.json();
    expect(body.deployments).toHaveLength(4);
    expect(body.next_cursor).toEqual(expect.any(String));
    expect(first.headers.link).toBe(`</api/deployments?limit=4&cursor=${body.next_cursor}>; rel="next"`);
    // The 4th and 5th rows are the two web deployments at the same instant.
    expect([webFailed.id, webHuman.id]).toContain(body.deployments[3].id);
    const second = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/deployments?limit=4&cursor=${body.next_cursor}` });
    const next = second.json();
    expect(next.deployments).toHaveLength(4);
    expect(next.next_cursor).toBeNull();
    const paged = [...body.deployments, ...next.deployments].map((row: { id: string }) => row.id);
    expect(paged).toEqual(newestFirst);
    expect(new Set(paged).size).toBe(all.length);
  });

  it('sorts on the server by any sortable column, ties newest first, and pages that order by cursor', async () => {
    const rows = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments' })).json().deployments as { id: string; service: string; status: string; failed: boolean; finished_at: string | null; started_at: string }[];
    const rank = (id: string) => newestFirst.indexOf(id);
    const at = (row: (typeof rows)[number]) => Date.parse(row.finished_at ?? row.started_at);
    const by = (compare: (a: (typeof rows)[number], b: (typeof rows)[number]) => number) => [...rows].sort((a, b) => compare(a, b) || rank(a.id) - rank(b.id)).map((row) => row.id);

    /** Every page of `query` at `limit` rows, following next_cursor. */
    const pages = async (query: string, limit: number) => {
      const found: string[][] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/deployments?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await app.inject({ method: 'GET', headers: viewer.headers, url });
        expect(response.statusCode, response.body).toBe(200);
        const body: { deployments: { id: string }[]; next_cursor: string | null } = response.json();
        if (body.next_cursor) expect(response.headers.link).toBe(`<${url.replace(/&cursor=[^&]*/, '')}&cursor=${body.next_cursor}>; rel="next"`);
        found.push(body.deployments.map((row) => row.id));
        cursor = body.next_cursor;
      } while (cursor !== null && found.length < 20);
      return found;
    };

    // Four pay deployments then four web ones; at 3 a page, the boundary falls inside pay's tie.
    const byService = by((a, b) => a.service.localeCompare(b.service));
    expect(byService.slice(0, 4).every((id) => rows.find((r) => r.id === id)!.service === 'pay')).toBe(true);
    const servicePages = await pages('sort=service', 3);
    expect(servicePages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(servicePages.flat()).toEqual(byService);
    expect(servicePages[1]![0]).toBe(newestFirst.filter((id) => rows.find((r) => r.id === id)!.service === 'pay')[3]);

    expect((await pages('sort=-service', 3)).flat()).toEqual(by((a, b) => b.service.localeCompare(a.service)));
    // Oldest first; the two web deployments at one instant keep newest-first (id desc) between them.
    const oldest = (await pages('sort=at', 2)).flat();
    expect(oldest).toEqual(by((a, b) => at(a) - at(b)));
    expect(oldest.indexOf(webHuman.id) - oldest.indexOf(webFailed.id)).toBe(newestFirst.indexOf(webHuman.id) - newestFirst.indexOf(webFailed.id));
    expect((await pages('sort=-at', 3)).flat()).toEqual(newestFirst);
    // Failed ones first: payAi1 (Sev1 link) and payHuman (rolled back).
    const failedFirst = (await pages('sort=-failed', 1)).flat();
    expect(failedFirst).toEqual(by((a, b) => Number(b.failed) - Number(a.failed)));
    expect(new Set(failedFirst.slice(0, 2))).toEqual(new Set([payAi1.id, payHuman.id]));
    expect((await pages('sort=status&cohort=ai', 1)).flat()).toEqual(by((a, b) => a.status.localeCompare(b.status)).filter((id) => [payAi1, payAi2, webFailed, webRunning].some((d) => d.id === id)));
  });

  it('refuses a cursor made for another sort, which would skip or repeat rows', async () => {
    const cursor = (await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments?limit=2' })).json().next_cursor;
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/deployments?limit=2&sort=service&cursor=${cursor}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('cursor: was made for sort=-at, not sort=service: start again without it');
    const badSort = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments?sort=linked_incidents' });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.message).toMatch(/^querystring\.sort: /);
  });

  it('applies the filters', async () => {
    const sorted = (list: { id: string }[]) => newestFirst.filter((id) => list.some((d) => d.id === id));
    expect(await ids('?cohort=ai')).toEqual(sorted([payAi1, payAi2, webFailed, webRunning]));
    expect(await ids('?cohort=unknown')).toEqual([webStaging.id]);
    expect(await ids('?production=true')).toEqual(sorted([payAi1, payAi2, payHuman, payRollback, webHuman]));
    expect(await ids('?production=false')).toEqual(sorted([webStaging, webFailed, webRunning]));
    expect(await ids('?status=rolled_back')).toEqual([payHuman.id]);
    expect(await ids('?environment=staging')).toEqual([webStaging.id]);
    expect(await ids('?team=payments')).toEqual(sorted([payAi1, payAi2, payHuman, payRollback]));
    expect(await ids('?service=web&cohort=human')).toEqual([webHuman.id]);
    expect(await ids('?domain=checkout&production=true')).toEqual([webHuman.id]);
    expect(await ids('?tier=1&from=2026-03-05')).toEqual([payRollback.id, payHuman.id]);
    expect(await ids('?from=2026-03-04&to=2026-03-05T09:00:00Z')).toEqual([payAi2.id]);
  });

  it('finds text in the id, service, version or change ids, case-insensitively, LIKE wildcards taken literally', async () => {
    expect(await ids('?q=V2.4')).toEqual([payAi2.id]);
    expect(await ids('?q=UNDOCUMENTED')).toEqual([payAi2.id]);
    expect(await ids(`?q=${payHuman.id}`)).toEqual(newestFirst.filter((id) => id.startsWith(payHuman.id)));
    expect(await ids('?q=web&cohort=human')).toEqual([webHuman.id]);
    expect(await ids('?q=%25')).toEqual([]);
    expect(await ids('?q=_')).toEqual([]);
  });

  it('lists only links at or above min_confidence', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/deployments?min_confidence=0.6&status=rolled_back' });
    // Still failed: it was rolled back.
    expect(response.json().deployments).toMatchObject([{ id: payHuman.id, failed: true, linked_incidents: [] }]);
  });

  it('answers a bad cohort, limit or cursor with 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['cohort=robot', /^querystring\.cohort: must be equal to one of the allowed values \(ai, human, unknown\)$/],
      ['status=done', /^querystring\.status: /],
      ['limit=0', /^querystring\.limit: must be >= 1/],
      ['limit=100001', /^querystring\.limit: must be <= 100000/],
      ['limit=ten', /^querystring\.limit: /],
      ['production=maybe', /^querystring\.production: /],
      ['cursor=not-a-cursor', /^cursor: /],
      [`cursor=${Buffer.from('["yesterday","1"]').toString('base64url')}`, /^cursor: /],
      ['from=last%20week', /^from: /],
    ];
    for (const [query, message] of cases) {
      const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/deployments?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message, query).toMatch(message);
    }
  });
});


describe('GET /api/services', () => {
  /** The CFR columns of `failed` of `deployments`, with the Wilson interval the metric uses. */
  const rate = (prefix: string, deployments: number, failed: number) => {
    const interval = wilsonInterval(failed, deployments);
    return {
      [`${prefix}deployments`]: deployments,
      [`${prefix}failed`]: failed,
      [`${prefix}cfr`]: deployments > 0 ? failed / deployments : null,
      [`${prefix}cfr_low`]: interval?.low ?? null,
      [`${prefix}cfr_high`]: interval?.high ?? null,
    };
  };

  it('ranks every service by risk, with deployments, CFR per cohort, incidents and violations in the period', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/services' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().services).toEqual([
      // Production deployments excluding the rollback: two AI (one failed), one human (rolled
      // back). One Sev1 and one Sev2 incident; payAi2's change had no ticket. First: it has a Sev1.
      {
        risk_rank: 1, id: 'pay', name: 'pay', team: 'payments', domain: 'payment', tier: 1, high_risk: true,
        ...rate('', 3, 2), ai_share: 2 / 3, ...rate('ai_', 2, 1), ...rate('human_', 1, 1), ...rate('unknown_', 0, 0),
        sev1_incidents: 1, sev2_incidents: 1, violations: 1,
      },
      // Staging, failed (never served) and in-progress deployments are not production deployments.
      // A CFR interval's low end of 0 still ranks above no deployments at all.
      {
        risk_rank: 2, id: 'web', name: 'web', team: 'web', domain: 'checkout', tier: 2, high_risk: false,
        ...rate('', 1, 0), ai_share: 0, ...rate('ai_', 0, 0), ...rate('human_', 1, 0), ...rate('unknown_', 0, 0),
        sev1_incidents: 0, sev2_incidents: 0, violations: 0,
      },
      {
        risk_rank: 3, id: 'idle', name: 'idle', team: 'web', domain: 'other', tier: null, high_risk: false,
        ...rate('', 0, 0), ai_share: null, ...rate('ai_', 0, 0), ...rate('human_', 0, 0), ...rate('unknown_', 0, 0),
        sev1_incidents: 0, sev2_incidents: 0, violations: 0,
      },
    ]);
  });

  it('applies the filters', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/services?team=payments&from=2026-03-05' });
    // Only the rolled-back human deployment and the Sev2 incident are on or after 5 March.
    expect(response.json().services).toMatchObject([{ risk_rank: 1, id: 'pay', deployments: 1, failed: 1, ai_share: 0, sev1_incidents: 0, sev2_incidents: 1, violations: 0 }]);
    const bad = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/services?tier=9' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^tier: /);
  });
});

describe('GET /api/services/:id', () => {
  it('answers one service, or 404 naming the id', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/services/pay' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ service: { id: 'pay', source: 'test', name: 'pay', team: 'payments', domain: 'payment', tier: 1, high_risk: true } });
    const missing = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/services/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'no service "nope"' } });
  });

  it('needs a signed-in caller', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/services/pay' });
    expect(response.statusCode).toBe(401);
  });
});
