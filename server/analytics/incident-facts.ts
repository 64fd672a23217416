import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Percentiles, Spread } from '../api/metrics/schema.ts';
import type { IncidentFactsTable } from '../db/schema.ts';
import type { Db } from '../db/connection.ts';
import { minutesBetween } from './duration-histogram.ts';
import { type MetricFilters, serviceFilter } from './filters.ts';
import { linkLevel } from './rollup-columns.ts';
import { rollupScope } from './rollup-scope.ts';

/** An incident's cohort (docs/metrics.md "Linking"): from its links at ≥ min_confidence. */
export type IncidentCohort = 'ai' | 'human' | 'unknown' | 'unattributed';
export const INCIDENT_COHORTS: readonly IncidentCohort[] = ['ai', 'human', 'unknown', 'unattributed'];

/** The per-incident values that docs/metrics.md defines, in minutes; null when missing or negative. */
export const INCIDENT_TIMES = ['ttd', 'ttrb', 'restore', 'resolve'] as const;
export type IncidentTime = (typeof INCIDENT_TIMES)[number];
export const BLAST_MEASURES = ['blast_services', 'regions', 'orders_lost', 'errors', 'users_affected', 'traffic_share', 'impact_minutes'] as const;
export type BlastMeasure = (typeof BLAST_MEASURES)[number];

export interface IncidentScope {
  from: Date;
  to: Date;
  filters: MetricFilters;
  /** Only these incidents (internal ids, or a query of them), whatever the period and severity. */
  ids?: string[] | RawBuilder<unknown>;
}

/**
 * One row per incident in the scope (impact_started_at in [from, to), severity in the filter,
 * affecting a service the filters keep), with its cohort, times and blast radius — the facts
 * every incident metric aggregates (docs/metrics.md "Incident times", "Blast radius"). Raw minutes
 * (`raw_*`) keep negative values so Data quality can list them; the plain columns drop them.
 * Use as a CTE: sql`WITH f AS (${incidentFacts(scope)}) SELECT … FROM f`.
 */
export function incidentFacts({ from, to, filters, ids }: IncidentScope): RawBuilder<unknown> {
  return sql`
    SELECT i.id, i.external_id, i.title, i.severity, i.impact_started_at,
           i.detected_at, i.mitigated_at, i.resolved_at, x.cohort, x.rollback_finished_at,
           x.raw_ttd, x.raw_ttrb, x.raw_restore, x.raw_resolve,
           CASE WHEN x.raw_ttd >= 0 THEN x.raw_ttd END AS ttd,
           CASE WHEN x.raw_ttrb >= 0 THEN x.raw_ttrb END AS ttrb,
           CASE WHEN x.raw_restore >= 0 THEN x.raw_restore END AS restore,
           CASE WHEN x.raw_resolve >= 0 THEN x.raw_resolve END AS resolve,
           x.blast_services, cardinality(i.regions) AS regions,
           i.orders_lost::float8 AS orders_lost, i.errors::float8 AS errors,
           i.users_affected::float8 AS users_affected, i.traffic_share,
           -- impact minutes = traffic_share × minutes from impact start to restore
           CASE WHEN x.raw_restore >= 0 THEN i.traffic_share * x.raw_restore END AS impact_minutes
    FROM incidents i
    CROSS JOIN LATERAL (
      SELECT l.cohort, r.rollback_finished_at, s.blast_services,
             ${minutesBetween(sql`i.detected_at`, sql`i.impact_started_at`)} AS raw_ttd,
             -- the end of the bad change: its rollback finishing, else mitigation. "Its rollback"
             -- is the first one finished once impact began: an earlier rollback of the same
             -- deployment cannot have ended this incident.
             ${minutesBetween(sql`coalesce(r.rollback_finished_at, i.mitigated_at)`, sql`i.detected_at`)} AS raw_ttrb,
             ${minutesBetween(sql`coalesce(i.mitigated_at, r.rollback_finished_at)`, sql`i.impact_started_at`)} AS raw_restore,
             ${minutesBetween(sql`i.resolved_at`, sql`i.impact_started_at`)} AS raw_resolve
      FROM (
        SELECT CASE WHEN count(*) = 0 THEN 'unattributed'
                    WHEN bool_or(d.cohort = 'ai') THEN 'ai'
                    WHEN bool_or(d.cohort = 'human') THEN 'human'
                    ELSE 'unknown' END AS cohort
        FROM incident_links il JOIN deployments d ON d.id = il.deployment_id
        WHERE il.incident_id = i.id AND il.confidence >= ${filters.minConfidence}
      ) l,
      (
        SELECT min(rb.finished_at) AS rollback_finished_at
        FROM incident_links il
        JOIN deployments d ON d.id = il.deployment_id
        JOIN deployments rb ON rb.rollback_of = d.external_id AND rb.service_id = d.service_id
        WHERE il.incident_id = i.id AND il.confidence >= ${filters.minConfidence}
          AND rb.status IN ('succeeded', 'rolled_back') AND rb.finished_at >= i.impact_started_at
      ) r,
      (SELECT greatest(count(*), 1)::int AS blast_services FROM incident_services isv WHERE isv.incident_id = i.id) s
    ) x
    WHERE ${
      Array.isArray(ids)
        ? sql`i.id = ANY(${ids}::bigint[])`
        : ids
        ? sql`i.id IN (${ids})`
        : sql`i.impact_started_at >= ${from} AND i.impact_started_at < ${to}
              AND i.severity = ANY(${filters.severities}::text[])
              AND ${incidentServiceFilter(sql.ref('i.id'), filters)}`
    }
  `;
}

/**
 * The current classification's role of an incident (docs/metrics.md: the latest one), in SQL. Two at
 * the same instant are told apart by natural key, not by which was stored first, so that the
 * order of ingest never changes the role.
 */
export const currentRole = (incidentId: RawBuilder<unknown>) => sql`
  SELECT c.ai_role FROM classifications c WHERE c.incident_id = ${incidentId}
  ORDER BY ${sql.raw(CLASSIFICATIONS_NEWEST_FIRST)} LIMIT 1`;

/** Newest first, ties by natural key: the first is the current classification. */
export const CLASSIFICATIONS_NEWEST_FIRST = 'c.classified_at DESC, c.source DESC, c.external_id DESC';

/** docs/metrics.md "AI role classification": AI-involved = classified primary or contributory, in SQL. */
export const aiInvolved = (role: RawBuilder<unknown>) => sql<boolean>`coalesce(${role} IN ('primary', 'contributory'), false)`;

/** docs/metrics.md "Periods and filters": an incident is kept when it affected a service the filters keep. */
export function incidentServiceFilter(incidentId: RawBuilder<unknown>, filters: MetricFilters): RawBuilder<unknown> {
  if (filters.service === null && filters.team === null && filters.domain === null && filters.tier === null) return sql`true`;
  return sql`EXISTS (SELECT 1 FROM incident_services isv JOIN services s ON s.id = isv.service_id
                     WHERE isv.incident_id = ${incidentId} AND ${serviceFilter(filters)})`;
}

/**
 * The same rows as incidentFacts() for a period, read from their materialized copy
 * (incident_facts, kept by analytics/derived/) at the filters' confidence level.
 */
export function storedIncidentFacts(filters: MetricFilters): RawBuilder<unknown> {
  const rows = incidentsInScope(filters, sql`incident_facts f`, 'f.incident_id', 'f.impact_started_at');
  // LEFT: every fact has its incident, and PostgreSQL drops the join when nobody reads i.
  return sql`
    SELECT f.incident_id AS id, i.external_id, i.title, f.severity, f.impact_started_at, f.cohort,
           f.ttd, f.ttrb, f.restore, f.resolve, f.blast_services, f.regions, f.orders_lost, f.errors,
           f.users_affected, f.traffic_share, f.impact_minutes, f.ai_role, f.negative_times
    FROM ${rows.from} LEFT JOIN incidents i ON i.id = f.incident_id
    WHERE f.level = ${linkLevel(filters.minConfidence)}::float8 AND f.severity = ANY(${filters.severities}::text[]) AND ${rows.where}`;
}

/**
 * Rows of a per-incident table (`from`, with its incident id and impact time columns) in the
 * filters' period whose incident the service filters keep. One service, team, domain or tier
 * reads its incidents by time from incident_scopes (`at` is then that index's column, for
 * ORDER BY … LIMIT); two or more combined test each incident of the period.
 */
export function incidentsInScope(filters: MetricFilters, from: RawBuilder<unknown>, id: string, at: string): { from: RawBuilder<unknown>; where: RawBuilder<unknown>; at: RawBuilder<unknown> } {
  const scope = rollupScope(filters);
  const inPeriod = (column: RawBuilder<unknown>) => sql`${column} >= ${filters.from} AND ${column} < ${filters.to}`;
  if (scope !== null && scope !== 'fleet') {
    // The period on both sides (each holds the incident's own impact time): a scope holding
    // thousands of the period's incidents then joins the period's rows of `from` instead of
    // merging with every row of it (an SLO window of one tier: 73 → 17 ms).
    return {
      from: sql`incident_scopes sc JOIN ${from} ON ${sql.ref(id)} = sc.incident_id`,
      where: sql`sc.scope = ${scope} AND ${inPeriod(sql.ref('sc.impact_started_at'))} AND ${inPeriod(sql.ref(at))}`,
      at: sql.ref('sc.impact_started_at'),
    };
  }
  return {
    from,
    where: sql`${inPeriod(sql.ref(at))} AND ${incidentServiceFilter(sql.ref(id), filters)}`,
    at: sql.ref(at),
  };
}

export type { Percentiles, Spread };

/** `percentile_cont` median and p90 of a column, as PostgreSQL interpolates them (docs/api.md). */
export function percentiles(column: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`json_build_object(
    'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}),
    'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}))`;
}

/** Median, p90 and maximum, for blast radius (docs/metrics.md: "Trends show medians, p90 and maxima"). */
export function spread(column: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`json_build_object(
    'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}),
    'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}),
    'max', max(${column}))`;
}

/** One incident's facts: the incident_facts row (one level) with the incident's ids and title. */
export type IncidentFactRow = Omit<Selectable<IncidentFactsTable>, 'level' | 'incident_id'> & {
  id: string;
  external_id: string;
  title: string;
};

/** The facts of each incident in the scope, for lists and for tests that check the arithmetic. */
export async function listIncidentFacts(db: Db, scope: IncidentScope): Promise<IncidentFactRow[]> {
  const { rows } = await sql<IncidentFactRow>`
    WITH f AS (${incidentFacts(scope)})
    SELECT id, external_id, title, severity, impact_started_at, cohort, ttd, ttrb, restore, resolve,
           blast_services, regions, orders_lost, errors, users_affected, traffic_share, impact_minutes
    FROM f ORDER BY impact_started_at, id
  `.execute(db);
  return rows;
}
