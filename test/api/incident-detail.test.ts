// GET /api/incidents/:id as the incident page reads it: each link's reason, the nearby
// deployments of its services, the controls its deployments skipped and who made them, the
// suggested role in words; and GET /api/deployments?q= (the page's link picker).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
let sre: TestSession;

const IMPACT = '2026-03-02T10:30:00.000Z';
const minutesBefore = (minutes: number) => new Date(Date.parse(IMPACT) - minutes * 60_000).toISOString();
// An AI-assisted change by alice, approved by nobody but herself, without a ticket.
const change = makeChange({ service: 'shop', author: 'alice', approvers: ['alice'], change_ticket: null, checks_passed: true, ai: AI });
const aiDeploy = makeDeployment({ service: 'shop', ai: AI, changes: [change.id], actor: 'deploy-bot', actor_type: 'automation', version: 'v2.3.0', finished_at: minutesBefore(42) });
// Older, 30 h before: outside the default 24 h window, inside 48 h.
const older = makeDeployment({ service: 'shop', ai: HUMAN, version: 'v2.2.9', finished_at: minutesBefore(30 * 60) });
const earlier = makeDeployment({ service: 'shop', ai: HUMAN, version: 'v2.2.10', finished_at: minutesBefore(5 * 60) });
const staging = makeDeployment({ service: 'shop', environment: 'staging', ai: AI, finished_at: minutesBefore(10) });
const otherService = makeDeployment({ service: 'cart', ai: HUMAN, finished_at: minutesBefore(20) });
const incident = makeIncident({ services: ['shop'], severity: 'sev1', impact_started_at: IMPACT, detected_at: '2026-03-02T10:40:00.000Z', resolved_at: '2026-03-02T12:00:00.000Z' });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', tier: 1 }), makeService({ id: 'cart', tier: 2, high_risk: false }),
    change, aiDeploy, older, earlier, staging, otherService, incident,
  ]));
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
  sre = await signIn(t.db, 'sre');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url });
  expect(response.statusCode).toBe(200);
  return response.json();
};

describe('GET /api/incidents/:id for the incident page', () => {
  it('explains the link in words and suggests a role, saying why', async () => {
    const body = await get(`/api/incidents/${incident.id}`);
    expect(body.links).toHaveLength(1);
    expect(body.links[0]).toMatchObject({
      deployment: aiDeploy.id, rule: 'heuristic', confidence: 0.9, minutes_before_impact: 42,
      why: 'Latest production deployment of shop, 42 min before impact (within 1 h: confidence 0.9).',
    });
    expect(body.suggested_role).toBe('contributory');
    expect(body.suggestion_reason).toBe(`AI-assisted deployment ${aiDeploy.id} is linked at confidence 0.9, at least 0.7.`);
  });

  it("lists its services' production deployments of the window, newest first; nearby_hours widens it", async () => {
    const body = await get(`/api/incidents/${incident.id}`);
    expect(body.nearby_hours).toBe(24);
    // Not staging (not production), not cart (not affected), not the one 30 h before.
    expect(body.nearby_deployments.map((d: { id: string }) => d.id)).toEqual([aiDeploy.id, earlier.id]);
    expect(body.nearby_deployments[0]).toMatchObject({ service: 'shop', cohort: 'ai', linked: true, at: minutesBefore(42) });
    expect(body.nearby_deployments[1]).toMatchObject({ cohort: 'human', linked: false });
    const wider = await get(`/api/incidents/${incident.id}?nearby_hours=48`);
    expect(wider.nearby_deployments.map((d: { id: string }) => d.id)).toEqual([aiDeploy.id, earlier.id, older.id]);
    const refused = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/incidents/${incident.id}?nearby_hours=1000` });
    expect(refused.statusCode).toBe(400);
  });

  it('names the controls the linked deployment skipped and the people involved', async () => {
    const body = await get(`/api/incidents/${incident.id}`);
    // Self-approved (two_person_review) and no ticket (change_documentation); checks passed.
    expect(body.skipped_controls).toEqual([
      { control: 'two_person_review', deployment: aiDeploy.id, change: change.id, service: 'shop', authors: ['alice'], approvers: ['alice'] },
      { control: 'change_documentation', deployment: aiDeploy.id, change: change.id, service: 'shop', authors: ['alice'], approvers: ['alice'] },
    ]);
    expect(body.people).toEqual({ authors: ['alice'], approvers: ['alice'], operators: [{ name: 'deploy-bot', type: 'automation' }] });
  });

  it('after an SRE rejects the link, says who did and why; nothing is suggested any more', async () => {
    const response = await app.inject({
      method: 'POST', url: `/api/incidents/${incident.id}/links`, headers: sre.headers,
      payload: { deployment: aiDeploy.id, decision: 'rejected', notes: 'config only' },
    });
    expect(response.statusCode).toBe(200);
    const [link] = response.json().links;
    expect(link).toMatchObject({ confidence: 0, decision: 'rejected', decided_by: sre.name, decision_notes: 'config only' });
    expect(link.why).toBe(`Rejected by ${sre.name} (“config only”): ignored by every metric. Deployed to shop 42 min before impact.`);
    const body = await get(`/api/incidents/${incident.id}`);
    expect(body.suggested_role).toBe('none');
    expect(body.suggestion_reason).toBe('No AI-assisted deployment is linked at confidence 0.7 or more.');
    expect(body.skipped_controls).toEqual([]);
  });
});

describe('GET /api/deployments?q=', () => {
  it('keeps deployments whose id, version or service contains the text, in any case', async () => {
    const ids = async (query: string) => (await get(`/api/deployments?from=2026-03-01&to=2026-03-03&${query}`)).deployments.map((d: { id: string }) => d.id).sort();
    expect(await ids('q=V2.2')).toEqual([older.id, earlier.id].sort());
    expect(await ids('q=car')).toEqual([otherService.id]);
    expect(await ids(`q=${aiDeploy.id}&service=shop`)).toEqual([aiDeploy.id]);
    // % and _ are text, not wildcards.
    expect(await ids('q=%25')).toEqual([]);
  });
});
