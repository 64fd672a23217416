import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/db/api-tokens.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
const auth: Record<'viewer' | 'sre' | 'admin', { authorization: string }> = {} as never;
const PERIOD = 'from=2026-03-01&to=2026-04-01';

const human = makeDeployment({ service: 'shop', ai: HUMAN, finished_at: '2026-03-02T06:00:00.000Z' });
const ai = makeDeployment({ service: 'shop', ai: AI, finished_at: '2026-03-02T10:00:00.000Z' });
const rollback = makeDeployment({ service: 'shop', ai: HUMAN, rollback_of: ai.id, finished_at: '2026-03-02T10:50:00.000Z' });
// Heuristic link to `ai` (30 min before: 0.9) → cohort ai, suggested role contributory.
const sev1 = makeIncident({
  services: ['shop'], severity: 'sev1', title: 'checkout 500s', impact_started_at: '2026-03-02T10:30:00.000Z',
  detected_at: '2026-03-02T10:35:00.000Z', mitigated_at: '2026-03-02T11:00:00.000Z', resolved_at: '2026-03-02T12:00:00.000Z',
});
// Nothing deployed on cart: unattributed.
const sev2 = makeIncident({ services: ['cart'], severity: 'sev2', impact_started_at: '2026-03-10T08:00:00.000Z' });
// Impact began an hour ago: not in the 48 h backlog yet.
const fresh = makeIncident({ services: ['cart'], severity: 'sev1', impact_started_at: new Date(Date.now() - 3_600_000).toISOString() });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([makeService({ id: 'shop' }), makeService({ id: 'cart' }), human, ai, rollback, sev1, sev2, fresh]));
  for (const role of ['viewer', 'sre', 'admin'] as const) auth[role] = { authorization: `Bearer ${(await createToken(t.db, `${role}-1`, role)).token}` };
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const get = async (url: string) => (await app.inject({ method: 'GET', headers: viewer.headers, url })).json();

describe('GET /api/incidents', () => {
  it('lists incidents newest first with cohort, times and suggested role', async () => {
    const body = await get(`/api/incidents?${PERIOD}`);
    expect(body.total).toBe(2);
    expect(body.incidents.map((i: { id: string }) => i.id)).toEqual([sev2.id, sev1.id]);
    // TTRb ends at the rollback (10:50) − detected 10:35 = 15; restore = mitigated − impact = 30.
    expect(body.incidents[1]).toMatchObject({
      id: sev1.id, source: 'test', cohort: 'ai', ttd: 5, ttrb: 15, restore: 30, resolve: 90, blast_services: 1,
      services: ['shop'], ai_role: null, suggested_role: 'contributory', impact_started_at: '2026-03-02T10:30:00.000Z',
    });
    expect(body.incidents[0]).toMatchObject({ cohort: 'unattributed', suggested_role: 'none', ttd: null });
  });

  it('filters by cohort and pages', async () => {
    expect((await get(`/api/incidents?${PERIOD}&cohort=unattributed`)).incidents.map((i: { id: string }) => i.id)).toEqual([sev2.id]);
    const page = await get(`/api/incidents?${PERIOD}&limit=1&offset=1`);
    expect(page).toMatchObject({ total: 2, incidents: [{ id: sev1.id }] });
  });

  it('names the bad parameter', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/incidents?cohort=robots` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^querystring\.cohort: .*\(ai, human, unknown, unattributed\)$/);
    expect((await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/incidents?limit=0` })).json().error.message).toMatch(/^querystring\.limit: must be >= 1/);
    expect((await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/incidents?offset=-1` })).json().error.message).toMatch(/^querystring\.offset: /);
  });
});

describe('GET /api/incidents/:id', () => {
  it('returns the timeline in order, the links and the blast radius', async () => {
    const body = await get(`/api/incidents/${sev1.id}`);
    expect(body.incident).toMatchObject({ id: sev1.id, title: 'checkout 500s', blast_services: 1, ttrb: 15 });
    expect(body.timeline.map((e: { event: string }) => e.event)).toEqual([
      'linked deployment finished', 'impact started', 'detected', 'rollback finished', 'mitigated', 'resolved',
    ]);
    expect(body.links).toEqual([
      { deployment: ai.id, service: 'shop', rule: 'heuristic', confidence: 0.9, cohort: 'ai', status: 'succeeded', finished_at: '2026-03-02T10:00:00.000Z',
        minutes_before_impact: 30, decision: null, decided_by: null, decision_notes: null,
        why: 'Latest production deployment of shop, 30 min before impact (within 1 h: confidence 0.9).' },
    ]);
    expect(body.suggested_role).toBe('contributory');
  });

  it('answers 404 for an unknown incident', async () => {
    const response = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/incidents/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain('"nope"');
  });
});

describe('POST /api/incidents/:id/links', () => {
  it('needs role sre', async () => {
    const body = { deployment: human.id, decision: 'confirmed' };
    expect((await app.inject({ method: 'POST', url: `/api/incidents/${sev1.id}/links`, payload: body })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `/api/incidents/${sev1.id}/links`, payload: body, headers: auth.viewer })).statusCode).toBe(403);
  });

  it('rejects the heuristic link and confirms another: the incident changes cohort, and it is audited', async () => {
    const reject = await app.inject({ method: 'POST', url: `/api/incidents/${sev1.id}/links`, headers: auth.sre, payload: { deployment: ai.id, decision: 'rejected', notes: 'the AI change was a no-op' } });
    expect(reject.statusCode).toBe(200);
    expect(reject.json().links).toEqual([expect.objectContaining({ deployment: ai.id, confidence: 0, decision: 'rejected' })]);
    expect((await get(`/api/incidents/${sev1.id}`)).incident.cohort).toBe('unattributed');

    const confirm = await app.inject({ method: 'POST', url: `/api/incidents/${sev1.id}/links`, headers: auth.sre, payload: { deployment: human.id, decision: 'confirmed' } });
    expect(confirm.json().links[0]).toMatchObject({ deployment: human.id, rule: 'manual', confidence: 1, decision: 'confirmed' });
    const detail = await get(`/api/incidents/${sev1.id}`);
    expect(detail.incident.cohort).toBe('human');
    expect(detail.suggested_role).toBe('none');

    const log = await t.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id']).where('entity', '=', 'incident').orderBy('id').execute();
    expect(log).toEqual([
      { actor: 'sre-1', action: 'link_rejected', entity_id: sev1.id },
      { actor: 'sre-1', action: 'link_confirmed', entity_id: sev1.id },
    ]);
  });

  it('names an unknown deployment', async () => {
    const response = await app.inject({ method: 'POST', url: `/api/incidents/${sev1.id}/links`, headers: auth.sre, payload: { deployment: 'dep-x', decision: 'confirmed' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^body\.deployment: no deployment/);
  });
});

describe('classification', () => {
  it('refuses a factor outside the vocabulary, naming it', async () => {
    const response = await app.inject({
      method: 'POST', url: `/api/incidents/${sev2.id}/classification`, headers: auth.sre,
      payload: { ai_role: 'none', factors: { ai: ['stale_context', 'vibes'] } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_classification', message: expect.stringMatching(/^factors\.ai\[1\]: unknown factor "vibes"/) });
  });

  it('keeps an append-only history whose latest entry is current, and empties the backlog', async () => {
    // Oldest first. sev1's AI link was rejected above, so nothing suggests an AI role now.
    const whole = await get(`/api/incidents/backlog?${PERIOD}`);
    expect(whole.total).toBe(2);
    const before = whole.backlog;
    expect(before.map((b: { id: string; suggested_role: string }) => [b.id, b.suggested_role])).toEqual([[sev1.id, 'none'], [sev2.id, 'none']]);
    // limit lists the oldest; total still counts them all.
    expect(await get(`/api/incidents/backlog?${PERIOD}&limit=1`)).toMatchObject({ total: 2, backlog: [{ id: sev1.id }] });
    for (const ai_role of ['unknown', 'incidental']) {
      const response = await app.inject({ method: 'POST', url: `/api/incidents/${sev2.id}/classification`, headers: auth.sre, payload: { ai_role, factors: { process: ['no_change_ticket'] }, notes: `now ${ai_role}` } });
      expect(response.statusCode).toBe(201);
    }
    const detail = await get(`/api/incidents/${sev2.id}`);
    expect(detail.classifications.map((c: { ai_role: string }) => c.ai_role)).toEqual(['incidental', 'unknown']);
    expect(detail.classifications[0]).toMatchObject({ classified_by: 'sre-1', factors: { human: [], ai: [], process: ['no_change_ticket'] }, notes: 'now incidental' });
    expect((await get(`/api/incidents?${PERIOD}&cohort=unattributed`)).incidents[0].ai_role).toBe('incidental');
    // The backlog also keeps out the incident that began an hour ago (under 48 h).
    expect(await get('/api/incidents/backlog?from=2026-01-01&to=2027-01-01')).toMatchObject({ total: 1, backlog: [{ id: sev1.id }] });
  });

  it('lets admins extend the factor vocabulary', async () => {
    const payload = { group: 'ai', factor: 'prompt_injection' };
    expect((await app.inject({ method: 'POST', url: '/api/classification/factors', headers: auth.sre, payload })).statusCode).toBe(403);
    const response = await app.inject({ method: 'POST', url: '/api/classification/factors', headers: auth.admin, payload });
    expect(response.json().ai).toContain('prompt_injection');
    expect((await get('/api/classification/factors')).ai).toContain('prompt_injection');
  });
});
