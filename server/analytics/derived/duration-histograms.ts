// duration_histograms: lead time, merge-to-deploy and recovery counted per 2 % bucket, per UTC
// day, environment and link level — per service, and summed again for every scope of the day
// (the fleet, a team, a domain, a tier) from the services' rows (a service may have moved).
import { type RawBuilder, sql } from 'kysely';
import type { DurationHistogramsTable } from '../../db/schema.ts';
import { durationBucket } from '../duration-histogram.ts';
import { SERVICE_SCOPE, SERVICE_SCOPES, serviceScopeIn } from '../rollup-scope.ts';
import type { DerivedTable } from './derived-table.ts';

/**
 * (scope, metric, day, environment, link_level, bucket, n) rows grouped into one histogram of
 * parallel arrays each. Grouped by day first: PostgreSQL sorts the rows by the GROUP BY keys,
 * and a day ends most comparisons there, where a scope first compared its long shared prefix
 * ('service:svc-0…') every time.
 */
const asArrays = (rows: RawBuilder<unknown>) => sql`
      SELECT scope, metric, day, environment, link_level, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
      FROM (${rows}) r (scope, metric, day, environment, link_level, bucket, n)
      GROUP BY day, scope, metric, environment, link_level`;

/**
 * The metrics of duration_histograms. Named in the service rows' delete so that it probes the
 * primary key (scope, metric, day) per dirty (service, day) instead of hashing every row of the
 * day against them (one day at 10 M deployments: 4.2 s → 0.09 s).
 */
const DURATION_METRICS: DurationHistogramsTable['metric'][] = ['lead_time', 'merge_to_deploy', 'recovery'];

export const durationHistograms: DerivedTable = {
  name: 'duration_histograms',
  reads: ['change_durations', 'deployment_recoveries', 'services'],
  order: 'scope, metric, day, environment, link_level',
  async refresh({ run, analyzeUnanalyzed }) {
    await run(sql`
      DELETE FROM duration_histograms h USING dirty_days k JOIN services s ON s.id = k.service_id
      WHERE h.scope = ${SERVICE_SCOPE} AND h.metric = ANY(${DURATION_METRICS}::text[]) AND h.day = k.day
    `);
    // Per service id, from the durations sorted once by histogram and bucket: PostgreSQL then
    // counts the buckets and gathers each histogram in that order, where it hashed 2 million
    // (service scope, day, bucket) cells of a rebuild at 1 M deployments and sorted them again
    // by their text keys (15 s; this 6 s).
    await run(sql`
      INSERT INTO duration_histograms (scope, metric, day, environment, link_level, buckets, counts)
      SELECT ${SERVICE_SCOPE}, h.metric, h.day, h.environment, h.link_level, h.buckets, h.counts
      FROM (
        SELECT service_id, day, metric, environment, link_level, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
        FROM (
          SELECT service_id, day, metric, environment, link_level, bucket, count(*)::int AS n
          FROM (
            SELECT cd.service_id, cd.day, m.metric, cd.environment, 0::float8 AS link_level, ${durationBucket(sql.ref('m.minutes'))} AS bucket
            FROM change_durations cd JOIN dirty_days k ON k.day = cd.day AND k.service_id = cd.service_id
            CROSS JOIN LATERAL (VALUES ('lead_time', cd.lead_time), ('merge_to_deploy', cd.merge_to_deploy)) m (metric, minutes)
            WHERE m.minutes >= 0
            UNION ALL
            SELECT rc.service_id, rc.day, 'recovery', rc.environment, coalesce(rc.max_link_confidence, 0), ${durationBucket(sql.ref('rc.minutes'))}
            FROM deployment_recoveries rc JOIN dirty_days k ON k.day = rc.day AND k.service_id = rc.service_id
            ORDER BY 1, 2, 3, 4, 5, 6) x
          GROUP BY 1, 2, 3, 4, 5, 6) r
        GROUP BY 1, 2, 3, 4, 5) h
      JOIN services s ON s.id = h.service_id
    `);
    await analyzeUnanalyzed('duration_histograms');
    await run(sql`DELETE FROM duration_histograms h USING dirty_dates k WHERE h.day = k.day AND NOT ${serviceScopeIn(sql.ref('h.scope'))}`);
    await run(sql`
      INSERT INTO duration_histograms (scope, metric, day, environment, link_level, buckets, counts)
      ${asArrays(sql`
      SELECT sc.scope, h.metric, h.day, h.environment, h.link_level, b.bucket, sum(b.n)::int
      FROM duration_histograms h JOIN dirty_dates k ON k.day = h.day
      JOIN services s ON h.scope = ${SERVICE_SCOPE}
      CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)
      CROSS JOIN LATERAL ${SERVICE_SCOPES} AS sc (scope)
      WHERE ${serviceScopeIn(sql.ref('h.scope'))} AND sc.scope IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6`)}
    `);
  },
};
