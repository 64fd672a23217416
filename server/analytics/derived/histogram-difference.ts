// Histogram tables kept by difference (duration_month_histograms, incident_histograms): one row
// per key with parallel arrays `buckets` and `counts`. A refresh takes out what the dirty range
// contributed before it changed and adds what it contributes now, so it reads the dirty range's
// rows and the stored rows of the keys they touch, not everything in the dirty months (a month
// of incident histograms at 10 M deployments was recounted from 70 000 facts: 4.5 s).
import { type RawBuilder, sql } from 'kysely';
import type { RefreshContext } from './derived-table.ts';

export interface HistogramDifference {
  table: string;
  /** The key columns, in the table's column order; `buckets` and `counts` follow them. */
  keys: readonly string[];
  /** What the dirty range contributes: rows (keys…, bucket, n), read before and after the tables it comes from change. */
  contributions: RawBuilder<unknown>;
}

const changesOf = (table: string) => sql.table(`${table}_changes`);

/**
 * Stages the dirty range's old contributions, negated: a table's `before`. A rebuild's tables
 * are empty: nothing to take out.
 */
export async function takeOutOld({ run, rebuild }: RefreshContext, { table, keys, contributions }: HistogramDifference): Promise<void> {
  if (rebuild) return;
  const columns = sql.join(keys.map((key) => sql.ref(key)));
  await run(sql`
    CREATE TEMP TABLE ${changesOf(table)} ON COMMIT DROP AS
    SELECT ${columns}, bucket, -sum(n)::int AS n FROM (${contributions}) c (${columns}, bucket, n)
    GROUP BY ${columns}, bucket
  `);
}

/**
 * Adds the dirty range's new contributions: a table's `refresh`. Each histogram they or the old
 * ones touch is summed again from its stored counts and the changes; buckets that reach zero
 * are dropped, and histograms left empty.
 */
export async function addNew({ run, rebuild }: RefreshContext, { table, keys, contributions }: HistogramDifference): Promise<void> {
  const columns = sql.join(keys.map((key) => sql.ref(key)));
  if (rebuild) {
    // Into an empty table: nothing to take out or sum again, each histogram is gathered at once.
    await run(sql`
      INSERT INTO ${sql.table(table)} (${columns}, buckets, counts)
      SELECT ${columns}, array_agg(bucket ORDER BY bucket), array_agg(n ORDER BY bucket)
      FROM (SELECT ${columns}, bucket, sum(n)::int AS n FROM (${contributions}) c (${columns}, bucket, n) GROUP BY ${columns}, bucket) r
      GROUP BY ${columns}
    `);
    return;
  }
  await run(sql`INSERT INTO ${changesOf(table)} SELECT ${columns}, bucket, sum(n)::int AS n FROM (${contributions}) c (${columns}, bucket, n) GROUP BY ${columns}, bucket`);
  await run(sql`ANALYZE ${changesOf(table)}`);
  // Each touched histogram gets a number, and the counts are summed and sorted by it: sorting
  // them by the key's columns (text, dates, levels) took 1.4 s for a month's 460 000 buckets of
  // incident histograms at 10 M deployments.
  const keyTable = sql.table(`${table}_keys`);
  await run(sql`CREATE TEMP TABLE ${keyTable} ON COMMIT DROP AS SELECT row_number() OVER () AS k, ${columns} FROM (SELECT DISTINCT ${columns} FROM ${changesOf(table)}) d`);
  await run(sql`ANALYZE ${keyTable}`);
  await run(sql`
    CREATE TEMP TABLE ${sql.table(`${table}_new`)} ON COMMIT DROP AS
    SELECT ${sql.join(keys.map((key) => sql.ref(`k.${key}`)))}, a.buckets, a.counts
    FROM (
      SELECT k, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
      FROM (
        SELECT k, bucket, sum(n)::int AS n FROM (
          SELECT k.k, c.bucket, c.n FROM ${changesOf(table)} c JOIN ${keyTable} k USING (${columns})
          UNION ALL
          SELECT k.k, b.bucket, b.n FROM ${sql.table(table)} h JOIN ${keyTable} k USING (${columns})
          CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)) c
        GROUP BY k, bucket
        HAVING sum(n) <> 0) r
      GROUP BY k) a
    JOIN ${keyTable} k USING (k)
  `);
  await run(sql`
    DELETE FROM ${sql.table(table)} h USING ${keyTable} k
    WHERE (${sql.join(keys.map((key) => sql.ref(`h.${key}`)))}) = (${sql.join(keys.map((key) => sql.ref(`k.${key}`)))})
  `);
  await run(sql`INSERT INTO ${sql.table(table)} (${columns}, buckets, counts) SELECT * FROM ${sql.table(`${table}_new`)}`);
}
