import type { Principal } from './api-tokens.repository.ts';
import type { Db } from './connection.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/** Appends to the audit log (append-only by trigger): who changed what, from which token or user session. */
export async function audit(db: Db, principal: Principal | 'cli', entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: principal === 'cli' ? 'cli' : principal.name,
      token_id: principal === 'cli' ? null : principal.tokenId,
      user_id: principal === 'cli' ? null : principal.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      details: JSON.stringify(entry.details),
    })
    .execute();
}
