import { type Kysely, sql } from 'kysely';

// duration_histograms summed per month (issue 5 "Performance"): a year of lead times for the
// fleet is ~12 × buckets rows instead of ~365 × buckets. Whole months of a period are read
// here, the partial months at its edges from the day rows (analytics/duration-histogram.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE duration_month_histograms (
      scope       text NOT NULL,
      metric      text NOT NULL,
      month       date NOT NULL,
      environment text NOT NULL,
      link_level  double precision NOT NULL,
      bucket      smallint NOT NULL,
      n           integer NOT NULL,
      CONSTRAINT duration_month_histograms_pkey PRIMARY KEY (scope, metric, month, environment, link_level, bucket) INCLUDE (n)
    );
    CREATE INDEX duration_month_histograms_month_idx ON duration_month_histograms (month);

    -- Filled from the day rows as they stand now; the refresh keeps the months it touches.
    INSERT INTO duration_month_histograms
    SELECT scope, metric, date_trunc('month', day)::date, environment, link_level, bucket, sum(n)
    FROM duration_histograms GROUP BY 1, 2, 3, 4, 5, 6;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE duration_month_histograms`.execute(db);
}
