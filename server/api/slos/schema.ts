import { type Static, Type } from 'typebox';
import { SEVERITIES } from '../../../ingest/model.ts';
import { BURNING_LIMIT } from '../../analytics/slo-evaluation.ts';
import { SLO_COHORTS, SLO_METRICS } from '../../db/slo-policies.repository.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';

const PolicyFields = {
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9_.-]*$' }),
  metric: Type.Enum(SLO_METRICS),
  cohort: Type.Enum(SLO_COHORTS),
  severities: Type.Array(Type.Enum(SEVERITIES), { minItems: 1, uniqueItems: true }),
  threshold: Type.Number({ minimum: 0, description: 'minutes for times, services for blast_services, 0–1 for traffic_share and cfr' }),
  objective: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
  window_days: Type.Integer({ minimum: 1, maximum: 366 }),
  enabled: Type.Boolean(),
};

const Policy = Type.Object({ id: Type.String(), ...PolicyFields, created_at: DateTime, updated_at: DateTime });

const Evaluation = Type.Object({
  policy: Policy,
  window: Type.Object({ from: Type.String(), to: Type.String() }),
  total: Type.Integer(),
  good: Type.Integer(),
  missing: Type.Integer({ description: 'incidents whose value is unknown (not judged)' }),
  attainment: Nullable(Type.Number()),
  attainment_ci_low: Nullable(Type.Number({ description: "the attainment's Wilson 95 % interval; null without judged incidents and for cfr" })),
  attainment_ci_high: Nullable(Type.Number()),
  budget_remaining: Nullable(Type.Number()),
  burn_rate: Nullable(Type.Number()),
  rate: Nullable(Type.Number()),
  ci_low: Nullable(Type.Number({ description: 'cfr: the Wilson 95 % interval of the rate; the policy judges ci_high' })),
  ci_high: Nullable(Type.Number()),
  status: Type.Enum(['met', 'at_risk', 'breached', 'no_data']),
  burning: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), severity: Type.String(), impact_started_at: DateTime, value: Type.Number() }), {
    description: 'the incidents that burned the budget, worst first, at most burning_limit of them (total − good counts them all)',
  }),
});

export const SloListSchema = {
  summary: 'Every SLO policy with its evaluation over the rolling window ending at `to` (docs/metrics.md "AI-safety SLOs")',
  querystring: Type.Object({
    ...MetricFilterQuery.properties,
    burning_limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: `burning incidents listed per SLO, worst first; default ${BURNING_LIMIT}` })),
  }),
  response: { 200: Type.Object({ slos: Type.Array(Evaluation) }), 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

export const HistoryPoint = Type.Object({
  policy: Type.String({ description: 'the policy id' }),
  at: Type.String({ format: 'date-time', description: "the end of the window (exclusive): a Monday at midnight UTC, or the period's `to`" }),
  total: Type.Integer(),
  good: Type.Integer(),
  attainment: Nullable(Type.Number()),
  attainment_ci_low: Nullable(Type.Number()),
  attainment_ci_high: Nullable(Type.Number()),
  budget_remaining: Nullable(Type.Number()),
  rate: Nullable(Type.Number()),
  ci_low: Nullable(Type.Number({ description: 'cfr: the Wilson 95 % interval of the rate; the policy judges ci_high' })),
  ci_high: Nullable(Type.Number()),
  status: Type.Enum(['met', 'at_risk', 'breached', 'no_data']),
});
export type SloHistoryPoint = Static<typeof HistoryPoint>;

export const SloHistorySchema = {
  summary: 'Each policy evaluated over its rolling window ending at every Monday of the period and at `to` (docs/metrics.md "AI-safety SLOs")',
  querystring: Type.Object({
    ...MetricFilterQuery.properties,
    policy: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'one policy id; default every policy' })),
  }),
  response: { 200: Type.Object({ period: Period, points: Type.Array(HistoryPoint) }), 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
const AdminErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody };

export const SloCreateSchema = {
  summary: 'Create an SLO policy (role admin; audited)',
  body: Type.Object({
    ...PolicyFields,
    severities: Type.Optional(PolicyFields.severities),
    window_days: Type.Optional(PolicyFields.window_days),
    enabled: Type.Optional(PolicyFields.enabled),
  }),
  response: { 201: Policy, ...AdminErrors },
};

export const SloUpdateSchema = {
  summary: 'Change an SLO policy (role admin; audited)',
  params: IdParams,
  body: Type.Partial(Type.Object(PolicyFields), { minProperties: 1 }),
  response: { 200: Policy, ...AdminErrors },
};

export const SloDeleteSchema = {
  summary: 'Delete an SLO policy (role admin; audited)',
  params: IdParams,
  response: { 204: Type.Null(), ...AdminErrors },
};
