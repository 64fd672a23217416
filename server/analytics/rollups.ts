import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { DurationHistogramsTable } from '../db/schema.ts';
import { parseFilters } from './filters.ts';
import { durationBucket, minutesBetween } from './duration-histogram.ts';
import { DEPLOYMENT_CONTROLS, governanceFindings } from './governance-controls.ts';
import { aiInvolved, currentRole, incidentFacts } from './incident-facts.ts';
import { METRIC_BUCKETS, monthOf, weekOf } from './incident-rollups.ts';
import { SEVERITY_SETS, TREND_STATS } from './incident-trend-points.ts';
import { KNOWN_EVIDENCE, LINK_LEVELS, linkedColumn } from './rollup-columns.ts';
import { step } from './refresh-steps.ts';
import { INCIDENT_SCOPES, SERVICE_SCOPE, SERVICE_SCOPES, serviceScopeIn } from './rollup-scope.ts';

/** The additive columns of deployment_rollups and deployment_scope_rollups, in insert order. */
const ROLLUP_COUNTS = [
  'deployments', 'rollbacks', 'rework', 'rolled_back',
  ...LINK_LEVELS.map(linkedColumn),
  ...KNOWN_EVIDENCE.map((evidence) => `ev_${evidence}`),
  'gov_evaluated',
  ...DEPLOYMENT_CONTROLS.map((control) => `gov_${control}`),
] as const;

/**
 * The metrics of duration_histograms. Named in the service rows' delete so that it probes the
 * primary key (scope, metric, day) per dirty (service, day) instead of hashing every row of the
 * day against them (one day at 10 M deployments: 4.2 s → 0.09 s).
 */
const DURATION_METRICS: DurationHistogramsTable['metric'][] = ['lead_time', 'merge_to_deploy', 'recovery'];

/** Every table the refresh derives from raw rows: emptied by a rebuild, vacuumed after one. */
const DERIVED_TABLES = sql.raw('deployment_rollups, deployment_scope_rollups, deployment_recoveries, change_durations, duration_histograms, duration_month_histograms, governance_findings, incident_facts, incident_scopes, incident_rollups, incident_histograms, incident_trend_points');

export interface RollupRefresh {
  days: number;
  incidents: number;
}

/** A statement's step name for timeSteps: its verb and the table it writes, e.g. "insert deployment_rollups". */
function statementLabel(text: string): string {
  const match = /^\s*(?:WITH \w+ AS \((DELETE) FROM (\w+))?.*?\b(INSERT INTO|DELETE FROM|UPDATE|CREATE TEMP TABLE|ANALYZE|TRUNCATE|SET LOCAL|SELECT)\s+"?(\w+)/s.exec(text);
  if (!match) return 'other';
  if (match[1]) return `take ${match[2]}`;
  return `${match[3]!.split(' ')[0]!.toLowerCase()} ${match[4]}`;
}

/** Waits for any other refresh of the derived tables to commit: one runs at a time. */
export async function lockRefresh(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('sevscope.refresh_rollups'))`.execute(tx);
}

/**
 * Rebuilds the rollups for what changed since the last refresh: the (day, service) pairs and
 * incidents that triggers noted (migrations/202611231300_rollups.ts), widened to the days of
 * deployments that a new rollback ends and to incidents linked to any deployment of a changed
 * day (their cohort or time to rollback may have moved). One refresh at a time.
 */
export async function refreshRollups(db: Db, options: { rebuild?: boolean } = {}): Promise<RollupRefresh> {
  return db.transaction().execute(async (tx) => {
    const run = (query: RawBuilder<unknown>) => step(statementLabel(query.compile(tx).sql), () => query.execute(tx));
    await lockRefresh(tx);
    // A derived table never analyzed (just created by a migration, or emptied by a rebuild's
    // TRUNCATE) is planned as nearly empty: on the first load the statements reading it loop
    // where they should hash (the weekly trend points: 2.2 M join-filter rows, 0.74 s). Such a
    // table is analyzed once it holds this refresh's rows; later refreshes find the statistics
    // that vacuumDerived keeps, and pay only this lookup.
    const analyzeUnanalyzed = async (...tables: string[]) => {
      const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE oid = ANY(${tables}::regclass[]) AND reltuples < 0`.execute(tx);
      if (rows.length > 0) await run(sql`ANALYZE ${sql.join(rows.map((row) => sql.table(row.name)))}`);
    };
    // One refresh runs at a time: let its joins and groupings hash in memory instead of on disk
    // (a rebuild at 10 M deployments groups tens of millions of rows).
    await run(sql`SET LOCAL work_mem = '256MB'`);
    await run(sql`CREATE TEMP TABLE dirty_days (day date, service_id bigint, PRIMARY KEY (day, service_id)) ON COMMIT DROP`);
    await run(sql`CREATE TEMP TABLE dirty_incidents (incident_id bigint PRIMARY KEY) ON COMMIT DROP`);
    if (options.rebuild) {
      // From nothing, in this transaction: readers wait for the new rows instead of seeing none,
      // and days that no longer hold deployments lose their rows.
      await run(sql`TRUNCATE ${DERIVED_TABLES}`);
      await run(sql`INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM deployments`);
      await run(sql`INSERT INTO rollup_dirty_incidents SELECT id FROM incidents`);
    }
    await run(sql`
      WITH taken AS (DELETE FROM rollup_dirty_days RETURNING day, service_id)
      INSERT INTO dirty_days SELECT DISTINCT day, service_id FROM taken
    `);
    // A rollback written today changes the recovery of the deployment it rolls back.
    await run(sql`
      INSERT INTO dirty_days
      SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id
      FROM dirty_days k
      JOIN deployments rb ON rb.service_id = k.service_id AND rb.rollback_of IS NOT NULL
        AND rb.effective_at >= k.day::timestamp AT TIME ZONE 'UTC' AND rb.effective_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
        AND k.day = (rb.effective_at AT TIME ZONE 'UTC')::date
      JOIN deployments d ON d.external_id = rb.rollback_of AND d.service_id = rb.service_id
      ON CONFLICT DO NOTHING
    `);
    await run(sql`ANALYZE dirty_days`);

    // Both forms of "on that day": the range lets a few dirty days use the (service, time)
    // index; the equality lets many of them hash-join one scan (34 800 index probes: 2.9 s;
    // one hash join: 0.16 s, measured on a million deployments).
    const inDirtyDay = sql`JOIN dirty_days k ON d.service_id = k.service_id
      AND d.effective_at >= k.day::timestamp AT TIME ZONE 'UTC' AND d.effective_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
      AND k.day = (d.effective_at AT TIME ZONE 'UTC')::date`;
    // The dirty dates' day histograms as (month, bucket, n) rows (see duration_month_histograms below).
    const dirtyDatesByMonth = sql`
      SELECT h.scope, h.metric, date_trunc('month', h.day)::date AS month, h.environment, h.link_level, b.bucket, b.n
      FROM duration_histograms h JOIN dirty_dates k ON k.day = h.day
      CROSS JOIN LATERAL unnest(h.buckets, h.counts) AS b (bucket, n)`;
    // (bucket, n) rows grouped into one row of parallel arrays per histogram.
    const asArrays = (rows: RawBuilder<unknown>) => sql`
      SELECT scope, metric, period, environment, link_level, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
      FROM (${rows}) r (scope, metric, period, environment, link_level, bucket, n)
      GROUP BY 1, 2, 3, 4, 5`;
    // The strongest Sev1/Sev2 link of each deployment (docs/metrics.md: failed = rolled back or linked).
    // Grouped once and hash-joined: a probe per deployment cost twice as much on a million.
    const strongestLink = sql`LEFT JOIN (
        SELECT l.deployment_id, max(l.confidence) AS confidence FROM incident_links l JOIN incidents i ON i.id = l.incident_id
        WHERE i.severity IN ('sev1', 'sev2') GROUP BY l.deployment_id) link ON link.deployment_id = d.id`;

    // Governance findings first: the day rollups count them.
    await run(sql`DELETE FROM governance_findings g USING dirty_days k WHERE g.day = k.day AND g.service_id = k.service_id`);
    await run(sql`
      INSERT INTO governance_findings (deployment_id, day, service_id, environment, control, deployment, change, service, authors, approvers, at)
      WITH ${governanceFindings({ environments: null, filters: parseFilters({}, new Date()), periodAndServices: false, deploymentIds: sql`SELECT d.id FROM deployments d ${inDirtyDay}` })}
      SELECT deployment_id, (at AT TIME ZONE 'UTC')::date, service_id, environment, control, deployment, change, service, authors, approvers, at
      FROM finding WHERE deployment_id IS NOT NULL
    `);
    await analyzeUnanalyzed('governance_findings');

    await run(sql`DELETE FROM deployment_rollups r USING dirty_days k WHERE r.day = k.day AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO deployment_rollups (day, service_id, environment, cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql.ref(column)))})
      SELECT k.day, d.service_id, d.environment, d.cohort,
             count(*),
             count(*) FILTER (WHERE d.rollback_of IS NOT NULL),
             count(*) FILTER (WHERE d.rollback_of IS NOT NULL OR cardinality(d.remediates) > 0),
             count(*) FILTER (WHERE d.rollback_of IS NULL AND d.status = 'rolled_back'),
             ${sql.join(LINK_LEVELS.map((level) => sql`count(*) FILTER (WHERE d.rollback_of IS NULL AND d.status <> 'rolled_back' AND link.confidence = ${level}::float8)`))},
             ${sql.join(KNOWN_EVIDENCE.map((evidence) => sql`count(*) FILTER (WHERE d.cohort <> 'unknown' AND coalesce(d.cohort_evidence, 'declared') = ${evidence})`))},
             count(*) FILTER (WHERE s.tier = 1 OR s.high_risk),
             ${sql.join(DEPLOYMENT_CONTROLS.map((control) => sql`count(*) FILTER (WHERE ${control} = ANY(g.controls))`))}
      FROM deployments d ${inDirtyDay} ${strongestLink}
      JOIN services s ON s.id = d.service_id
      LEFT JOIN (
        SELECT g.deployment_id, array_agg(DISTINCT g.control) AS controls
        FROM governance_findings g JOIN dirty_days k ON g.day = k.day AND g.service_id = k.service_id
        GROUP BY g.deployment_id) g ON g.deployment_id = d.id
      WHERE d.status IN ('succeeded', 'rolled_back')
      GROUP BY k.day, d.service_id, d.environment, d.cohort
    `);

    await run(sql`DELETE FROM deployment_recoveries r USING dirty_days k WHERE r.day = k.day AND r.service_id = k.service_id`);
    await run(sql`
      INSERT INTO deployment_recoveries
      SELECT d.id, k.day, d.service_id, d.environment, ${minutesBetween(sql.ref('rb.finished_at'), sql.ref('d.finished_at'))}, link.confidence
      FROM deployments d ${inDirtyDay} ${strongestLink}
      CROSS JOIN LATERAL (
        SELECT min(rb.finished_at) AS finished_at FROM deployments rb
        WHERE rb.rollback_of = d.external_id AND rb.service_id = d.service_id AND rb.finished_at >= d.finished_at) rb
      WHERE d.status = 'rolled_back' AND d.rollback_of IS NULL AND rb.finished_at IS NOT NULL
    `);

    // Month histograms follow their day rows by difference: the dirty dates' day rows are taken
    // out here and the new ones added back below, reading one day's rows instead of a month's
    // (a month at 10 M deployments: 2.1 M day rows, 7.5 s).
    await run(sql`CREATE TEMP TABLE dirty_dates ON COMMIT DROP AS SELECT DISTINCT day FROM dirty_days`);
    await run(sql`ANALYZE dirty_dates`);
    await run(sql`
      CREATE TEMP TABLE month_changes ON COMMIT DROP AS
      SELECT scope, metric, month, environment, link_level, bucket, -sum(n)::int AS n FROM (${dirtyDatesByMonth}) d GROUP BY 1, 2, 3, 4, 5, 6
    `);
    // Each change's durations, grouped by (service, day) on disk (exact DORA percentiles read a
    // service's days by index), then counted per bucket of each dirty (day, service), then every
    // scope of each dirty day summed again from the services' rows (a service may have moved
    // team, domain or tier).
    await run(sql`DELETE FROM change_durations cd USING dirty_days k WHERE cd.service_id = k.service_id AND cd.day = k.day`);
    await run(sql`
      INSERT INTO change_durations (service_id, day, environment, lead_time, merge_to_deploy)
      SELECT d.service_id, k.day, d.environment,
             ${minutesBetween(sql.ref('d.finished_at'), sql.ref('c.authored_at'))}, ${minutesBetween(sql.ref('d.finished_at'), sql.ref('c.merged_at'))}
      FROM deployments d ${inDirtyDay}
      JOIN deployment_changes dc ON dc.deployment_id = d.id
      JOIN changes c ON c.external_id = dc.change_external_id
      WHERE d.status IN ('succeeded', 'rolled_back') AND d.finished_at IS NOT NULL
      ORDER BY 1, 2
    `);
    await analyzeUnanalyzed('change_durations', 'deployment_recoveries');
    await run(sql`
      DELETE FROM duration_histograms h USING dirty_days k JOIN services s ON s.id = k.service_id
      WHERE h.scope = ${SERVICE_SCOPE} AND h.metric = ANY(${DURATION_METRICS}::text[]) AND h.day = k.day
    `);
    await run(sql`
      INSERT INTO duration_histograms (scope, metric, day, environment, link_level, buckets, counts)
      ${asArrays(sql`
      SELECT ${SERVICE_SCOPE}, m.metric, cd.day, cd.environment, 0, ${durationBucket(sql.ref('m.minutes'))}, count(*)::int
      FROM change_durations cd JOIN dirty_days k ON k.day = cd.day AND k.service_id = cd.service_id
      JOIN services s ON s.id = cd.service_id
      CROSS JOIN LATERAL (VALUES ('lead_time', cd.lead_time), ('merge_to_deploy', cd.merge_to_deploy)) m (metric, minutes)
      WHERE m.minutes >= 0
      GROUP BY 1, 2, 3, 4, 6
      UNION ALL
      SELECT ${SERVICE_SCOPE}, 'recovery', rc.day, rc.environment, coalesce(rc.max_link_confidence, 0), ${durationBucket(sql.ref('rc.minutes'))}, count(*)::int
      FROM deployment_recoveries rc JOIN dirty_days k ON k.day = rc.day AND k.service_id = rc.service_id
      JOIN services s ON s.id = rc.service_id
      GROUP BY 1, 2, 3, 4, 5, 6`)}
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
    await run(sql`DELETE FROM deployment_scope_rollups r USING dirty_dates k WHERE r.day = k.day`);
    await run(sql`
      INSERT INTO deployment_scope_rollups (day, scope, environment, cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql.ref(column)))})
      SELECT r.day, sc.scope, r.environment, r.cohort, ${sql.join(ROLLUP_COUNTS.map((column) => sql`sum(${sql.ref(`r.${column}`)})`))}
      FROM deployment_rollups r JOIN dirty_dates k ON k.day = r.day
      JOIN services s ON s.id = r.service_id
      CROSS JOIN LATERAL ${SERVICE_SCOPES} AS sc (scope)
      WHERE sc.scope IS NOT NULL
      GROUP BY 1, 2, 3, 4
    `);

    await run(sql`
      WITH taken AS (DELETE FROM rollup_dirty_incidents RETURNING incident_id)
      INSERT INTO dirty_incidents
      SELECT incident_id FROM taken
      UNION
      SELECT l.incident_id FROM deployments d ${inDirtyDay} JOIN incident_links l ON l.deployment_id = d.id
      ON CONFLICT DO NOTHING
    `);
    await run(sql`ANALYZE dirty_incidents`);
    // The months and weeks whose incident rollups and trend points change: where the dirty
    // incidents were, and where they are now.
    for (const [table, column, periodOf] of [['dirty_months', 'month', monthOf], ['dirty_weeks', 'week', weekOf]] as const) {
      await run(sql`
        CREATE TEMP TABLE ${sql.table(table)} ON COMMIT DROP AS
        SELECT ${periodOf(sql.ref('f.impact_started_at'))} AS ${sql.ref(column)}
        FROM incident_facts f JOIN dirty_incidents x ON x.incident_id = f.incident_id
        UNION
        SELECT ${periodOf(sql.ref('i.impact_started_at'))} FROM incidents i JOIN dirty_incidents x ON x.incident_id = i.id
      `);
    }
    // Temp tables have no statistics until analyzed: without them an empty refresh plans for
    // thousands of rows and scans whole tables (4.1 s at 10 M deployments with nothing dirty).
    await run(sql`ANALYZE dirty_months, dirty_weeks`);
    await run(sql`DELETE FROM incident_facts f USING dirty_incidents x WHERE f.incident_id = x.incident_id`);
    for (const level of LINK_LEVELS) {
      const scope = { from: new Date(0), to: new Date(0), filters: parseFilters({ min_confidence: String(level) }, new Date()), ids: sql`SELECT incident_id FROM dirty_incidents` };
      await run(sql`
        INSERT INTO incident_facts (level, incident_id, severity, impact_started_at, cohort, ttd, ttrb, restore, resolve,
                                    blast_services, regions, orders_lost, errors, users_affected, traffic_share, impact_minutes, ai_role)
        SELECT ${level}::float8, f.id, f.severity, f.impact_started_at, f.cohort, f.ttd, f.ttrb, f.restore, f.resolve,
               f.blast_services, f.regions, f.orders_lost, f.errors, f.users_affected, f.traffic_share, f.impact_minutes,
               (${currentRole(sql.ref('f.id'))})
        FROM (${incidentFacts(scope)}) f
      `);
    }
    await run(sql`DELETE FROM incident_scopes sc USING dirty_incidents x WHERE sc.incident_id = x.incident_id`);
    await run(sql`
      INSERT INTO incident_scopes (scope, impact_started_at, incident_id)
      SELECT DISTINCT sc.scope, i.impact_started_at, i.id
      FROM dirty_incidents x JOIN incidents i ON i.id = x.incident_id
      JOIN incident_services isv ON isv.incident_id = i.id JOIN services s ON s.id = isv.service_id
      CROSS JOIN LATERAL ${INCIDENT_SCOPES} AS sc (scope)
      WHERE sc.scope IS NOT NULL
    `);
    await analyzeUnanalyzed('incident_facts', 'incident_scopes');
    // Every incident of a dirty month, at every level, then counted and bucketed into the fleet
    // and each service, team, domain and tier it touched.
    await run(sql`
      CREATE TEMP TABLE month_facts ON COMMIT DROP AS
      SELECT f.*, m.month
      FROM dirty_months m
      JOIN incident_facts f ON f.impact_started_at >= m.month::timestamp AT TIME ZONE 'UTC'
        AND f.impact_started_at < (m.month + 1 * interval '1 month')::timestamp AT TIME ZONE 'UTC'
    `);
    await run(sql`ANALYZE month_facts`);
    // Counts and histograms per scope, one service included; trend points per fleet, team,
    // domain and tier (a service's few incidents per week are read when asked for).
    const rollupScopes = sql`(SELECT 'fleet' UNION ALL SELECT sc.scope FROM incident_scopes sc WHERE sc.incident_id = f.incident_id)`;
    const trendScopes = sql`(SELECT 'fleet' UNION ALL
      SELECT sc.scope FROM incident_scopes sc WHERE sc.incident_id = f.incident_id AND NOT ${serviceScopeIn(sql.ref('sc.scope'))})`;
    await run(sql`DELETE FROM incident_rollups r USING dirty_months m WHERE r.month = m.month`);
    await run(sql`
      INSERT INTO incident_rollups (scope, level, month, severity, cohort, incidents, classified, ai_involved)
      SELECT sc.scope, f.level, f.month, f.severity, f.cohort, count(*), count(f.ai_role),
             count(*) FILTER (WHERE ${aiInvolved(sql.ref('f.ai_role'))})
      FROM month_facts f CROSS JOIN LATERAL ${rollupScopes} AS sc (scope)
      GROUP BY 1, 2, 3, 4, 5
    `);
    await run(sql`DELETE FROM incident_histograms h USING dirty_months m WHERE h.month = m.month`);
    await run(sql`
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
    // Weekly and monthly trend points, exactly, for every scope, level, severity set and cohort
    // of a dirty week or month. A dirty month's facts are month_facts already; a week may reach
    // into a month that is not dirty, so its facts are read by time — in both forms, as
    // inDirtyDay: the range for a few weeks by index, the equality to hash-join many.
    const periodFacts = {
      week: sql`SELECT f.*, w.week AS period FROM dirty_weeks w
        JOIN incident_facts f ON f.impact_started_at >= w.week::timestamp AT TIME ZONE 'UTC'
          AND f.impact_started_at < (w.week + 7)::timestamp AT TIME ZONE 'UTC'
          AND w.week = ${weekOf(sql.ref('f.impact_started_at'))}`,
      month: sql`SELECT f.*, f.month AS period FROM month_facts f`,
    };
    for (const [grain, table] of [['week', 'dirty_weeks'], ['month', 'dirty_months']] as const) {
      await run(sql`DELETE FROM incident_trend_points t USING ${sql.table(table)} p WHERE t.grain = ${grain} AND t.period = ${sql.ref(`p.${grain}`)}`);
      await run(sql`
        INSERT INTO incident_trend_points (grain, scope, level, severities, period, cohort, stats)
        SELECT ${grain}::text, sc.scope, f.level, ss.severities, f.period, f.cohort, ${TREND_STATS}
        FROM (${periodFacts[grain]}) f
        CROSS JOIN LATERAL ${trendScopes} AS sc (scope)
        JOIN ${SEVERITY_SETS} AS ss (severities, members) ON f.severity = ANY(ss.members)
        GROUP BY 1, 2, 3, 4, 5, 6
      `);
    }
    const counts = await sql<{ days: number; incidents: number }>`
      SELECT (SELECT count(*)::int FROM dirty_days) AS days, (SELECT count(*)::int FROM dirty_incidents) AS incidents
    `.execute(tx);
    return counts.rows[0]!;
  });
}

/**
 * After a refresh: all-visible pages so that rollup and histogram reads are index-only, and
 * statistics for the planner. VACUUM cannot run in a transaction, so this runs after the
 * refresh commits.
 */
export async function vacuumDerived(db: Db): Promise<void> {
  await sql`VACUUM (ANALYZE) ${DERIVED_TABLES}`.execute(db);
}
