// Sign-in in the browser: the first run's one-time link (from a real `sevscope start`), sign
// out, the sign-in page and its way back, what a viewer and an sre see on an incident, and an
// expired session in the middle of a form.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { type TestSession, signIn, signedInPage } from '../support/auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeIncident, makeService, valid } from '../support/factories.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));

let t: TestDatabase;
let fresh: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let viewer: TestSession;
let sre: TestSession;
let started: ChildProcess | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  t = await createTestDatabase();
  fresh = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'checkout-api' }),
    makeIncident({ id: '123', title: 'Checkout errors after a deploy', services: ['checkout-api'], impact_started_at: '2026-02-09T10:30:00.000Z' }),
  ]));
  app = await buildApp({ db: t.db });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  viewer = await signIn(t.db, 'viewer');
  sre = await signIn(t.db, 'sre', { password: 'sre password 1' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  if (started && started.exitCode === null) {
    const exited = new Promise((resolve) => started!.once('exit', resolve));
    started.kill('SIGTERM');
    await exited;
  }
  await browser?.close();
  await app?.close();
  await t?.drop();
  await fresh?.drop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `sevscope start` on the fresh database; resolves to the lines it printed once serving. */
async function startSevscope(): Promise<string[]> {
  const port = await freePort();
  started = spawn(process.execPath, [CLI, 'start'], { env: { ...process.env, DATABASE_URL: fresh.url, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sevscope start printed no sign-in link in time:\n${output}`)), 120_000);
    started!.stdout!.on('data', (chunk) => {
      output += String(chunk);
      if (/sign in as admin.*\n/.test(output)) {
        clearTimeout(timer);
        resolve(output.trim().split('\n'));
      }
    });
    started!.stderr!.on('data', (chunk) => (output += String(chunk)));
    started!.once('exit', (code) => reject(new Error(`sevscope start exited ${code}:\n${output}`)));
  });
}

describe('first run: the one-time link sevscope start prints', () => {
  it('signs in as admin, lands on the dashboard; sign out; the link works once', async () => {
    const lines = await startSevscope();
    const running = lines.find((line) => line.startsWith('sevscope is running at '))!;
    const dashboard = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(running)![1]!;
    const linkLine = lines.find((line) => line.startsWith('sign in as admin'))!;
    expect(linkLine).toMatch(new RegExp(`^sign in as admin with this one-time link \\(valid one hour\\): ${dashboard.replaceAll('.', '\\.')}/sign-in/[\\w-]{43}$`));
    // Beside the dashboard URL: the very next line.
    expect(lines.indexOf(linkLine)).toBe(lines.indexOf(running) + 1);
    const link = linkLine.split(': ').at(-1)!;

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    // The link's page asks for a click (a chat's link preview only GETs it), then lands on the dashboard.
    await page.getByRole('button', { name: 'Sign in as admin' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toMatch(/^admin\s+admin$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'sevscope_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
    expect((await context.cookies()).find((c) => c.name === 'sevscope_session')).toBeUndefined();

    // Signed out: the dashboard sends to the sign-in page, naming the way back.
    await page.goto(`${dashboard}/deployments?domain=search`);
    await expect.poll(() => page.url()).toBe(`${dashboard}/sign-in?next=${encodeURIComponent('/deployments?domain=search')}`);

    const again = await page.goto(link);
    expect(again!.status()).toBe(410);
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await page.locator('body').innerText()).toMatch(/has been used already[\s\S]*sevscope user link NAME/);
    await context.close();
  }, 180_000);
});

describe('roles in the web app', () => {
  it('shows a viewer the follow-ups but no write controls, and the API refuses the write with 403', async () => {
    const page = await signedInPage(browser, baseUrl, viewer);
    await page.goto(`${baseUrl}/incidents/123`);
    await page.getByRole('heading', { name: 'Follow-ups' }).waitFor();
    await expect.poll(() => page.getByText('No follow-up actions yet.').isVisible()).toBe(true);
    expect(await page.getByTestId('signed-in-as').innerText()).toMatch(new RegExp(`^${viewer.name}\\s+viewer$`));
    expect(await page.getByRole('form', { name: 'Add a follow-up' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Add follow-up|done/ }).count()).toBe(0);
    // The same browser, cookie and origin, straight to the API.
    const status = await page.evaluate(() =>
      fetch('/api/incidents/123/follow-ups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x' }) }).then((r) => r.status),
    );
    expect(status).toBe(403);
    await page.close();
  });

  it('lets an sre add a follow-up; an expired session mid-form keeps what was typed, signs in in place, then saves', async () => {
    const page = await signedInPage(browser, baseUrl, sre);
    await page.goto(`${baseUrl}/incidents/123`);
    const form = page.getByRole('form', { name: 'Add a follow-up' });
    await form.waitFor();
    await form.getByLabel('Title').fill('Canary the checkout deploys');
    await form.getByLabel('Owner').fill('team-checkout');
    await form.getByLabel('Due date').fill('2026-03-10');
    await form.getByRole('button', { name: 'Add follow-up' }).click();
    await expect.poll(() => page.getByTestId('follow-ups').innerText()).toMatch(/Canary the checkout deploys\s+team-checkout · due .*10.*2026 · Open/);
    expect(await form.getByLabel('Title').inputValue()).toBe('');

    // The session ends while the next one is being typed.
    await form.getByLabel('Title').fill('Alert on checkout 5xx');
    await form.getByLabel('Owner').fill('alice');
    await t.db.updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', sre.userId).execute();
    await form.getByRole('button', { name: 'Add follow-up' }).click();

    const dialog = page.getByTestId('sign-in-again');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').innerText()).toBe('Your session has ended');
    expect(await dialog.getByLabel('Name').inputValue()).toBe(sre.name);
    await dialog.getByLabel('Password').fill('wrong password');
    await dialog.getByRole('button', { name: 'Sign in and save' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toBe('That name and password do not match a user. Check both and try again.');
    // Underneath, the form still holds what was typed.
    expect(await form.getByLabel('Title').inputValue()).toBe('Alert on checkout 5xx');
    expect(await form.getByLabel('Owner').inputValue()).toBe('alice');

    await dialog.getByLabel('Password').fill('sre password 1');
    await dialog.getByRole('button', { name: 'Sign in and save' }).click();
    await expect.poll(() => page.getByTestId('follow-ups').innerText()).toContain('Alert on checkout 5xx');
    expect(await dialog.count()).toBe(0);
    expect(await form.getByLabel('Title').inputValue()).toBe('');
    const stored = await t.db.selectFrom('follow_ups').select(['title', 'owner', 'created_by']).orderBy('id').execute();
    expect(stored).toEqual([
      { title: 'Canary the checkout deploys', owner: 'team-checkout', created_by: sre.name },
      { title: 'Alert on checkout 5xx', owner: 'alice', created_by: sre.name },
    ]);

    await page.getByRole('button', { name: 'Mark done: “Alert on checkout 5xx”' }).click();
    await expect.poll(() => page.getByTestId('follow-ups').innerText()).toMatch(/Alert on checkout 5xx\s+alice · no due date · Done/);
    await page.close();
  });

  it('the Admin page: add a user, change the role, create a token shown once, revoke it; audited as the admin', async () => {
    const admin = await signIn(t.db, 'admin');
    const page = await signedInPage(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    const addUser = page.getByRole('form', { name: 'Add a user' });
    await addUser.getByLabel('Name').fill('judy');
    await addUser.getByLabel('Role').selectOption('viewer');
    await addUser.getByRole('button', { name: 'Add user' }).click();
    const judy = page.getByTestId('users').getByRole('row', { name: /judy/ });
    await judy.waitFor();
    await judy.getByLabel('Role of judy').selectOption('sre');
    await expect.poll(async () => (await t.db.selectFrom('users').select('role').where('name', '=', 'judy').executeTakeFirst())?.role).toBe('sre');
    // The last admin cannot demote themselves: said in words, and the select shows the role kept.
    const others = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('id', '!=', admin.userId).execute();
    for (const other of others) await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', other.id).execute();
    const me = page.getByTestId('users').getByRole('row', { name: new RegExp(admin.name) });
    await me.getByLabel(`Role of ${admin.name}`).selectOption('viewer');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(`${admin.name} is the only enabled admin; make another admin first`);
    expect(await me.getByLabel(`Role of ${admin.name}`).inputValue()).toBe('admin');

    const addToken = page.getByRole('form', { name: 'Create an API token' });
    await addToken.getByLabel('Name').fill('nightly');
    await addToken.getByLabel('Role').selectOption('sre');
    await addToken.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('shown-once');
    await expect.poll(() => shown.innerText()).toMatch(/API token for nightly \(sre\)[\s\S]*shown only this once[\s\S]*sev_[\w-]{32}/);
    const token = (await shown.locator('code').innerText()).trim();
    const check = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(check.json()).toEqual({ name: 'nightly', role: 'sre', via: 'token' });
    await page.getByRole('button', { name: 'Revoke nightly' }).click();
    await expect.poll(() => page.getByTestId('tokens').getByRole('row', { name: /nightly/ }).innerText()).toContain('revoked');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    const audited = await t.db.selectFrom('audit_log').select(['actor', 'entity', 'action']).where('user_id', '=', admin.userId).orderBy('id').execute();
    expect(audited).toEqual([
      { actor: admin.name, entity: 'user', action: 'create' },
      { actor: admin.name, entity: 'user', action: 'update' },
      { actor: admin.name, entity: 'api_token', action: 'create' },
      { actor: admin.name, entity: 'api_token', action: 'revoke' },
    ]);
    await page.close();

    // A viewer has no Admin link, and the page says whose it is.
    const viewerPage = await signedInPage(browser, baseUrl, viewer);
    await viewerPage.goto(`${baseUrl}/admin`);
    await expect.poll(() => viewerPage.getByRole('alert').innerText()).toMatch(/This page is for admins\.\s+Your role is viewer/);
    expect(await viewerPage.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await viewerPage.close();
  });

  it('the sign-in page: a wrong password said in words, then back to the page that asked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/incidents/123`);
    // The app asks who is signed in, then redirects: seconds on a loaded machine, not one.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/incidents/123');
    await page.getByLabel('Name').fill(sre.name);
    await page.getByLabel('Password').fill('not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('That name and password do not match a user. Check both and try again.');
    await page.getByLabel('Password').fill('sre password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/incidents/123');
    await page.getByRole('heading', { name: 'Checkout errors after a deploy' }).waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toMatch(new RegExp(`^${sre.name}\\s+sre$`));
    await context.close();
  });
});
