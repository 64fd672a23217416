// The Data quality page (docs/architecture.md "Web"): tagging coverage, how complete the incident
// times are, the data errors the metrics exclude, records pending a reference, open quarantine
// and the latest ingest runs.
import { sql } from 'kysely';
import type { DataQuality, Finding, IngestRun, QuarantineCount, TimeCompleteness } from '../api/data-quality/schema.ts';
import type { Db } from '../db/connection.ts';
import { listPending } from '../db/pending-records.repository.ts';
import { type MetricFilters, periodUnion } from './filters.ts';
import { INCIDENT_TIMES, type IncidentTime, incidentFacts, storedIncidentFacts } from './incident-facts.ts';
import { linkLevel } from './rollup-columns.ts';
import { rollupScope } from './rollup-scope.ts';
import { productionDeploymentsInScope } from './production-deployments.ts';
import { changeCoverage, deploymentCoverage, deploymentCoverageByTeam, deploymentCoverageByWeek } from './tagging-coverage.ts';

export type FindingMetric = IncidentTime | 'lead_time';
export type FindingKind = 'incident' | 'deployment' | 'change';

export const DEFAULT_FINDINGS_LIMIT = 1000;
const QUARANTINE_GROUPS = 20;
const PENDING_LISTED = 100;
const INGEST_RUNS = 20;

/**
 * Everything the Data quality page shows. Coverage, incident times and findings follow the
 * filters; pending records, quarantine and ingest runs describe the whole database (a record
 * not stored yet has no trustworthy period or service).
 */
export async function dataQuality(db: Db, filters: MetricFilters, findingsLimit = DEFAULT_FINDINGS_LIMIT): Promise<DataQuality> {
  const [deployments, changes, weekly, byTeam, incidentTimes, findings, pending, quarantine, ingestRuns] = await Promise.all([
    deploymentCoverage(db, filters),
    changeCoverage(db, filters),
    deploymentCoverageByWeek(db, filters),
    deploymentCoverageByTeam(db, filters),
    incidentTimeCompleteness(db, filters),
    dataFindings(db, filters, findingsLimit),
    listPending(db, PENDING_LISTED),
    openQuarantineByField(db),
    latestIngestRuns(db),
  ]);
  return {
    coverage: { deployments, changes, weekly, by_team: byTeam },
    incident_times: incidentTimes,
    findings: findings.findings,
    findings_total: findings.total,
    pending,
    quarantine,
    ingest_runs: ingestRuns,
  };
}

/**
 * docs/metrics.md "Incident times": "Missing inputs leave that time null (counted as "missing" on
 * Data quality). A negative duration is a data error". Over the incidents in scope (period,
 * severities, services), per time: known (≥ 0), missing (an input is null), negative.
 */
export async function incidentTimeCompleteness(db: Db, filters: MetricFilters): Promise<Record<IncidentTime, TimeCompleteness>> {
  const columns = INCIDENT_TIMES.flatMap((time) => [`${time}_known`, `${time}_negative`]);
  // Whole months from incident_rollups for a kept scope, the edges (or a combination of service
  // filters) from the stored facts, counted the same way.
  const fromFacts = (part: MetricFilters) => sql`
    SELECT 1 AS incidents, ${sql.join(INCIDENT_TIMES.flatMap((time) => [
      sql`(${sql.ref(`f.${time}`)} IS NOT NULL)::int AS ${sql.ref(`${time}_known`)}`,
      sql`(${time} = ANY(f.negative_times))::int AS ${sql.ref(`${time}_negative`)}`,
    ]))}
    FROM (${storedIncidentFacts(part)}) f`;
  const scope = rollupScope(filters);
  const rows = scope === null ? fromFacts(filters) : periodUnion(
    filters, 'month',
    (from, to) => sql`
      SELECT incidents, ${sql.join(columns.map((column) => sql.ref(column)))} FROM incident_rollups
      WHERE scope = ${scope} AND level = ${linkLevel(filters.minConfidence)}::float8
        AND month >= ${from}::date AND month < ${to}::date AND severity = ANY(${filters.severities}::text[])`,
    fromFacts,
  );
  const { rows: sums } = await sql<Record<string, number>>`
    SELECT coalesce(sum(incidents), 0)::int AS incidents, ${sql.join(columns.map((column) => sql`coalesce(sum(${sql.ref(column)}), 0)::int AS ${sql.ref(column)}`))}
    FROM (${rows}) x`.execute(db);
  const sum = sums[0]!;
  return Object.fromEntries(
    INCIDENT_TIMES.map((time) => {
      const known = sum[`${time}_known`]!;
      const negative = sum[`${time}_negative`]!;
      return [time, { incidents: sum.incidents!, known, missing: sum.incidents! - known - negative, negative }];
    }),
  ) as Record<IncidentTime, TimeCompleteness>;
}

/** A finding before its reason is written: the two times that contradict each other. */
interface FindingFacts {
  kind: FindingKind;
  id: string;
  metric: FindingMetric;
  field: string;
  field_at: Date;
  other_field: string;
  other_at: Date;
  /** For lead time, the change whose authored_at is later than the deployment. */
  other_id: string | null;
  value: number;
  total: number;
}

/**
 * The values metrics exclude as data errors, newest record first:
 * - docs/metrics.md "Incident times": a negative TTD, TTRb, restore or resolve of an incident in
 *   scope (the field named is the end that comes before the start);
 * - docs/metrics.md "DORA five", lead time: a production deployment in the period that finished
 *   before a change it shipped was authored.
 */
export async function dataFindings(db: Db, filters: MetricFilters, limit: number): Promise<{ total: number; findings: Finding[] }> {
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<FindingFacts>`
    -- The incidents in scope whose stored facts have a negative time, by their partial index;
    -- raw times only for as many as the page holds, first in the page's order: each has a
    -- finding, so no other can reach the page. Each negative time is one finding of the total.
    -- The page's incidents are the newest "limit" by start, ties by external id: that id is
    -- looked up (by key, in a LATERAL PostgreSQL cannot flatten) only for those starting at or
    -- after the limit-th newest start, not for all 2 400 of a year at 10 M deployments (15 ms).
    WITH negative AS (
      SELECT s.id, s.impact_started_at, cardinality(s.negative_times) AS findings
      FROM (${storedIncidentFacts(filters)}) s
      WHERE cardinality(s.negative_times) > 0),
    page AS (
      SELECT n.id FROM negative n
      CROSS JOIN LATERAL (SELECT i.external_id FROM incidents i WHERE i.id = n.id OFFSET 0) i
      WHERE n.impact_started_at >= coalesce((SELECT impact_started_at FROM negative ORDER BY impact_started_at DESC OFFSET ${limit - 1} LIMIT 1), '-infinity')
      ORDER BY n.impact_started_at DESC, i.external_id LIMIT ${limit}),
    f AS (${incidentFacts({ from: filters.from, to: filters.to, filters, ids: sql`SELECT id FROM page` })}),
    incident_finding AS (
      SELECT 'incident' AS kind, f.external_id AS id, t.metric, t.field, t.field_at, t.other_field, t.other_at,
             NULL::text AS other_id, t.minutes AS value, f.impact_started_at AS at
      FROM f CROSS JOIN LATERAL (VALUES
        ('ttd', 'detected_at', f.detected_at, 'impact_started_at', f.impact_started_at, f.raw_ttd),
        -- TTRb ends at the linked deployment's rollback finishing, else at mitigation
        ('ttrb', CASE WHEN f.rollback_finished_at IS NOT NULL THEN 'rollback_finished_at' ELSE 'mitigated_at' END,
                 coalesce(f.rollback_finished_at, f.mitigated_at), 'detected_at', f.detected_at, f.raw_ttrb),
        -- restore ends at mitigation, else at the rollback finishing
        ('restore', CASE WHEN f.mitigated_at IS NOT NULL THEN 'mitigated_at' ELSE 'rollback_finished_at' END,
                    coalesce(f.mitigated_at, f.rollback_finished_at), 'impact_started_at', f.impact_started_at, f.raw_restore),
        ('resolve', 'resolved_at', f.resolved_at, 'impact_started_at', f.impact_started_at, f.raw_resolve)
      ) t(metric, field, field_at, other_field, other_at, minutes)
      WHERE t.minutes < 0
    ),
    d AS (SELECT d.id, d.external_id, d.finished_at FROM ${productionDeploymentsInScope(filters, productionEnvironments)}),
    -- From the stored findings (derived/lead-time-findings.ts), of the deployments in scope.
    lead_time_finding AS (
      SELECT 'deployment' AS kind, d.external_id AS id, 'lead_time' AS metric, 'finished_at' AS field, d.finished_at AS field_at,
             'authored_at' AS other_field, lf.authored_at AS other_at, lf.change_external_id AS other_id, lf.minutes AS value, d.finished_at AS at
      FROM lead_time_findings lf JOIN d ON d.id = lf.deployment_id
    )
    SELECT kind, id, metric, field, field_at, other_field, other_at, other_id, value,
           ((SELECT coalesce(sum(findings), 0) FROM negative) + (SELECT count(*) FROM lead_time_finding))::int AS total
    FROM (SELECT * FROM incident_finding UNION ALL SELECT * FROM lead_time_finding) finding
    ORDER BY at DESC, kind, id, metric, other_id
    LIMIT ${limit}
  `.execute(db);
  // No rows: no findings at all (the limit is at least 1).
  return {
    total: rows[0]?.total ?? 0,
    findings: rows.map((row) => ({ kind: row.kind, id: row.id, field: row.field, metric: row.metric, reason: findingReason(row), value: row.value })),
  };
}

const METRIC_NAMES: Record<FindingMetric, string> = {
  ttd: 'TTD',
  ttrb: 'TTRb',
  restore: 'time to restore',
  resolve: 'time to resolve',
  lead_time: 'lead time',
};

/** RFC 3339 without the milliseconds when there are none: 2026-03-05T11:50:00Z. */
const instant = (at: Date) => at.toISOString().replace('.000Z', 'Z');

/** Minutes with a true minus sign, to a tenth: −10, −2.5. */
const signedMinutes = (value: number) => `${value < 0 ? '−' : ''}${Number(Math.abs(value).toFixed(1))}`;

/**
 * The sentence the Data quality page shows, naming both fields and their values, e.g.
 * "detected_at 2026-03-05T11:50:00Z is before impact_started_at 2026-03-05T12:00:00Z: TTD −10 min excluded".
 */
export function findingReason(f: Pick<FindingFacts, 'metric' | 'field' | 'field_at' | 'other_field' | 'other_at' | 'other_id' | 'value'>): string {
  const other = f.other_id === null ? f.other_field : `change ${f.other_id} ${f.other_field}`;
  return `${f.field} ${instant(f.field_at)} is before ${other} ${instant(f.other_at)}: ${METRIC_NAMES[f.metric]} ${signedMinutes(f.value)} min excluded`;
}

/** Open quarantine (not resolved by a retry), counted by record kind and field, largest first. */
export async function openQuarantineByField(db: Db): Promise<{ total: number; by_field: QuarantineCount[] }> {
  const { rows } = await sql<QuarantineCount & { total: number }>`
    SELECT kind, field, count(*)::int AS count, (sum(count(*)) OVER ())::int AS total
    FROM quarantine
    WHERE resolved_at IS NULL
    GROUP BY kind, field
    ORDER BY count DESC, kind, field
    LIMIT ${QUARANTINE_GROUPS}
  `.execute(db);
  return { total: rows[0]?.total ?? 0, by_field: rows.map(({ total: _total, ...group }) => group) };
}

/** The latest ingest runs (ingest_batches), newest first, with their record counts. */
export async function latestIngestRuns(db: Db): Promise<IngestRun[]> {
  return db
    .selectFrom('ingest_batches')
    .select(['id', 'source', 'origin', 'status', 'started_at', 'finished_at', 'received', 'inserted', 'updated', 'unchanged', 'quarantined', 'pending', 'error'])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(INGEST_RUNS)
    .execute();
}
