// change_rollups and change_month_rollups: changes per UTC day (month) authored × service × tagging evidence ('none' for
// untagged), for change tagging coverage (analytics/tagging-coverage.ts). A change marks the day
// it was authored dirty (migrations/202612011510_data_quality_stores.ts).
import { sql } from 'kysely';
import type { DerivedTable } from './derived-table.ts';
import { refreshMonthSums } from './month-sums.ts';
import { onDirtyDay } from './sql-parts.ts';

/** A change's evidence in change_rollups: how its AI tag was known, or 'none' when untagged. */
export const CHANGE_EVIDENCE = sql<string>`CASE WHEN c.ai_assisted IS NULL THEN 'none' ELSE coalesce(c.ai_evidence, 'declared') END`;

export const changeRollups: DerivedTable = {
  name: 'change_rollups',
  reads: ['changes'],
  order: 'day, service_id, evidence',
  async refresh({ run }) {
    await run(sql`DELETE FROM change_rollups r USING dirty_days k WHERE r.day = k.day AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO change_rollups (day, service_id, evidence, changes)
      SELECT k.day, c.service_id, ${CHANGE_EVIDENCE}, count(*)
      FROM changes c ${onDirtyDay('c', 'authored_at')}
      GROUP BY 1, 2, 3
    `);
  },
};

/** change_rollups summed per UTC month: a year of change coverage sums a row per month and service. */
export const changeMonthRollups: DerivedTable = {
  name: 'change_month_rollups',
  reads: ['change_rollups'],
  order: 'month, service_id, evidence',
  refresh: (context) => refreshMonthSums(context, { table: 'change_month_rollups', days: 'change_rollups', keys: ['evidence'], counts: ['changes'] }),
};
