// incident_histograms: each incident time and blast radius counted per bucket, per scope, link
// level, month, severity and cohort (approximate percentiles of long periods read them).
import { sql } from 'kysely';
import { METRIC_BUCKETS } from '../incident-rollups.ts';
import type { DerivedTable } from './derived-table.ts';
import { monthFacts, rollupScopes } from './month-facts.ts';

export const incidentHistograms: DerivedTable = {
  name: 'incident_histograms',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'scope, level, month, severity, metric, cohort',
  async refresh(context) {
    await monthFacts(context);
    await context.run(sql`DELETE FROM incident_histograms h USING dirty_months m WHERE h.month = m.month`);
    await context.run(sql`
      INSERT INTO incident_histograms (scope, level, month, severity, metric, cohort, buckets, counts)
      SELECT scope, level, month, severity, metric, cohort, array_agg(bucket ORDER BY bucket), array_agg(n ORDER BY bucket)
      FROM (
        SELECT sc.scope, f.level, f.month, f.severity, b.metric, f.cohort, b.bucket, count(*)::int AS n
        FROM month_facts f CROSS JOIN LATERAL ${rollupScopes} AS sc (scope)
        CROSS JOIN LATERAL ${METRIC_BUCKETS} AS b (metric, bucket)
        WHERE b.bucket IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7) h
      GROUP BY 1, 2, 3, 4, 5, 6
    `);
  },
};
