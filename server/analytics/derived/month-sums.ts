// The month copies of per-(day, service) tables (deployment_month_rollups, change_month_rollups):
// the dirty days' months are deleted and summed again from the day rows, a month and service at
// a time.
import { sql } from 'kysely';
import type { RefreshContext } from './derived-table.ts';

export interface MonthSums {
  /** The month table (keyed by month, service_id and `keys`) and the day table it sums. */
  table: string;
  days: string;
  /** Key columns besides month and service_id. */
  keys: readonly string[];
  /** Additive columns, summed. */
  counts: readonly string[];
}

/** Rebuilds the rows of `table` for every (month, service) a dirty day falls in. */
export async function refreshMonthSums(context: RefreshContext, { table, days, keys, counts }: MonthSums): Promise<void> {
  const { run, once } = context;
  await once('dirty_service_months', async () => {
    await run(sql`
      CREATE TEMP TABLE dirty_service_months ON COMMIT DROP AS
      SELECT DISTINCT date_trunc('month', day)::date AS month, service_id FROM dirty_days
    `);
    await run(sql`ANALYZE dirty_service_months`);
  });
  const columns = (prefix: string) => keys.map((key) => sql.ref(`${prefix}${key}`));
  await run(sql`DELETE FROM ${sql.table(table)} r USING dirty_service_months k WHERE r.month = k.month AND r.service_id = k.service_id`);
  await run(sql`
    INSERT INTO ${sql.table(table)} (month, service_id, ${sql.join([...columns(''), ...counts.map((count) => sql.ref(count))])})
    SELECT k.month, r.service_id, ${sql.join([...columns('r.'), ...counts.map((count) => sql`sum(${sql.ref(`r.${count}`)})`)])}
    FROM dirty_service_months k
    JOIN ${sql.table(days)} r ON r.service_id = k.service_id AND r.day >= k.month AND r.day < k.month + interval '1 month'
    GROUP BY ${sql.join([sql`k.month`, sql`r.service_id`, ...columns('r.')])}
  `);
}
