// Signed-in callers for tests: a real user and a real session in the test's database, so a
// test goes through the same auth hook as the web app. For app.inject use `headers`; for a
// browser, `signedInContext` puts the same cookie in a fresh playwright context.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Role } from '../../server/db/api-tokens.repository.ts';
import type { Db } from '../../server/db/connection.ts';
import { createSession, createUser } from '../../server/db/users.repository.ts';
import { SESSION_COOKIE } from '../../server/plugins/auth.ts';

export interface TestSession {
  name: string;
  userId: string;
  role: Role;
  /** The cookie's value. */
  secret: string;
  /** For app.inject: `{ headers: session.headers }`. */
  headers: { cookie: string };
}

let sequence = 0;

/** A new user with `role` (and `password`, when given) and a live session for them. */
export async function signIn(db: Db, role: Role, options: { name?: string; password?: string } = {}): Promise<TestSession> {
  const name = options.name ?? `${role}-${process.pid}-${++sequence}`;
  const user = await createUser(db, { name, role, password: options.password ?? null }, 'cli');
  const { secret } = await createSession(db, user.id);
  return { name, userId: user.id, role, secret, headers: { cookie: `${SESSION_COOKIE}=${secret}` } };
}

/** One session per role, for tests that try each. */
export async function signInEach(db: Db): Promise<Record<Role, TestSession>> {
  return { viewer: await signIn(db, 'viewer'), sre: await signIn(db, 'sre'), admin: await signIn(db, 'admin') };
}

/** The session cookie as playwright's addCookies wants it, for the server at baseUrl. */
export function browserCookie(baseUrl: string, secret: string) {
  return { name: SESSION_COOKIE, value: secret, url: baseUrl, httpOnly: true, sameSite: 'Strict' as const };
}

/** A fresh browser context (own storage) signed in with `session`. */
export async function signedInContext(browser: Browser, baseUrl: string, session: TestSession, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([browserCookie(baseUrl, session.secret)]);
  return context;
}

/** A page in its own signed-in context; closing the page closes the context. */
export async function signedInPage(browser: Browser, baseUrl: string, session: TestSession, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await signedInContext(browser, baseUrl, session, options);
  const page = await context.newPage();
  // The browser may be closing too (afterAll): a context already gone is not an error.
  page.once('close', () => void context.close().catch(() => undefined));
  return page;
}
