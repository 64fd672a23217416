// Sign-in and roles through the real hook: sessions, tokens, the one-time links, the Admin
// page's API and the follow-ups API, each change audited.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/db/api-tokens.repository.ts';
import { MAX_FAILURES, createSignInLink, createUser } from '../../server/db/users.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn, signInEach } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let as: Record<'viewer' | 'sre' | 'admin', TestSession>;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'checkout-api' }),
    makeIncident({ id: 'INC-7', title: 'Checkout errors', services: ['checkout-api'], impact_started_at: '2026-03-02T10:00:00.000Z' }),
    makeIncident({ id: 'INC-8', title: 'Search slow', services: ['checkout-api'], impact_started_at: '2026-03-03T10:00:00.000Z' }),
  ]));
  app = await buildApp({ db: t.db });
  as = await signInEach(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const sessionCookie = (response: { cookies: { name: string; value: string }[] }) => response.cookies.find((c) => c.name === 'sevscope_session');
const auditRows = (entity: string) =>
  t.db.selectFrom('audit_log').select(['actor', 'user_id', 'token_id', 'action', 'entity_id', 'details']).where('entity', '=', entity).orderBy('id').execute();

describe('who may call the API', () => {
  it('answers an anonymous read with 401 and a JSON error, and health without sign-in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/incidents' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: 'sign in, or send an API token with role viewer or higher (Authorization: Bearer …)' } });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    // A URL no route has stays a 404, signed in or not.
    expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
  });

  it('lets a viewer read, refuses a viewer\'s write with 403, and lets an sre write', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/incidents', headers: as.viewer.headers })).json().total).toBe(2);
    const payload = { title: 'Add a canary for checkout' };
    const forbidden = await app.inject({ method: 'POST', url: '/api/incidents/INC-7/follow-ups', headers: as.viewer.headers, payload });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toEqual({ code: 'forbidden', message: `this needs role sre; ${as.viewer.name} has role viewer` });
    const created = await app.inject({ method: 'POST', url: '/api/incidents/INC-7/follow-ups', headers: as.sre.headers, payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ title: 'Add a canary for checkout', status: 'open', owner: null, due_date: null, created_by: as.sre.name });
  });

  it('keeps API tokens working, and a revoked one stops at once', async () => {
    const { id, token } = await createToken(t.db, 'weekly-script', 'viewer');
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).json()).toEqual({ name: 'weekly-script', role: 'viewer', via: 'token' });
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/tokens/${id}`, headers: as.admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/incidents', headers })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const headers = { ...as.sre.headers, origin: 'https://evil.example' };
    const response = await app.inject({ method: 'POST', url: '/api/incidents/INC-8/follow-ups', headers, payload: { title: 'x' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_origin');
    const sameOrigin = await app.inject({ method: 'POST', url: '/api/incidents/INC-8/follow-ups', headers: { ...as.sre.headers, origin: 'http://localhost:80', host: 'localhost:80' }, payload: { title: 'y' } });
    expect(sameOrigin.statusCode).toBe(201);
    expect(response.json().error.message).toBe(
      'a request that changes data must come from the sevscope app itself: Origin https://evil.example is not http://localhost:80; behind a proxy, set SEVSCOPE_TRUST_PROXY or SEVSCOPE_PUBLIC_URL',
    );
    const crossSite = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'sec-fetch-site': 'cross-site' }, payload: { name: 'a', password: 'b' } });
    expect(crossSite.statusCode).toBe(403);
    // Behind a proxy that rewrites Host, the public URL's origin is this app too.
    const proxied = await buildApp({ db: t.db, serveWeb: false, publicUrl: 'https://sevscope.example/' });
    try {
      const fromPublic = await proxied.inject({ method: 'POST', url: '/api/incidents/INC-8/follow-ups', headers: { ...as.sre.headers, origin: 'https://sevscope.example' }, payload: { title: 'z' } });
      expect(fromPublic.statusCode).toBe(201);
      await t.db.deleteFrom('follow_ups').where('title', '=', 'z').execute();
    } finally {
      await proxied.close();
    }
  });
});

describe('sign-in, sign-out and expiry', () => {
  it('signs in with name and password: an HttpOnly, SameSite=Strict cookie, not Secure over plain HTTP', async () => {
    await createUser(t.db, { name: 'carol', role: 'sre', password: 'correct horse battery' }, 'cli');
    const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'carol', password: 'correct horse battery' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'carol', role: 'sre', via: 'session' });
    const cookie = sessionCookie(response)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((cookie as { secure?: boolean }).secure).toBeUndefined();
    // Only the hash is stored.
    const stored = await t.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((row) => row.id)).not.toContain(cookie.value);

    const headers = { cookie: `sevscope_session=${cookie.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).json()).toEqual({ name: 'carol', role: 'sre', via: 'session' });
    const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)?.value).toBe('');
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('session_expired');
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await buildApp({ db: t.db, serveWeb: false, trustProxy: true });
    try {
      await createUser(t.db, { name: 'dave', role: 'viewer', password: 'a long password' }, 'cli');
      const response = await proxied.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { name: 'dave', password: 'a long password' } });
      expect(sessionCookie(response)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await proxied.close();
    }
  });

  it('gives one message for a wrong password and an unknown name, and throttles repeated failures', async () => {
    await createUser(t.db, { name: 'erin', role: 'viewer', password: 'erin password 1' }, 'cli');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'erin', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'nobody', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('the name or the password is not right');
    for (let k = 1; k < MAX_FAILURES; k++) await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'erin', password: 'nope' } });
    // Now even the right password waits: the throttle does not tell which guess was right.
    const throttled = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'erin', password: 'erin password 1' } });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.message).toBe('too many failed sign-ins for this name; try again in 15 minutes');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(14 * 60);
    await t.db.updateTable('sign_in_failures').set({ last_at: sql<Date>`now() - interval '16 minutes'` }).where('name', '=', 'erin').execute();
    expect((await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'erin', password: 'erin password 1' } })).statusCode).toBe(200);
  });

  it('ends a session after its idle time and slides it on use', async () => {
    const session = await signIn(t.db, 'viewer');
    const ok = await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(ok.statusCode).toBe(200);
    // Seen two minutes ago: a request pushes the end out again (sliding expiry).
    await t.db.updateTable('sessions').set({ last_seen_at: sql<Date>`now() - interval '2 minutes'`, expires_at: sql<Date>`now() + interval '1 minute'` }).where('user_id', '=', session.userId).execute();
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    const slid = await t.db.selectFrom('sessions').select(sql<number>`extract(epoch FROM expires_at - now())`.as('left')).where('user_id', '=', session.userId).executeTakeFirstOrThrow();
    expect(Number(slid.left)).toBeGreaterThan(11.9 * 3600);

    await t.db.updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', session.userId).execute();
    const expired = await app.inject({ method: 'GET', url: '/api/incidents', headers: session.headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toEqual({ code: 'session_expired', message: 'your session has ended; sign in again' });
  });
});

describe('one-time sign-in links', () => {
  it('signs in once, on the button its page shows, then says the link was used and how to get another', async () => {
    const user = await createUser(t.db, { name: 'frank', role: 'admin', password: null }, 'cli');
    const { token } = await createSignInLink(t.db, user.id, 'cli');
    // GET (a chat client's link preview, or the person) only shows the button: the link stays good.
    for (let i = 0; i < 2; i++) {
      const preview = await app.inject({ method: 'GET', url: `/sign-in/${token}` });
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['referrer-policy']).toBe('same-origin');
      expect(preview.body).toContain('Sign in as frank');
      expect(preview.body).toContain(`<form method="post" action="/sign-in/${token}">`);
      expect(sessionCookie(preview)).toBeUndefined();
    }
    // A POST from another site is refused and does not use the link up.
    const forged = await app.inject({ method: 'POST', url: `/sign-in/${token}`, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(forged.statusCode).toBe(403);
    expect(sessionCookie(forged)).toBeUndefined();
    const first = await app.inject({ method: 'POST', url: `/sign-in/${token}` });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = sessionCookie(first)!;
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sevscope_session=${cookie.value}` } })).json()).toEqual({ name: 'frank', role: 'admin', via: 'session' });

    expect((await app.inject({ method: 'GET', url: `/sign-in/${token}` })).body).toContain('This sign-in link has been used already');
    const again = await app.inject({ method: 'POST', url: `/sign-in/${token}` });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toMatch(/^text\/html/);
    expect(again.body).toContain('This sign-in link has been used already');
    expect(again.body).toContain('sevscope user link NAME');
    expect(sessionCookie(again)).toBeUndefined();
  });

  it('refuses an expired link and an unknown one', async () => {
    const user = await createUser(t.db, { name: 'grace', role: 'viewer', password: null }, 'cli');
    const { token, expiresAt } = await createSignInLink(t.db, user.id, 'cli');
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    await t.db.updateTable('sign_in_links').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', user.id).execute();
    for (const method of ['GET', 'POST'] as const) {
      const expired = await app.inject({ method, url: `/sign-in/${token}` });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('This sign-in link has expired');
    }
    expect((await app.inject({ method: 'GET', url: '/sign-in/not-a-link' })).body).toContain('This sign-in link is not valid');
  });
});

describe('Admin API', () => {
  it('is for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/users', headers: as.sre.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/users' })).statusCode).toBe(401);
  });

  it('creates a user, changes the role, disables them (ending their sessions), each audited as the admin', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/users', headers: as.admin.headers, payload: { name: 'heidi', role: 'viewer', password: 'heidi password' } });
    expect(created.statusCode).toBe(201);
    const heidi = created.json();
    expect(heidi).toMatchObject({ name: 'heidi', role: 'viewer', has_password: true, disabled_at: null });
    expect((await app.inject({ method: 'POST', url: '/api/admin/users', headers: as.admin.headers, payload: { name: 'heidi', role: 'sre' } })).statusCode).toBe(409);

    const promoted = await app.inject({ method: 'PATCH', url: `/api/admin/users/${heidi.id}`, headers: as.admin.headers, payload: { role: 'sre' } });
    expect(promoted.json().role).toBe('sre');
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'heidi', password: 'heidi password' } });
    const headers = { cookie: `sevscope_session=${sessionCookie(signedIn)!.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).json().role).toBe('sre');

    const disabled = await app.inject({ method: 'PATCH', url: `/api/admin/users/${heidi.id}`, headers: as.admin.headers, payload: { disabled: true } });
    expect(disabled.json().disabled_at).not.toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name: 'heidi', password: 'heidi password' } })).statusCode).toBe(401);

    const rows = (await auditRows('user')).filter((row) => row.entity_id === heidi.id);
    expect(rows.map((row) => [row.actor, row.user_id, row.action, row.details])).toEqual([
      [as.admin.name, as.admin.userId, 'create', { name: 'heidi', role: 'viewer' }],
      [as.admin.name, as.admin.userId, 'update', { name: 'heidi', role: { from: 'viewer', to: 'sre' } }],
      [as.admin.name, as.admin.userId, 'update', { name: 'heidi', disabled: true }],
    ]);
    expect(JSON.stringify(await auditRows('user'))).not.toContain('heidi password');
  });

  it('will not disable or demote the last enabled admin', async () => {
    const lone = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    // Every admin but the test's own is disabled first, so it is the last one.
    for (const { id } of lone) if (id !== as.admin.userId) await app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: as.admin.headers, payload: { disabled: true } });
    const response = await app.inject({ method: 'PATCH', url: `/api/admin/users/${as.admin.userId}`, headers: as.admin.headers, payload: { role: 'viewer' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('last_admin');
  });

  it('gives a one-time link for a user', async () => {
    const user = await createUser(t.db, { name: 'ivan', role: 'viewer', password: null }, 'cli');
    const response = await app.inject({ method: 'POST', url: `/api/admin/users/${user.id}/sign-in-link`, headers: as.admin.headers });
    expect(response.statusCode).toBe(201);
    const { url } = response.json();
    expect(url).toMatch(/^http:\/\/localhost:80\/sign-in\/[A-Za-z0-9_-]{43}$/);
    const used = await app.inject({ method: 'POST', url: new URL(url).pathname });
    expect(used.statusCode).toBe(303);
  });

  it('creates a token shown once, lists tokens without it, revokes one; audited', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/tokens', headers: as.admin.headers, payload: { name: 'ci', role: 'sre' } });
    expect(created.statusCode).toBe(201);
    const token = created.json();
    expect(token).toMatchObject({ name: 'ci', role: 'sre', revoked_at: null });
    expect(token.token).toMatch(/^sev_/);
    const list = (await app.inject({ method: 'GET', url: '/api/admin/tokens', headers: as.admin.headers })).json();
    const listed = list.tokens.find((row: { id: string }) => row.id === token.id);
    expect(listed).toEqual({ id: token.id, name: 'ci', role: 'sre', created_at: token.created_at, last_used_at: null, revoked_at: null });
    expect(JSON.stringify(list)).not.toContain(token.token);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/admin/tokens/${token.id}`, headers: as.admin.headers });
    expect(revoked.json().revoked_at).not.toBeNull();
    expect((await app.inject({ method: 'DELETE', url: '/api/admin/tokens/999999', headers: as.admin.headers })).statusCode).toBe(404);
    const rows = (await auditRows('api_token')).filter((row) => row.entity_id === token.id);
    expect(rows.map((row) => [row.actor, row.action])).toEqual([[as.admin.name, 'create'], [as.admin.name, 'revoke']]);
  });
});

describe('a token in use', () => {
  it('records its last use at most once a minute, so requests do not each write its row', async () => {
    const { id, token } = await createToken(t.db, 'poller', 'viewer');
    const lastUsed = async () => (await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
    const get = () => app.inject({ method: 'GET', url: '/api/jobs', headers: { authorization: `Bearer ${token}` } });
    expect((await get()).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await Promise.all([get(), get(), get()]);
    expect(await lastUsed()).toEqual(first);

    // A minute later the next request writes it again.
    await t.db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now() - interval '61 seconds'` }).where('id', '=', id).execute();
    const old = await lastUsed();
    expect((await get()).statusCode).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old!.getTime() + 60_000);
  });
});

describe('follow-ups API', () => {
  it('creates, changes and lists what is due or overdue; audited with the before', async () => {
    const post = (incident: string, payload: object) => app.inject({ method: 'POST', url: `/api/incidents/${incident}/follow-ups`, headers: as.sre.headers, payload });
    const due = (await post('INC-8', { title: 'Rate-limit the search fan-out', owner: 'team-search', due_date: '2026-03-10' })).json();
    const later = (await post('INC-8', { title: 'Runbook for search', due_date: '2026-04-30' })).json();
    const overdue = (await post('INC-7', { title: 'Alert on checkout 5xx', owner: 'alice', due_date: '2026-03-05' })).json();
    expect(due.incident).toEqual({ id: 'INC-8', source: 'test', title: 'Search slow' });
    expect((await post('INC-404', { title: 'x' })).statusCode).toBe(404);
    expect((await post('INC-7', { title: 'x', due_date: '2026-02-30' })).statusCode).toBe(400);
    expect((await post('INC-7', { title: 'x', status: 'maybe' })).statusCode).toBe(400);

    const listed = (await app.inject({ method: 'GET', url: '/api/incidents/INC-8/follow-ups', headers: as.viewer.headers })).json();
    expect(listed.follow_ups.map((f: { title: string }) => f.title)).toEqual(['y', 'Rate-limit the search fan-out', 'Runbook for search']);

    const done = await app.inject({ method: 'PATCH', url: `/api/follow-ups/${overdue.id}`, headers: as.viewer.headers, payload: { status: 'done' } });
    expect(done.statusCode).toBe(403);
    const weekly = async () =>
      (await app.inject({ method: 'GET', url: '/api/follow-ups?status=open&due_before=2026-03-15', headers: as.viewer.headers })).json().follow_ups.map((f: { id: string }) => f.id);
    expect(await weekly()).toEqual([overdue.id, due.id]);

    const changed = await app.inject({ method: 'PATCH', url: `/api/follow-ups/${overdue.id}`, headers: as.sre.headers, payload: { status: 'done', owner: 'bob' } });
    expect(changed.json()).toMatchObject({ status: 'done', owner: 'bob', updated_by: as.sre.name, created_by: as.sre.name, due_date: '2026-03-05' });
    expect(await weekly()).toEqual([due.id]);
    expect(later.id).not.toBe(due.id);
    expect((await app.inject({ method: 'PATCH', url: '/api/follow-ups/999999', headers: as.sre.headers, payload: { status: 'done' } })).statusCode).toBe(404);

    const rows = (await auditRows('follow_up')).filter((row) => row.entity_id === overdue.id);
    expect(rows.map((row) => [row.actor, row.action])).toEqual([[as.sre.name, 'create'], [as.sre.name, 'update']]);
    expect(rows[1]!.details).toEqual({ before: { title: 'Alert on checkout 5xx', owner: 'alice', due_date: '2026-03-05', status: 'open' }, changes: { status: 'done', owner: 'bob' } });
  });
});
