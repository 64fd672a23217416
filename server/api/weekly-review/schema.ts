import { type Static, Type } from 'typebox';
import { GOVERNANCE_CONTROLS } from '../../analytics/governance-control-list.ts';
import { ErrorBody } from '../error-schema.ts';
import { Period } from '../filter-schema.ts';
import { FollowUp } from '../follow-ups/schema.ts';
import { GovernanceViolationsResponse } from '../governance/schema.ts';
import { IncidentRow } from '../incidents/schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';

const NullableNumber = Nullable(Type.Number());
const Control = Type.Enum(GOVERNANCE_CONTROLS);
const CohortCfr = Type.Object({ deployments: Type.Integer(), failed: Type.Integer(), rate: NullableNumber, ci_low: NullableNumber, ci_high: NullableNumber });
const Median = Type.Object(
  { median: NullableNumber, n: Type.Integer({ description: 'incidents whose value is known' }) },
  { description: 'over every incident of the week, exact (percentile_cont over the raw values)' },
);

const ReviewIncident = Type.Object({
  ...IncidentRow.properties,
  links: Type.Array(
    Type.Object({ deployment: Type.String(), service: Type.String(), cohort: Type.String(), confidence: Type.Number(), rule: Type.String() }),
    { description: 'links at or above min_confidence, strongest first' },
  ),
  controls_skipped: Type.Array(Control, { description: 'controls a linked deployment violated' }),
});
export type ReviewLink = Static<typeof ReviewIncident>['links'][number];

const ReviewSlo = Type.Object({
  name: Type.String(),
  metric: Type.String(),
  cohort: Type.String(),
  threshold: Type.Number(),
  objective: Type.Number(),
  window_days: Type.Integer(),
  window: Period,
  total: Type.Integer(),
  good: Type.Integer(),
  missing: Type.Integer(),
  attainment: NullableNumber,
  budget_remaining: NullableNumber,
  burn_rate: NullableNumber,
  rate: NullableNumber,
  ci_high: NullableNumber,
  status: Type.Enum(['met', 'at_risk', 'breached', 'no_data']),
  burned_this_week: Nullable(Type.Integer({ description: 'incidents of this week above the threshold; null for the ratio SLO cfr' })),
  burning_this_week: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), severity: Type.String(), impact_started_at: DateTime, value: Type.Number() }), {
    description: 'those incidents, worst first: at most 200 (burned_this_week counts them all)',
  }),
});

export const WeeklyReviewResponse = Type.Object({
  week: Type.String({ description: 'ISO week, YYYY-Www' }),
  period: Period,
  complete: Type.Boolean({ description: 'false while the week is still going on' }),
  previous_week: Type.String(),
  next_week: Nullable(Type.String({ description: 'null when the next week has not begun' })),
  min_confidence: Type.Number(),
  follow_ups: Type.Array(Type.Object({ ...FollowUp.properties, overdue: Type.Boolean({ description: 'due before the week began' }) }), {
    description: 'open follow-ups due on or before the week’s Sunday, earliest due first',
  }),
  incidents: Type.Array(ReviewIncident, { description: 'Sev1/Sev2 incidents whose impact began in the week, Sev1 first, then by impact start: at most 200, Sev1s kept first (incidents_total counts them all)' }),
  incidents_total: Type.Integer({ description: 'every Sev1/Sev2 incident of the week, listed or not' }),
  slos: Type.Array(ReviewSlo, { description: 'enabled SLOs over their window ending at the week’s end; those that burned budget this week first' }),
  controls_by_team: Type.Array(
    Type.Object({
      team: Type.String(),
      evaluated: Type.Integer({ description: "production deployments to the team's Tier-1 or high-risk services this week" }),
      violations: GovernanceViolationsResponse.properties.summary.properties.violations,
    }),
    { description: 'per team, the governance summary of its services this week; most violations first' },
  ),
  backlog: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      severity: Type.String(),
      impact_started_at: DateTime,
      age_hours: Type.Number(),
      cohort: Type.String(),
      suggested_role: Type.Union([Type.Literal('contributory'), Type.Literal('none')]),
    }),
    { description: 'the oldest 10 unclassified Sev1/Sev2 incidents of the twelve months up to the week’s end, older than 48 hours, oldest first' },
  ),
  backlog_total: Type.Integer({ description: 'every incident of that backlog, listed or not' }),
  headline: Type.Array(
    Type.Object({
      week: Type.String(),
      from: Type.String(),
      days: Type.Number({ description: 'days of the week that have passed' }),
      deployments: Type.Integer(),
      cfr: Type.Object({ ai: CohortCfr, human: CohortCfr, unknown: CohortCfr }),
      ai_share: Type.Object(
        { rate: NullableNumber, ci_low: NullableNumber, ci_high: NullableNumber, n: Type.Integer({ description: 'AI-assisted and human deployments' }) },
        { description: 'AI-assisted / (AI-assisted + human) production deployments, with its Wilson interval' },
      ),
      incidents: Type.Object({ total: Type.Integer(), sev1: Type.Integer(), sev2: Type.Integer() }),
      ttd: Median,
      ttrb: Median,
    }),
    { description: 'the four weeks before and this week, oldest first' },
  ),
  agent_actions: Type.Object({
    destructive: Type.Integer({ description: 'destructive agent actions the agent_destructive_approval control judged this week' }),
    approved: Type.Integer(),
    unapproved: Type.Integer(),
    unapproved_actions: GovernanceViolationsResponse.properties.violations,
  }),
});

type WeeklyReviewBody = Static<typeof WeeklyReviewResponse>;
export type ReviewFollowUp = WeeklyReviewBody['follow_ups'][number];
export type TeamControls = WeeklyReviewBody['controls_by_team'][number];
export type HeadlineWeek = WeeklyReviewBody['headline'][number];

export const WeeklyReviewSchema = {
  summary: 'The weekly operations review of one ISO week: follow-ups, incidents, SLO burn, controls by team, backlog, headline, agent actions',
  querystring: Type.Object({
    week: Type.Optional(Type.String({ description: 'ISO week (2026-W47); default the last complete week' })),
  }),
  response: { 200: WeeklyReviewResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
