import { type Static, type TSchema, Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';

export const CfrTrendResponse = Type.Object({
  period: Period,
  min_confidence: Type.Number(),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week Monday, YYYY-MM-DD' }),
      cohort: Type.Union([Type.Literal('ai'), Type.Literal('human'), Type.Literal('unknown')]),
      deployments: Type.Integer(),
      failed: Type.Integer(),
      rate: Type.Number(),
      ci_low: Type.Number(),
      ci_high: Type.Number(),
    }),
  ),
});

export type CfrPoint = Static<typeof CfrTrendResponse>['weeks'][number];

export const CfrTrendSchema = {
  summary: 'Weekly change failure rate per cohort with Wilson 95 % intervals (docs/metrics.md)',
  querystring: MetricFilterQuery,
  response: { 200: CfrTrendResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

const NullableNumber = Nullable(Type.Number());
export const Percentiles = Type.Object({ median: NullableNumber, p90: NullableNumber });
export type Percentiles = Static<typeof Percentiles>;
export const CohortCfr = Type.Object({
  deployments: Type.Integer(),
  failed: Type.Integer(),
  rate: NullableNumber,
  ci_low: NullableNumber,
  ci_high: NullableNumber,
});
/** A cohort's change failure rate over a period, with its Wilson 95 % interval. */
export type CohortCfr = Static<typeof CohortCfr>;
export const CohortIncidents = Type.Object({
  count: Type.Integer(),
  ttd: Percentiles,
  ttrb: Percentiles,
  restore: Percentiles,
  blast_services: Type.Object({ median: NullableNumber, p90: NullableNumber, max: NullableNumber }),
});
export type CohortIncidents = Static<typeof CohortIncidents>;

/** docs/api.md "GET /api/metrics/summary"; durations in minutes, rates 0–1, unknown values null. */
export const MetricsSummaryResponse = Type.Object({
  period: Period,
  coverage: Type.Object({
    deployments: Type.Integer(),
    known: Type.Integer(),
    share: NullableNumber,
    ci_low: Type.Union([Type.Number(), Type.Null()], { description: "the share's 95 % Wilson interval" }),
    ci_high: Type.Union([Type.Number(), Type.Null()], { description: "the share's 95 % Wilson interval" }),
    by_evidence: Type.Record(Type.String(), Type.Integer()),
  }),
  cfr: Type.Object({
    ai: CohortCfr,
    human: CohortCfr,
    unknown: CohortCfr,
    risk_ratio: Type.Object({ value: NullableNumber, ci_low: NullableNumber, ci_high: NullableNumber, p_value: NullableNumber }),
    headline: Type.String({ description: 'states a difference only when p < 0.05' }),
  }),
  incidents: Type.Object({
    total: Type.Integer(),
    sev1: Type.Integer(),
    sev2: Type.Integer(),
    unattributed: Type.Integer(),
    by_cohort: Type.Object({ ai: CohortIncidents, human: CohortIncidents, unknown: CohortIncidents }),
    ai_involved: Type.Integer({ description: 'classified primary or contributory (docs/metrics.md "AI role classification")' }),
    unclassified: Type.Integer(),
    times_exact: Type.Boolean({
      description: 'true: TTD, time to rollback and restore percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 incidents). Services hit are always exact',
    }),
  }),
  dora: Type.Object({
    deploys_per_week: Type.Number(),
    lead_time: Percentiles,
    merge_to_deploy: Type.Object(Percentiles.properties, { description: 'merge-to-deploy, beside lead time, for changes whose merged_at is known' }),
    cfr: NullableNumber,
    cfr_ci_low: Type.Union([Type.Number(), Type.Null()], { description: "the CFR's 95 % Wilson interval" }),
    cfr_ci_high: Type.Union([Type.Number(), Type.Null()], { description: "the CFR's 95 % Wilson interval" }),
    recovery_time: Percentiles,
    rework_rate: NullableNumber,
    rework_ci_low: Type.Union([Type.Number(), Type.Null()], { description: "the rework rate's 95 % Wilson interval" }),
    rework_ci_high: Type.Union([Type.Number(), Type.Null()], { description: "the rework rate's 95 % Wilson interval" }),
    durations_exact: Type.Boolean({
      description: 'true: lead time, merge-to-deploy and recovery percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 values)',
    }),
  }),
  slos: Type.Array(
    Type.Object({
      name: Type.String(),
      metric: Type.String(),
      cohort: Type.String(),
      attainment: NullableNumber,
      objective: Type.Number(),
      budget_remaining: NullableNumber,
      burn_rate: NullableNumber,
      status: Type.Union([Type.Literal('met'), Type.Literal('at_risk'), Type.Literal('breached'), Type.Literal('no_data')]),
    }),
  ),
  governance: Type.Object({
    evaluated: Type.Integer(),
    violations: Type.Record(Type.String(), Type.Integer()),
  }),
});

type MetricsSummaryBody = Static<typeof MetricsSummaryResponse>;
export type Coverage = MetricsSummaryBody['coverage'];
export type RiskRatio = MetricsSummaryBody['cfr']['risk_ratio'];
/** The `incidents` object of GET /api/metrics/summary (docs/api.md). */
export type IncidentSummary = MetricsSummaryBody['incidents'];
/** The `dora` object of GET /api/metrics/summary (docs/api.md), durations in minutes. */
export type Dora = MetricsSummaryBody['dora'];

export const ProportionChange = Type.Object({
  difference: Type.Union([Type.Number(), Type.Null()], { description: 'after − before (rates 0–1)' }),
  z: NullableNumber,
  p_value: Type.Union([Type.Number(), Type.Null()], { description: 'two-sided two-proportion z-test; null when a period has none to count' }),
});
export type ProportionChange = Static<typeof ProportionChange>;

export const ControlRate = Type.Object({ violations: Type.Integer(), evaluated: Type.Integer(), rate: NullableNumber, ci_low: NullableNumber, ci_high: NullableNumber });
/** Deployments that violated a control, of those evaluated, with the rate's Wilson 95 % interval. */
export type ControlRate = Static<typeof ControlRate>;

export const CompareSchema = {
  summary: 'The period split at a day: the summary before and after it, and whether each rate changed (docs/metrics.md "Before and after a date")',
  querystring: Type.Object({
    ...MetricFilterQuery.properties,
    split: Type.String({ description: 'first day of the "after" part, YYYY-MM-DD, strictly inside the period' }),
  }),
  response: {
    200: Type.Object({
      period: Period,
      split: Type.String(),
      before: MetricsSummaryResponse,
      after: MetricsSummaryResponse,
      cfr: Type.Object({ ai: ProportionChange, human: ProportionChange, unknown: ProportionChange }, { description: "each cohort's CFR change, after − before" }),
      governance: Type.Record(
        Type.String(),
        Type.Object({ before: ControlRate, after: ControlRate, change: ProportionChange }),
        { description: 'per deployment control: violations / evaluated deployments in each part, and its change' },
      ),
    }),
    400: ErrorBody,
    401: ErrorBody,
    500: ErrorBody,
  },
};

export type PeriodComparison = Static<(typeof CompareSchema.response)[200]>;

export const MetricsSummarySchema = {
  summary: 'Headline metrics for a period: coverage, CFR and risk ratio, incidents, DORA, SLOs, governance (docs/api.md)',
  querystring: MetricFilterQuery,
  response: { 200: MetricsSummaryResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

export const Spread = Type.Object({ median: NullableNumber, p90: NullableNumber, max: NullableNumber });
export type Spread = Static<typeof Spread>;
export const CohortIncidentTrend = Type.Object({
  count: Type.Integer(),
  ttd: Percentiles,
  ttrb: Percentiles,
  restore: Percentiles,
  blast_services: Spread,
  impact_minutes: Spread,
  orders_lost: Type.Object({ sum: NullableNumber, max: NullableNumber }),
});
/** A trend point's incident figures for one cohort (docs/metrics.md: medians, p90 and maxima). */
export type CohortIncidentTrend = Static<typeof CohortIncidentTrend>;

export const TrendsSchema = {
  summary: 'Weekly or monthly trends: deployments, coverage, CFR per cohort, rework, incidents per cohort with times and blast radius',
  querystring: Type.Object({ ...MetricFilterQuery.properties, grain: Type.Optional(Type.Enum(['week', 'month'], { description: 'default week' })) }),
  response: {
    200: Type.Object({
      period: Period,
      grain: Type.Enum(['week', 'month']),
      points: Type.Array(Type.Object({
        period: Type.String({ description: 'first day of the ISO week or month, YYYY-MM-DD' }),
        days: Type.Number({ description: 'days of it inside the filter period' }),
        deployments: Type.Integer(),
        deploys_per_week: Type.Number(),
        coverage: NullableNumber,
        rework_rate: NullableNumber,
        cfr: Type.Object({ ai: CohortCfr, human: CohortCfr, unknown: CohortCfr, all: CohortCfr }),
        incidents: Type.Object({
          total: Type.Integer(),
          unattributed: Type.Integer(),
          ai: CohortIncidentTrend,
          human: CohortIncidentTrend,
          unknown: CohortIncidentTrend,
        }),
      })),
    }),
    400: ErrorBody,
    401: ErrorBody,
    500: ErrorBody,
  },
};

export type TrendPoint = Static<(typeof TrendsSchema.response)[200]>['points'][number];

export const WhatIfPoint = Type.Object({ share: Type.Number(), expected_failed_per_week: Type.Number(), ci_low: Type.Number(), ci_high: Type.Number() });
export type WhatIfPoint = Static<typeof WhatIfPoint>;

export const WhatIfSchema = {
  summary: 'Expected failed deployments per week if the AI share of deployments becomes `share` (docs/metrics.md "What-if")',
  querystring: Type.Object({ ...MetricFilterQuery.properties, share: Type.Optional(Type.String({ description: 'target AI share, 0–1' })) }),
  response: {
    200: Type.Object({
      period: Period,
      weekly_deployments: Type.Number(),
      current_share: Type.Union([Type.Number(), Type.Null()], { description: 'AI / (AI + human) production deployments' }),
      current_share_ci_low: Type.Union([Type.Number(), Type.Null()], { description: "the current share's 95 % Wilson interval" }),
      current_share_ci_high: Type.Union([Type.Number(), Type.Null()], { description: "the current share's 95 % Wilson interval" }),
      cfr: Type.Object({ ai: CohortCfr, human: CohortCfr }),
      target: Nullable(WhatIfPoint),
      curve: Type.Array(Type.Object({ ...WhatIfPoint.properties, current: Type.Boolean({ description: 'true for the share deployments have today' }) })),
      note: Nullable(Type.String({ description: 'why there is no projection (a cohort without deployments)' })),
    }),
    400: ErrorBody,
    401: ErrorBody,
    500: ErrorBody,
  },
};

type WhatIfBody = Static<(typeof WhatIfSchema.response)[200]>;
export type WhatIfCurvePoint = WhatIfBody['curve'][number];
/** The what-if answer without its period (the handler adds it). */
export type WhatIfProjection = Omit<WhatIfBody, 'period'>;
