// incident_histograms: each incident time and blast radius counted per bucket, per scope, link
// level, month, severity and cohort (approximate percentiles of long periods read them). Kept by
// difference (histogram-difference.ts): the dirty incidents' old facts are taken out before the
// facts change and their new ones added after.
import { sql } from 'kysely';
import { METRIC_BUCKETS, monthOf } from '../incident-rollups.ts';
import type { DerivedTable } from './derived-table.ts';
import { type HistogramDifference, addNew, takeOutOld } from './histogram-difference.ts';
import { rollupScopes } from './month-facts.ts';

const histograms: HistogramDifference = {
  table: 'incident_histograms',
  keys: ['scope', 'level', 'month', 'severity', 'metric', 'cohort'],
  contributions: sql`
      SELECT sc.scope, f.level, ${monthOf(sql.ref('f.impact_started_at'))}, f.severity, b.metric, f.cohort, b.bucket, 1
      FROM dirty_incidents x JOIN incident_facts f ON f.incident_id = x.incident_id
      CROSS JOIN LATERAL ${rollupScopes} AS sc (scope)
      CROSS JOIN LATERAL ${METRIC_BUCKETS} AS b (metric, bucket)
      WHERE b.bucket IS NOT NULL`,
};

export const incidentHistograms: DerivedTable = {
  name: 'incident_histograms',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'scope, level, month, severity, metric, cohort',
  before: (context) => takeOutOld(context, histograms),
  refresh: (context) => addNew(context, histograms),
};
