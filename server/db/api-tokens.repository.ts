import { createHash, randomBytes } from 'node:crypto';
import { audit } from './audit-log.repository.ts';
import type { Db } from './connection.ts';

export type Role = 'viewer' | 'sre' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'sre', 'admin'];

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** Only the hash is stored: a leaked database does not leak usable tokens. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createToken(db: Db, name: string, role: Role): Promise<{ id: string; token: string }> {
  const token = `sev_${randomBytes(24).toString('base64url')}`;
  const row = await db.insertInto('api_tokens').values({ name, role, token_hash: hashToken(token) }).returning('id').executeTakeFirstOrThrow();
  await audit(db, 'cli', { action: 'create', entity: 'api_token', entityId: row.id, details: { name, role } });
  return { id: row.id, token };
}

export async function findPrincipal(db: Db, token: string): Promise<Principal | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role'])
    .executeTakeFirst();
  return row ? { tokenId: row.id, name: row.name, role: row.role } : null;
}
