import { type Kysely, sql } from 'kysely';

// incident_histograms holds one row per (scope, level, month, severity, metric, cohort) with its
// buckets and their counts as two parallel arrays, instead of one row per bucket (issue 5
// "Performance"): a fleet year's histograms were 50 000 index entries, read and summed in about
// 30 ms per request; now they are a few hundred rows, summed by the API.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_histogram_rows (
      scope    text NOT NULL,
      level    double precision NOT NULL,
      month    date NOT NULL,
      severity text NOT NULL,
      metric   text NOT NULL,
      cohort   text NOT NULL,
      buckets  integer[] NOT NULL,
      counts   integer[] NOT NULL,
      CONSTRAINT incident_histogram_rows_pkey PRIMARY KEY (scope, level, month, severity, metric, cohort),
      CONSTRAINT incident_histogram_rows_parallel CHECK (cardinality(buckets) = cardinality(counts))
    );
    INSERT INTO incident_histogram_rows
    SELECT scope, level, month, severity, metric, cohort, array_agg(bucket ORDER BY bucket), array_agg(n ORDER BY bucket)
    FROM incident_histograms GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6;
    DROP TABLE incident_histograms;
    ALTER TABLE incident_histogram_rows RENAME TO incident_histograms;
    ALTER TABLE incident_histograms RENAME CONSTRAINT incident_histogram_rows_pkey TO incident_histograms_pkey;
    ALTER TABLE incident_histograms RENAME CONSTRAINT incident_histogram_rows_parallel TO incident_histograms_parallel;
    CREATE INDEX incident_histograms_month_idx ON incident_histograms (month);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incident_histogram_rows (
      scope    text NOT NULL,
      level    double precision NOT NULL,
      month    date NOT NULL,
      severity text NOT NULL,
      metric   text NOT NULL,
      cohort   text NOT NULL,
      bucket   integer NOT NULL,
      n        integer NOT NULL,
      CONSTRAINT incident_histogram_rows_pkey PRIMARY KEY (scope, level, month, severity, metric, cohort, bucket) INCLUDE (n)
    );
    INSERT INTO incident_histogram_rows
    SELECT h.scope, h.level, h.month, h.severity, h.metric, h.cohort, b.bucket, b.n
    FROM incident_histograms h CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n);
    DROP TABLE incident_histograms;
    ALTER TABLE incident_histogram_rows RENAME TO incident_histograms;
    ALTER TABLE incident_histograms RENAME CONSTRAINT incident_histogram_rows_pkey TO incident_histograms_pkey;
    CREATE INDEX incident_histograms_month_idx ON incident_histograms (month);
  `.execute(db);
}
