// Local users, server-side sessions and one-time sign-in links (docs/api.md "Sign-in").
// Session and link secrets travel only to the browser; the database keeps their SHA-256, so
// a leaked database holds nothing that signs anyone in.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { type Principal, type Role, TOUCH_EVERY_MS } from './api-tokens.repository.ts';
import { audit } from './audit-log.repository.ts';
import type { Db } from './connection.ts';

export interface User {
  id: string;
  name: string;
  role: Role;
  has_password: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
  disabled_at: Date | null;
}

/**
 * Sliding expiry: every request made with a session pushes its end to now + SESSION_IDLE_MS,
 * but never past SESSION_MAX_MS after sign-in, so a stolen cookie does not live forever.
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
export const SIGN_IN_LINK_MS = 60 * 60 * 1000;
/** After this many failures in THROTTLE_WINDOW_MS a name is refused until the window passes. */
export const MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

const USER_COLUMNS = [
  'id',
  'name',
  'role',
  sql<boolean>`password_hash IS NOT NULL`.as('has_password'),
  'created_at',
  'last_sign_in_at',
  'disabled_at',
] as const;

export const hashPassword = (password: string) => hash(password);

export class UserExistsError extends Error {}

export async function createUser(db: Db, input: { name: string; role: Role; password: string | null }, actor: Principal | 'cli'): Promise<User> {
  const password_hash = input.password === null ? null : await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('users')
      .values({ name: input.name, role: input.role, password_hash })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(USER_COLUMNS)
      .executeTakeFirst();
    if (!row) throw new UserExistsError(`a user named ${JSON.stringify(input.name)} exists`);
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: row.id, details: { name: row.name, role: row.role } });
    return row;
  });
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy('name').execute();
}

export async function findUser(db: Db, by: { id: string } | { name: string }): Promise<User | null> {
  const query = db.selectFrom('users').select(USER_COLUMNS);
  const row = await ('id' in by ? query.where('id', '=', by.id) : query.where('name', '=', by.name)).executeTakeFirst();
  return row ?? null;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserChanges {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** Changes a user; disabling also ends their sessions and unused links. Null when no such user. */
export async function updateUser(db: Db, id: string, changes: UserChanges, actor: Principal | 'cli'): Promise<User | null> {
  const password_hash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) return null;
    const row = await tx
      .updateTable('users')
      .set({
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(password_hash === undefined ? {} : { password_hash }),
        ...(changes.disabled === undefined ? {} : { disabled_at: changes.disabled ? (before.disabled_at ?? new Date()) : null }),
      })
      .where('id', '=', id)
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    if (changes.disabled) {
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await tx.updateTable('sign_in_links').set({ used_at: new Date() }).where('user_id', '=', id).where('used_at', 'is', null).execute();
    }
    // The audit row names what changed, never the password itself.
    const details: Record<string, unknown> = { name: row.name };
    if (changes.role !== undefined) details.role = { from: before.role, to: row.role };
    if (changes.disabled !== undefined) details.disabled = changes.disabled;
    if (changes.password !== undefined) details.password = 'changed';
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, details });
    return row;
  });
}

// Checked when the name is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export type SignInResult = { ok: true; user: User } | { ok: false; retryAfterSeconds: number | null };

/** Checks a name and password; repeated failures for a name throttle it for a while. */
export async function checkPassword(db: Db, name: string, password: string): Promise<SignInResult> {
  const throttled = await db
    .selectFrom('sign_in_failures')
    .select(sql<number>`ceil(extract(epoch FROM last_at + ${`${THROTTLE_WINDOW_MS} milliseconds`}::interval - now()))::int`.as('wait'))
    .where('name', '=', name)
    .where('failures', '>=', MAX_FAILURES)
    .where('last_at', '>', sql<Date>`now() - ${`${THROTTLE_WINDOW_MS} milliseconds`}::interval`)
    .executeTakeFirst();
  if (throttled) return { ok: false, retryAfterSeconds: Math.max(1, throttled.wait) };

  const row = await db.selectFrom('users').select('id').select('password_hash').where('name', '=', name).where('disabled_at', 'is', null).executeTakeFirst();
  dummyHash ??= hashPassword(secret());
  const stored = row?.password_hash ?? (await dummyHash);
  const matches = await verify(stored, password).catch(() => false);
  if (row?.password_hash && matches) {
    await db.deleteFrom('sign_in_failures').where('name', '=', name).execute();
    return { ok: true, user: (await findUser(db, { id: row.id }))! };
  }
  // Counters past the window mean nothing any more: sweep them, so guessed names do not pile up.
  await db.deleteFrom('sign_in_failures').where('last_at', '<', sql<Date>`now() - ${`${THROTTLE_WINDOW_MS} milliseconds`}::interval`).execute();
  await sql`
    INSERT INTO sign_in_failures (name, failures, last_at) VALUES (${name}, 1, now())
    ON CONFLICT (name) DO UPDATE SET
      failures = CASE WHEN sign_in_failures.last_at > now() - ${`${THROTTLE_WINDOW_MS} milliseconds`}::interval
                      THEN sign_in_failures.failures + 1 ELSE 1 END,
      last_at = now()`.execute(db);
  return { ok: false, retryAfterSeconds: null };
}

/** Starts a session for a user; returns the cookie's secret (only its hash is stored). */
export async function createSession(db: Db, userId: string, now = new Date()): Promise<{ secret: string; expiresAt: Date }> {
  const value = secret();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  // Ended sessions are swept at sign-in and sign-out rather than by a timer.
  await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).execute();
  await db.insertInto('sessions').values({ id: sha256(value), user_id: userId, created_at: now, last_seen_at: now, expires_at: expiresAt }).execute();
  await db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).execute();
  return { secret: value, expiresAt };
}

/** The principal of a live session of an enabled user, sliding its expiry; null otherwise. */
export async function findSessionPrincipal(db: Db, sessionSecret: string): Promise<Principal | null> {
  const id = sha256(sessionSecret);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id as user_id', 'users.name', 'users.role', 'sessions.created_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const expires = Math.min(now + SESSION_IDLE_MS, row.created_at.getTime() + SESSION_MAX_MS);
    await db.updateTable('sessions').set({ last_seen_at: new Date(now), expires_at: new Date(expires) }).where('id', '=', id).execute();
  }
  return { kind: 'session', tokenId: null, userId: row.user_id, name: row.name, role: row.role };
}

export async function deleteSession(db: Db, sessionSecret: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(sessionSecret)).execute();
  await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).execute();
}

/** A one-time sign-in link's secret for a user, valid SIGN_IN_LINK_MS; audited. */
export async function createSignInLink(db: Db, userId: string, actor: Principal | 'cli'): Promise<{ token: string; expiresAt: Date }> {
  const token = secret();
  const expiresAt = new Date(Date.now() + SIGN_IN_LINK_MS);
  await db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('sign_in_links').values({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'sign_in_link', entityId: row.id, details: { user_id: userId, expires_at: expiresAt.toISOString() } });
  });
  return { token, expiresAt };
}

export type LinkResult = { ok: true; userId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'disabled' };

/** Uses up a sign-in link: the first request wins, every later one is told it was used. */
export async function consumeSignInLink(db: Db, token: string): Promise<LinkResult> {
  const tokenHash = sha256(token);
  const used = await db
    .updateTable('sign_in_links')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where(({ exists, selectFrom }) => exists(selectFrom('users').select('id').whereRef('users.id', '=', 'sign_in_links.user_id').where('disabled_at', 'is', null)))
    .returning('user_id')
    .executeTakeFirst();
  if (used) return { ok: true, userId: used.user_id };
  const state = await signInLinkState(db, token);
  return state.ok ? { ok: false, reason: 'used' } : state; // used by a concurrent request just now
}

/** Whether a sign-in link would sign in, and as whom, without using it up (the confirmation page). */
export async function signInLinkState(db: Db, token: string): Promise<{ ok: true; name: string } | { ok: false; reason: Exclude<LinkResult, { ok: true }>['reason'] }> {
  const row = await db
    .selectFrom('sign_in_links')
    .innerJoin('users', 'users.id', 'sign_in_links.user_id')
    .select(['used_at', sql<boolean>`expires_at <= now()`.as('expired'), 'users.disabled_at', 'users.name'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.disabled_at) return { ok: false, reason: 'disabled' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, name: row.name };
}
