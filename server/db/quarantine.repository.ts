import type { Rejection } from '../../ingest/model.ts';
import type { Db } from './connection.ts';

/** PostgreSQL text cannot hold NUL; the raw payload keeps it visibly escaped instead of failing. */
const withoutNul = (text: string) => text.replaceAll('\u0000', '\\u0000');

export async function insertQuarantine(db: Db, batchId: string, source: string, rejections: Rejection[]): Promise<void> {
  await db
    .insertInto('quarantine')
    .values(
      rejections.map((rejection) => ({
        batch_id: batchId,
        source,
        kind: rejection.kind,
        record_id: rejection.id === null ? null : withoutNul(rejection.id),
        origin: rejection.position.origin,
        line: rejection.position.line,
        field: rejection.field,
        reason: withoutNul(rejection.reason),
        raw: withoutNul(rejection.raw),
      })),
    )
    .execute();
}
