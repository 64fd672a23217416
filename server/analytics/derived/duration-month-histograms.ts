// duration_month_histograms: the day histograms summed per month, so a year reads 12 rows per
// scope instead of 365. Kept by difference: the dirty dates' old day rows are taken out (before
// the day rows change) and their new ones added back, reading one day's rows instead of a
// month's (a month at 10 M deployments: 2.1 M day rows, 7.5 s).
import { sql } from 'kysely';
import type { DerivedTable } from './derived-table.ts';
import { asArrays } from './sql-parts.ts';

/** The dirty dates' day histograms as (month, bucket, n) rows. */
const dirtyDatesByMonth = sql`
      SELECT h.scope, h.metric, date_trunc('month', h.day)::date AS month, h.environment, h.link_level, b.bucket, b.n
      FROM duration_histograms h JOIN dirty_dates k ON k.day = h.day
      CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)`;

export const durationMonthHistograms: DerivedTable = {
  name: 'duration_month_histograms',
  reads: ['duration_histograms'],
  order: 'scope, metric, month, environment, link_level',
  async before({ run }) {
    await run(sql`
      CREATE TEMP TABLE month_changes ON COMMIT DROP AS
      SELECT scope, metric, month, environment, link_level, bucket, -sum(n)::int AS n FROM (${dirtyDatesByMonth}) d GROUP BY 1, 2, 3, 4, 5, 6
    `);
  },
  async refresh({ run }) {
    // Each month histogram that the dirty dates' rows touched, before or after: its stored
    // counts, minus the dirty dates' old ones, plus their new ones (read here, not staged: the
    // first load's are 400 000); buckets that reach zero dropped, and histograms left empty.
    await run(sql`
      CREATE TEMP TABLE month_keys ON COMMIT DROP AS
      SELECT scope, metric, month, environment, link_level FROM month_changes
      UNION
      SELECT h.scope, h.metric, date_trunc('month', h.day)::date, h.environment, h.link_level FROM duration_histograms h JOIN dirty_dates k ON k.day = h.day
    `);
    await run(sql`ANALYZE month_keys`);
    await run(sql`
      CREATE TEMP TABLE month_histograms ON COMMIT DROP AS
      ${asArrays(sql`
      SELECT scope, metric, month, environment, link_level, bucket, sum(n)::int
      FROM (
        SELECT * FROM month_changes
        UNION ALL
        ${dirtyDatesByMonth}
        UNION ALL
        SELECT m.scope, m.metric, m.month, m.environment, m.link_level, b.bucket, b.n
        FROM duration_month_histograms m JOIN month_keys USING (scope, metric, month, environment, link_level)
        CROSS JOIN LATERAL unnest(m.buckets, m.counts) AS b (bucket, n)) c
      GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(n) <> 0`)}
    `);
    await run(sql`DELETE FROM duration_month_histograms m USING month_keys k WHERE (m.scope, m.metric, m.month, m.environment, m.link_level) = (k.scope, k.metric, k.month, k.environment, k.link_level)`);
    await run(sql`INSERT INTO duration_month_histograms SELECT * FROM month_histograms`);
  },
};
