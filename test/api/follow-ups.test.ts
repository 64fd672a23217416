// Changing a follow-up's owner and due date through PATCH /api/follow-ups/:id, as the incident
// page's inline edit does: role sre, only what is sent changes, refusals name the field, audited
// with the values before.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signInEach } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let as: Record<'viewer' | 'sre' | 'admin', TestSession>;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'checkout-api' }),
    makeIncident({ id: 'INC-1', title: 'Checkout errors', services: ['checkout-api'], impact_started_at: '2026-03-02T10:00:00.000Z' }),
  ]));
  app = await buildApp({ db: t.db });
  as = await signInEach(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const patch = (id: string, payload: object, session: TestSession = as.sre) => app.inject({ method: 'PATCH', url: `/api/follow-ups/${id}`, headers: session.headers, payload });
const listed = async () => (await app.inject({ method: 'GET', url: '/api/incidents/INC-1/follow-ups', headers: as.viewer.headers })).json().follow_ups;

describe('editing a follow-up’s owner and due date', () => {
  it('changes only the fields sent, clears them with null, and lists the new values', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/incidents/INC-1/follow-ups', headers: as.sre.headers, payload: { title: 'Canary checkout', owner: 'alice', due_date: '2026-03-10' } })).json();

    const moved = await patch(created.id, { owner: 'bob', due_date: '2026-03-24' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ title: 'Canary checkout', owner: 'bob', due_date: '2026-03-24', status: 'open', created_by: as.sre.name, updated_by: as.sre.name });

    // The due date alone: the owner stays.
    expect((await patch(created.id, { due_date: '2026-04-01' })).json()).toMatchObject({ owner: 'bob', due_date: '2026-04-01' });
    expect(await listed()).toMatchObject([{ id: created.id, owner: 'bob', due_date: '2026-04-01' }]);

    const cleared = await patch(created.id, { owner: null, due_date: null });
    expect(cleared.json()).toMatchObject({ owner: null, due_date: null, status: 'open' });
    // An empty owner is no owner (the schema reads '' as null), never an owner named ''.
    expect((await patch(created.id, { owner: 'erin' })).json().owner).toBe('erin');
    expect((await patch(created.id, { owner: '' })).json().owner).toBeNull();

    const rows = await t.db.selectFrom('audit_log').select(['actor', 'action', 'details']).where('entity', '=', 'follow_up').where('entity_id', '=', created.id).orderBy('id').execute();
    expect(rows.map((row) => [row.actor, row.action])).toEqual([[as.sre.name, 'create'], ...Array(5).fill([as.sre.name, 'update'])]);
    expect(rows[1]!.details).toEqual({ before: { title: 'Canary checkout', owner: 'alice', due_date: '2026-03-10', status: 'open' }, changes: { owner: 'bob', due_date: '2026-03-24' } });
    expect(rows[3]!.details).toEqual({ before: { title: 'Canary checkout', owner: 'bob', due_date: '2026-04-01', status: 'open' }, changes: { owner: null, due_date: null } });
  });

  it('refuses a bad owner or due date with a 400 naming the field, and a viewer with a 403, changing nothing', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/incidents/INC-1/follow-ups', headers: as.sre.headers, payload: { title: 'Runbook', owner: 'carol', due_date: '2026-05-01' } })).json();

    const badDay = await patch(created.id, { due_date: '2026-02-30' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.message).toMatch(/^body\.due_date: /);
    const longOwner = await patch(created.id, { owner: 'x'.repeat(201) });
    expect(longOwner.statusCode).toBe(400);
    expect(longOwner.json().error.message).toMatch(/^body\.owner: /);

    const viewer = await patch(created.id, { owner: 'mallory' }, as.viewer);
    expect(viewer.statusCode).toBe(403);
    expect((await patch('999999', { owner: 'dave' })).statusCode).toBe(404);

    const stored = await t.db.selectFrom('follow_ups').select(['owner', 'updated_by']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ owner: 'carol', updated_by: as.sre.name });
    const updates = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'follow_up').where('entity_id', '=', created.id).where('action', '=', 'update').execute();
    expect(updates).toEqual([]);
  });
});
