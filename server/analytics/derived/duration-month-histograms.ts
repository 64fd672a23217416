// duration_month_histograms: the day histograms summed per month, so a year reads 12 rows per
// scope instead of 365. Kept by difference (histogram-difference.ts): the dirty dates' day rows
// are taken out before the day rows change and added back after, reading one day's rows instead
// of a month's (a month at 10 M deployments: 2.1 M day rows, 7.5 s).
import { sql } from 'kysely';
import type { DerivedTable } from './derived-table.ts';
import { type HistogramDifference, addNew, takeOutOld } from './histogram-difference.ts';

const monthHistograms: HistogramDifference = {
  table: 'duration_month_histograms',
  keys: ['scope', 'metric', 'month', 'environment', 'link_level'],
  contributions: sql`
      SELECT h.scope, h.metric, date_trunc('month', h.day)::date AS month, h.environment, h.link_level, b.bucket, b.n
      FROM duration_histograms h JOIN dirty_dates k ON k.day = h.day
      CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)`,
};

export const durationMonthHistograms: DerivedTable = {
  name: 'duration_month_histograms',
  reads: ['duration_histograms'],
  order: 'scope, metric, month, environment, link_level',
  before: (context) => takeOutOld(context, monthHistograms),
  refresh: (context) => addNew(context, monthHistograms),
};
