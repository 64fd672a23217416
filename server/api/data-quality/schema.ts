import { type Static, Type } from 'typebox';
import { DEFAULT_FINDINGS_LIMIT } from '../../analytics/data-quality.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';

export const DataQualityQuery = Type.Object({
  ...MetricFilterQuery.properties,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: DEFAULT_FINDINGS_LIMIT, description: 'most findings returned' })),
});

/** docs/metrics.md "Tagging coverage": known / all, split by evidence. */
const CoverageCounts = {
  known: Type.Integer({ description: 'whose AI status is known' }),
  share: Nullable(Type.Number({ description: 'known / all; null when there are none' })),
  ci_low: Nullable(Type.Number({ description: "the share's 95 % Wilson interval, low end" })),
  ci_high: Nullable(Type.Number({ description: "the share's 95 % Wilson interval, high end" })),
  by_evidence: Type.Record(Type.String(), Type.Integer(), { description: 'declared, trailer, bot_author, label, ticket, inferred' }),
};
const DeploymentCoverage = Type.Object({ deployments: Type.Integer({ description: 'production deployments in the period' }), ...CoverageCounts });
export const ChangeCoverage = Type.Object({ changes: Type.Integer({ description: 'changes authored in the period' }), ...CoverageCounts });
export type ChangeCoverage = Static<typeof ChangeCoverage>;

export const TimeCompleteness = Type.Object({
  incidents: Type.Integer({ description: 'incidents in scope' }),
  known: Type.Integer({ description: 'with a value ≥ 0' }),
  missing: Type.Integer({ description: 'an input is missing, so the time is null' }),
  negative: Type.Integer({ description: 'a negative duration: a data error, excluded (listed in findings)' }),
});
/** How many incidents in scope have each time: known, missing an input, or negative (excluded). */
export type TimeCompleteness = Static<typeof TimeCompleteness>;

export const Finding = Type.Object({
  kind: Type.Union([Type.Literal('incident'), Type.Literal('deployment'), Type.Literal('change')]),
  id: Type.String({ description: "the record's id in its source" }),
  field: Type.String({ description: 'the field whose time comes too early, e.g. detected_at; finished_at for lead time' }),
  metric: Type.Union([Type.Literal('ttd'), Type.Literal('ttrb'), Type.Literal('restore'), Type.Literal('resolve'), Type.Literal('lead_time')]),
  reason: Type.String({ description: 'names both fields and their values, and the value excluded' }),
  value: Type.Number({ description: 'the excluded duration, minutes (negative)' }),
});
/** A value a metric excluded because its record's times contradict each other. */
export type Finding = Static<typeof Finding>;

export const QuarantineCount = Type.Object({
  kind: Nullable(Type.String()),
  field: Nullable(Type.String({ description: 'e.g. incident.severity; null when the reason names no field' })),
  count: Type.Integer(),
});
export type QuarantineCount = Static<typeof QuarantineCount>;

export const IngestRun = Type.Object({
  id: Type.String(),
  source: Type.String(),
  origin: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('abandoned')]),
  started_at: DateTime,
  finished_at: Nullable(DateTime),
  received: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  quarantined: Type.Integer(),
  pending: Type.Integer({ description: 'records this run kept waiting for a record they refer to' }),
  error: Nullable(Type.String()),
});
export type IngestRun = Static<typeof IngestRun>;

const PendingRecord = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  external_id: Type.String({ description: "the record's own id in its source" }),
  field: Type.String({ description: 'the reference that is not stored yet, e.g. classification.incident' }),
  waiting_for: Type.String({ description: 'the id that reference names' }),
  origin: Nullable(Type.String({ description: 'file or request it came from' })),
  line: Nullable(Type.Integer()),
  batch_id: Nullable(Type.String({ description: 'the ingest run that last sent it' })),
  received_at: DateTime,
});

export const WeeklyCoverage = Type.Object({
  week: Type.String({ description: 'Monday of the ISO week, YYYY-MM-DD' }),
  deployments: Type.Integer({ description: 'production deployments that week' }),
  known: Type.Integer(),
  by_evidence: CoverageCounts.by_evidence,
});
export type WeeklyCoverage = Static<typeof WeeklyCoverage>;
export const TeamCoverage = Type.Object({
  team: Nullable(Type.String({ description: 'null for services without a team' })),
  deployments: Type.Integer({ description: 'production deployments in the period' }),
  untagged: Type.Integer({ description: 'whose AI status nobody stated' }),
  known: CoverageCounts.known,
  share: CoverageCounts.share,
  ci_low: CoverageCounts.ci_low,
  ci_high: CoverageCounts.ci_high,
});
export type TeamCoverage = Static<typeof TeamCoverage>;

export const DataQualityResponse = Type.Object({
  period: Period,
  coverage: Type.Object({
    deployments: DeploymentCoverage,
    changes: ChangeCoverage,
    weekly: Type.Array(WeeklyCoverage, { description: 'production deployment coverage per ISO week of the period' }),
    by_team: Type.Array(TeamCoverage, { description: 'per owning team, most untagged first: who to ask for the missing tags' }),
  }),
  incident_times: Type.Object(
    { ttd: TimeCompleteness, ttrb: TimeCompleteness, restore: TimeCompleteness, resolve: TimeCompleteness },
    { description: 'docs/metrics.md "Incident times": per time, over the incidents in scope' },
  ),
  findings: Type.Array(Finding, { description: 'data errors the metrics exclude (negative incident times, negative lead times), newest record first' }),
  findings_total: Type.Integer({ description: 'all findings in scope; findings holds the first `limit`' }),
  pending: Type.Object(
    {
      total: Type.Integer({ description: 'records stored to wait for a record they refer to; each applies by itself when its target arrives' }),
      by_field: Type.Array(Type.Object({ kind: Type.String(), field: Type.String(), count: Type.Integer() })),
      items: Type.Array(PendingRecord, { description: 'the 100 that have waited longest' }),
    },
    { description: 'the whole database, whatever the filters' },
  ),
  quarantine: Type.Object(
    {
      total: Type.Integer({ description: 'open quarantined records (not resolved by a retry)' }),
      by_field: Type.Array(QuarantineCount, { description: 'the 20 largest groups by kind and field' }),
    },
    { description: 'the whole database, whatever the filters' },
  ),
  ingest_runs: Type.Array(IngestRun, { description: 'the 20 latest ingest runs, newest first, whatever the filters' }),
});

/** The data quality answer without its period (the handler adds it). */
export type DataQuality = Omit<Static<typeof DataQualityResponse>, 'period'>;

export const DataQualitySchema = {
  summary: 'Data quality: tagging coverage, incident time completeness, excluded data errors, open quarantine, ingest runs',
  querystring: DataQualityQuery,
  response: { 200: DataQualityResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
