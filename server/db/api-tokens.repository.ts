import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ApiToken } from '../api/admin/schema.ts';
import { audit } from './audit-log.repository.ts';
import type { Db } from './connection.ts';

export type Role = 'viewer' | 'sre' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'sre', 'admin'];

/** Who a request acts for: an API token (scripts) or a signed-in user's session (the web app). */
export interface Principal {
  kind: 'token' | 'session';
  tokenId: string | null;
  userId: string | null;
  name: string;
  role: Role;
}

/**
 * A token's last_used_at, and a session's last_seen_at, are written at most this often: a write
 * per request is a WAL flush on the hot path, and requests with the same credential would
 * queue on its row.
 */
export const TOUCH_EVERY_MS = 60 * 1000;

/** Only the hash is stored: a leaked database does not leak usable tokens. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token; only its hash is kept, so the caller shows `token` once. */
export async function createToken(db: Db, name: string, role: Role, actor: Principal | 'cli' = 'cli'): Promise<ApiToken & { token: string }> {
  const token = `sev_${randomBytes(24).toString('base64url')}`;
  const row = await db.insertInto('api_tokens').values({ name, role, token_hash: hashToken(token) }).returning(TOKEN_COLUMNS).executeTakeFirstOrThrow();
  await audit(db, actor, { action: 'create', entity: 'api_token', entityId: row.id, details: { name, role } });
  return { ...row, token };
}

const TOKEN_COLUMNS = ['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function listTokens(db: Db): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').select(TOKEN_COLUMNS).orderBy('id').execute();
}

/** Revokes a token (kept for the audit trail); null when there is none with that id. */
export async function revokeToken(db: Db, id: string, actor: Principal | 'cli'): Promise<ApiToken | null> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .returning(TOKEN_COLUMNS)
      .executeTakeFirst();
    if (row) await audit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: id, details: { name: row.name, role: row.role } });
    return row ?? null;
  });
}

export async function findPrincipal(db: Db, token: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    // The condition again in SQL: of concurrent requests, only the first writes.
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - ${TOUCH_EVERY_MS} * interval '1 millisecond'`)]))
      .execute();
  }
  return { kind: 'token', tokenId: row.id, userId: null, name: row.name, role: row.role };
}
