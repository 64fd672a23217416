// Services as stored: one by its id, for the service page.
import type { Db } from './connection.ts';

/** The service with this external id (unique across sources), or undefined. */
export function findService(db: Db, id: string) {
  return db
    .selectFrom('services')
    .select(['external_id as id', 'source', 'name', 'team', 'domain', 'tier', 'high_risk'])
    .where('external_id', '=', id)
    .executeTakeFirst();
}
