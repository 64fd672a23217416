// Follow-up actions on incidents (docs/api.md "Follow-ups"): every change is audited with its before.
import { sql } from 'kysely';
import type { FollowUp } from '../api/follow-ups/schema.ts';
import type { Principal } from './api-tokens.repository.ts';
import { audit } from './audit-log.repository.ts';
import type { Db } from './connection.ts';
import type { IncidentRef } from './incidents.repository.ts';

export const FOLLOW_UP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export type { FollowUp };

export interface FollowUpFields {
  title: string;
  owner: string | null;
  due_date: string | null;
  status: FollowUpStatus;
}

function selectFollowUps(db: Db) {
  return db
    .selectFrom('follow_ups as f')
    .innerJoin('incidents as i', 'i.id', 'f.incident_id')
    .select([
      'f.id',
      'i.external_id as incident_id',
      'i.source as incident_source',
      'i.title as incident_title',
      'f.title',
      'f.owner',
      // date as text: pg would turn it into a Date at local midnight.
      sql<string | null>`to_char(f.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'f.status',
      'f.created_by',
      'f.updated_by',
      'f.created_at',
      'f.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectFollowUps>['executeTakeFirstOrThrow']>>;

const toFollowUp = ({ incident_id, incident_source, incident_title, ...row }: Row): FollowUp => ({
  ...row,
  incident: { id: incident_id, source: incident_source, title: incident_title },
});

export async function incidentFollowUps(db: Db, incidentId: string): Promise<FollowUp[]> {
  return (await selectFollowUps(db).where('f.incident_id', '=', incidentId).orderBy('f.id').execute()).map(toFollowUp);
}

export async function findFollowUp(db: Db, id: string): Promise<FollowUp | null> {
  const row = await selectFollowUps(db).where('f.id', '=', id).executeTakeFirst();
  return row ? toFollowUp(row) : null;
}

/** Follow-ups by status, optionally only those due on or before a day (the weekly review's list). */
export async function listFollowUps(db: Db, filter: { status?: FollowUpStatus; dueBefore?: string; limit: number }): Promise<FollowUp[]> {
  let query = selectFollowUps(db);
  if (filter.status) query = query.where('f.status', '=', filter.status);
  if (filter.dueBefore) query = query.where('f.due_date', '<=', filter.dueBefore);
  const rows = await query.orderBy(sql`f.due_date NULLS LAST`).orderBy('f.id').limit(filter.limit).execute();
  return rows.map(toFollowUp);
}

export async function createFollowUp(db: Db, incident: IncidentRef, fields: FollowUpFields, principal: Principal): Promise<FollowUp> {
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('follow_ups')
      .values({ incident_id: incident.id, ...fields, created_by: principal.name, updated_by: principal.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, principal, { action: 'create', entity: 'follow_up', entityId: id, details: { incident: incident.external_id, source: incident.source, ...fields } });
    return (await findFollowUp(tx, id))!;
  });
}

export async function updateFollowUp(db: Db, id: string, changes: Partial<FollowUpFields>, principal: Principal): Promise<FollowUp | null> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('follow_ups').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) return null;
    const old = (await findFollowUp(tx, id))!;
    await tx.updateTable('follow_ups').set({ ...changes, updated_by: principal.name, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    const { title, owner, due_date, status } = old;
    await audit(tx, principal, { action: 'update', entity: 'follow_up', entityId: id, details: { before: { title, owner, due_date, status }, changes } });
    return (await findFollowUp(tx, id))!;
  });
}
